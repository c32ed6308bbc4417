// docs/TEMPLATES.md keeps up with the code: section 13 lists every diagnostic code a
// template author can meet (found by scanning the sources for "template.xxx" and the
// like), and section 20 every element of the element table with all its attributes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_world.hpp"
#include "template/elements.hpp"
#include "template/expr.hpp"

using namespace quire;

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text of the section whose heading starts with `heading`, up to the next "## ".
std::string section(const std::string& guide, const std::string& heading) {
  const size_t at = guide.find("\n" + heading);
  REQUIRE_MESSAGE(at != std::string::npos, "docs/TEMPLATES.md has no heading " << heading);
  const size_t end = guide.find("\n## ", at + 1);
  return guide.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

const std::string& guide() {
  static const std::string text = read_text(testing::source_dir() + "/docs/TEMPLATES.md");
  return text;
}

// Every diagnostic code written in the renderer's sources with one of the prefixes a
// template author meets (the origins usage, job, locale and internal are others' concern).
std::set<std::string> codes_in_sources() {
  static const std::regex code(R"re("((template|data|layout|text|pdf|docx|check)\.[a-z][a-z0-9-]*)")re");
  static const std::set<std::string> not_codes{"xml", "json", "xlf", "png", "jpg", "txt", "pdf", "docx", "dic"};
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::source_dir() + "/renderer")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    const std::string text = read_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
      const std::string c = (*it)[1];
      if (!not_codes.count(c.substr(c.find('.') + 1))) out.insert(c);
    }
  }
  return out;
}

// The entries of the quick reference: a line that starts at the margin, with the indented
// lines after it; as the words in it ("h1..h6" counts as h1 to h6).
std::vector<std::set<std::string>> reference_entries() {
  const std::string s20 = section(guide(), "## 20.");
  const size_t open = s20.find("```"), close = s20.find("\n```", open + 3);
  REQUIRE(close != std::string::npos);
  std::istringstream lines(s20.substr(open + 3, close - open - 3));
  std::vector<std::string> texts;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    if (line[0] == ' ' && !texts.empty())
      texts.back() += " " + line;
    else
      texts.push_back(line);
  }
  std::vector<std::set<std::string>> out;
  static const std::regex word(R"([A-Za-z0-9_-]+)");
  for (const auto& t : texts) {
    std::set<std::string> words;
    for (std::sregex_iterator it(t.begin(), t.end(), word), end; it != end; ++it) words.insert(it->str());
    if (t.find("h1..h6") != std::string::npos)
      for (char c = '1'; c <= '6'; ++c) words.insert(std::string("h") + c);
    out.push_back(std::move(words));
  }
  return out;
}

}  // namespace

TEST_CASE("section 13 of the guide lists every diagnostic code a template author can meet") {
  const std::string s13 = section(guide(), "## 13.");
  const auto codes = codes_in_sources();
  CHECK(codes.count("template.undefined"));  // the scan finds codes at all
  CHECK(codes.count("layout.unresolved-ref"));
  for (const auto& c : codes) {
    INFO("docs/TEMPLATES.md section 13 does not list " << c << ": add a row saying what it means and how to fix it");
    CHECK(s13.find("`" + c + "`") != std::string::npos);
  }
}

TEST_CASE("section 20 of the guide names every element with all of its attributes") {
  const auto entries = reference_entries();
  for (const auto& name : tmpl::element_names()) {
    bool named = false, complete = false;
    std::string missing;
    for (const auto& words : entries) {
      if (!words.count(name)) continue;
      named = true;
      const tmpl::ElementSpec* spec = tmpl::find_element(name);
      std::string lacking;
      if (spec)
        for (tmpl::At a : spec->attrs)
          if (!words.count(tmpl::attribute_name(a))) lacking += std::string(" ") + tmpl::attribute_name(a);
      if (lacking.empty()) complete = true;
      if (missing.empty() || lacking.size() < missing.size()) missing = lacking;  // the closest entry
    }
    INFO("element <" << name << ">");
    CHECK_MESSAGE(named, "section 20 does not name <" << name << ">");
    CHECK_MESSAGE((!named || complete), "section 20's entry for <" << name << "> lacks" << missing);
  }
}

TEST_CASE("section 20 of the guide names every filter and every function") {
  const auto entries = reference_entries();
  auto entry = [&](const std::string& first) {
    for (const auto& words : entries)
      if (words.count(first)) return words;
    return std::set<std::string>{};
  };
  const auto filters = entry("filters"), functions = entry("functions");
  for (const auto& f : tmpl::function_names(true)) CHECK_MESSAGE(filters.count(f), "section 20 lacks the filter " << f);
  for (const auto& f : tmpl::function_names(false))
    CHECK_MESSAGE(functions.count(f), "section 20 lacks the function " << f);
}
