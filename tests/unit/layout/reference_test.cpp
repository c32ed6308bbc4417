// Reference dumps (tests/unit/layout/cases/*.txt) and concurrent layout.
// Set QUIRE_UPDATE_REFERENCES=1 to rewrite the reference files after an intended change.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "builders.hpp"

using namespace quire;
using namespace quire::testing;

namespace {

// A one-page pledge: title, paragraphs, a list and a page N of M footer.
model::Document pledge(const std::string& name) {
  std::vector<model::Block> blocks;
  blocks.push_back(para("Our pledge to " + name, model::ParaRole::Title));
  blocks.push_back(
      para("These are the promises we make to every child and young person in our care.", model::ParaRole::Lead));
  blocks.push_back(heading(2, "We will", "will"));
  blocks.push_back(para("Listen to you and take what you say seriously, even when we cannot do what you ask."));
  blocks.push_back(para("Explain decisions about your life in a way you understand, and tell you why we made them."));
  model::List l;
  for (const char* item : {"Keep you safe", "Help you stay in touch with your family", "Support you at school"})
    l.items.push_back({{para(item)}});
  blocks.push_back({l});
  blocks.push_back(para("If you are unhappy with anything, you can talk to your advocate.", model::ParaRole::Notice));
  auto doc = document(std::move(blocks));
  model::Paragraph footer;
  footer.align = model::Align::Center;
  footer.content.emplace_back(std::in_place_type<model::TextRun>, run("Page "));
  footer.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageNumber, {}});
  footer.content.emplace_back(std::in_place_type<model::TextRun>, run(" of "));
  footer.content.emplace_back(std::in_place_type<model::Field>, model::Field{model::FieldKind::PageCount, {}});
  doc.sections[0].footer.paragraphs.push_back(footer);
  return doc;
}

// Right-to-left and mixed text: Arabic with an English name, Urdu, a mirrored table.
model::Document mixed_rtl() {
  std::vector<model::Block> blocks;
  blocks.push_back(heading(1, "تعهدنا لك", "pledge"));
  model::Paragraph name;
  name.content.emplace_back(std::in_place_type<model::TextRun>, run("اسم الطفل: "));
  name.content.emplace_back(std::in_place_type<model::TextRun>, run("Amira Jones", "en-GB"));
  name.content.emplace_back(std::in_place_type<model::TextRun>, run("، رقم الملف 12345."));
  blocks.push_back({name});
  model::Paragraph urdu;
  urdu.content.emplace_back(std::in_place_type<model::TextRun>, run("ہم آپ کی بات سنیں گے۔"));
  urdu.lang = "ur";
  blocks.push_back({urdu});
  model::Table t;
  t.header_rows = 1;
  t.rows.push_back({{cell("الإجراء"), cell("الحالة")}});
  model::TableRow row{{cell("زيارة شهرية"), cell("أخضر")}};
  row.cells[1].rag = model::Rag::Green;
  t.rows.push_back(row);
  blocks.push_back({t});
  return document(std::move(blocks), "ar", model::Direction::Rtl);
}

void check_reference(const std::string& name, const std::string& actual) {
  const std::string path = source_dir() + "/tests/unit/layout/cases/" + name + ".txt";
  const char* update = std::getenv("QUIRE_UPDATE_REFERENCES");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("updated " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing reference " << path << " (run with QUIRE_UPDATE_REFERENCES=1)");
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK_MESSAGE(expected.str() == actual,
                "layout dump differs from " << path << " (if intended, rerun with QUIRE_UPDATE_REFERENCES=1)");
}

}  // namespace

TEST_CASE("reference dump: one-page English pledge") {
  auto out = lay_out(pledge("Amira"));
  CHECK(out.pages.size() == 1);
  check_reference("pledge-en", layout::dump(out));
}

TEST_CASE("reference dump: right-to-left Arabic with English and Urdu") {
  auto out = lay_out(mixed_rtl());
  CHECK(out.pages.size() == 1);
  check_reference("mixed-rtl", layout::dump(out));
}

TEST_CASE("lay_out can run on several threads sharing fonts and dictionaries, with the same result") {
  const auto en = layout::dump(lay_out(pledge("Ben")));
  const auto ar = layout::dump(lay_out(mixed_rtl()));
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) results[t] = layout::dump(lay_out(t % 2 ? mixed_rtl() : pledge("Ben")));
    });
  for (auto& th : threads) th.join();
  for (size_t t = 0; t < results.size(); ++t) CHECK(results[t] == (t % 2 ? ar : en));
}
