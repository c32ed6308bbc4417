// The font stack's faces are read when a document first needs them, not at start-up: a
// one-page render in English should not read the Chinese, Ethiopic or Bengali fonts.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/test_world.hpp"
#include "text/font.hpp"
#include "text/itemize.hpp"

using namespace quire;

namespace {

// The test World, remembering which files were read.
class CountingWorld : public testing::TestWorld {
 public:
  [[nodiscard]] std::optional<std::string> read_file(std::string_view path) const override {
    {
      std::lock_guard lock(mutex_);
      ++reads_[std::string(path)];
    }
    return TestWorld::read_file(path);
  }
  int reads(std::string_view file_name) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& [path, count] : reads_)
      if (path.size() >= file_name.size() &&
          path.compare(path.size() - file_name.size(), file_name.size(), file_name) == 0)
        n += count;
    return n;
  }
  int total() const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& [path, count] : reads_) n += count;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, int> reads_;
};

text::Itemized itemize(const text::FontLibrary& fonts, std::string t, std::string lang) {
  text::ParagraphInput p;
  p.lang = std::move(lang);
  text::Span s;
  s.text = std::move(t);
  p.spans.push_back(std::move(s));
  return text::itemize(p, fonts);
}

}  // namespace

TEST_CASE("no font file is read when the library starts, and English reads only Noto Sans") {
  CountingWorld world;
  Diagnostics diags;
  text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), diags, false);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(world.total() == 0);
  auto it = itemize(fonts, "Dear Jordan, these are our promises.", "en-GB");
  REQUIRE_FALSE(it.runs.empty());
  CHECK(it.runs.front().face->family == "Noto Sans");
  CHECK(world.reads("NotoSans-Regular.ttf") == 1);
  CHECK(world.total() == 1);
}

TEST_CASE("an Arabic paragraph reads Naskh once and never Urdu's Nastaliq, even to check coverage") {
  CountingWorld world;
  Diagnostics diags;
  text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), diags, false);
  auto it = itemize(fonts, "عزيزي يوسف", "ar");
  REQUIRE_FALSE(it.runs.empty());
  CHECK(it.runs.front().face->family == "Noto Naskh Arabic");
  CHECK(fonts.any_covers(U'و'));
  itemize(fonts, "نعدك بأن", "ar");
  CHECK(world.reads("NotoNaskhArabic-Regular.ttf") == 1);
  CHECK(world.reads("NotoNastaliqUrdu-Regular.ttf") == 0);
  CHECK(world.reads("wqy-microhei.ttc") == 0);
  // Urdu reads it when it is needed.
  auto ur = itemize(fonts, "آپ کا", "ur");
  CHECK(ur.runs.front().face->family == "Noto Nastaliq Urdu");
  CHECK(world.reads("NotoNastaliqUrdu-Regular.ttf") == 1);
}

TEST_CASE("a face asked for by many threads at once is read once and is the same face for all") {
  CountingWorld world;
  Diagnostics diags;
  text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), diags, false);
  std::vector<std::thread> threads;
  std::vector<const text::Face*> seen(8, nullptr);
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      const text::Face& f = fonts.pick(U'ሰ', "Ethi", "ti", t % 2 == 1);
      if (f.covers(U'ሰ') && f.upem > 0) seen[t] = &f;
    });
  for (auto& th : threads) th.join();
  for (size_t t = 0; t < seen.size(); ++t) {
    REQUIRE(seen[t] != nullptr);
    CHECK(seen[t] == seen[t % 2]);
    CHECK(seen[t]->family == "Noto Sans Ethiopic");
  }
  CHECK(world.reads("NotoSansEthiopic-Regular.ttf") == 1);
  CHECK(world.reads("NotoSansEthiopic-Bold.ttf") == 1);
}

TEST_CASE("a missing stack font is still reported when the library starts") {
  CountingWorld world;
  Diagnostics diags;
  auto stack = text::default_font_stack();
  stack[3].bold = "truetype/noto/NoSuchFont-Bold.ttf";
  text::FontLibrary fonts(world, testing::font_root(), stack, diags, false);
  CHECK(diags.has_errors());
  CHECK(world.total() == 0);
  // The family draws with its regular outlines, emboldened.
  CHECK(fonts.entry_face(3, true).synthetic_bold);
}
