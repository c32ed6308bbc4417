// Bidi isolates in the Word file: an isolate (FSI/LRI/RLI ... PDI, from an interpolated
// value or <span dir>) is runs of its own with its controls at its edges, its neutrals
// in its own direction (no w:rtl for a phone number inside Arabic); where nothing is
// right to left the controls are left out and the runs are as without them, and so are an
// isolate's in the direction around it with nothing inside against it.
#include <doctest/doctest.h>

#include "docx/docx_writer.hpp"
#include "docx_support.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

struct Body {
  Xml xml;
  explicit Body(const model::Document& doc) {
    Diagnostics diags;
    auto zip = unzip(docx::write_docx(doc, {}, diags));
    REQUIRE(zip.has("word/document.xml"));
    parse(zip.parts.at("word/document.xml"), xml);
    REQUIRE(xml.ok);
  }
  // The runs of the first paragraph: (text of its w:t, has w:rtl).
  std::vector<std::pair<std::string, bool>> runs() const {
    std::vector<std::pair<std::string, bool>> out;
    pugi::xml_node p = xml.doc.select_node("//w:body/w:p").node();
    for (pugi::xpath_node r : p.select_nodes(".//w:r"))
      out.emplace_back(r.node().child("w:t").text().get(), static_cast<bool>(r.node().select_node("w:rPr/w:rtl")));
    return out;
  }
};

model::Document one_paragraph(const std::string& text, const std::string& lang, model::Direction dir) {
  model::Document doc;
  doc.meta.language = lang;
  doc.meta.direction = dir;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back(para({docx::testing::text(text)}, lang));
  return doc;
}

}  // namespace

TEST_CASE("an isolated phone number inside Arabic is a run of its own, without w:rtl, its controls kept") {
  Body body(one_paragraph("اتصل على \u206801632 960 000\u2069 اليوم.", "ar", model::Direction::Rtl));
  auto runs = body.runs();
  REQUIRE(runs.size() == 3);
  CHECK(runs[0] == std::pair<std::string, bool>{"اتصل على ", true});
  CHECK(runs[1] == std::pair<std::string, bool>{"\u206801632 960 000\u2069", false});
  CHECK(runs[2] == std::pair<std::string, bool>{" اليوم.", true});
}

TEST_CASE("an isolate takes its direction from its first letter (LRI and RLI say it); runs change with it") {
  Body fsi(one_paragraph("\u2068أمينة\u2069 و\u2068Sam Patel\u2069 و\u2067123\u2069", "ar", model::Direction::Rtl));
  auto runs = fsi.runs();
  // Runs are cut where the direction changes: the Arabic name stays with the Arabic (and,
  // right to left within right to left, loses its controls).
  REQUIRE(runs.size() == 3);
  CHECK(runs[0] == std::pair<std::string, bool>{"أمينة و", true});
  CHECK(runs[1] == std::pair<std::string, bool>{"\u2068Sam Patel\u2069", false});
  CHECK(runs[2] == std::pair<std::string, bool>{" و123", true});
  // An Arabic name in an English sentence: right to left, its own run.
  Body en(one_paragraph("Dear \u2068أمينة\u2069, welcome", "en-GB", model::Direction::Ltr));
  auto en_runs = en.runs();
  REQUIRE(en_runs.size() == 3);
  CHECK(en_runs[1] == std::pair<std::string, bool>{"\u2068أمينة\u2069", true});
}

TEST_CASE("an isolate in the direction around it, nothing inside running against it, loses its controls") {
  // LibreOffice drops the space before the year inside an isolated Arabic date.
  Body date(one_paragraph("صدر بتاريخ \u2068١٤ مارس ٢٠٢٦\u2069.", "ar", model::Direction::Rtl));
  auto runs = date.runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0] == std::pair<std::string, bool>{"صدر بتاريخ ١٤ مارس ٢٠٢٦.", true});
  // A Latin word inside keeps the isolate, as do digits alone (left to right).
  const std::string mixed_text = "\u2068مرحبا Sam\u2069 \u2068١٤\u2069";
  std::string written;
  for (const auto& [t, rtl] : Body(one_paragraph(mixed_text, "ar", model::Direction::Rtl)).runs()) written += t;
  CHECK(written == mixed_text);
  // Left to right inside left to right, with Arabic elsewhere in the paragraph.
  Body en(one_paragraph("Dear \u2068Sam Patel\u2069 and \u2068أمينة\u2069", "en-GB", model::Direction::Ltr));
  auto en_runs = en.runs();
  REQUIRE(en_runs.size() == 2);
  CHECK(en_runs[0] == std::pair<std::string, bool>{"Dear Sam Patel and ", false});
  CHECK(en_runs[1] == std::pair<std::string, bool>{"\u2068أمينة\u2069", true});
}

TEST_CASE("an isolate that spans runs (a <span dir> around bold text) keeps its direction across them") {
  model::Document doc = one_paragraph("اتصل على \u2066", "ar", model::Direction::Rtl);
  auto& p = std::get<model::Paragraph>(doc.sections[0].blocks[0].value);
  model::TextRun bold = docx::testing::text("0800 157");
  bold.style.strong = true;
  p.content.push_back(bold);
  p.content.push_back(docx::testing::text(" 0000\u2069."));
  auto runs = Body(doc).runs();
  REQUIRE(runs.size() == 5);
  CHECK(runs[1] == std::pair<std::string, bool>{"\u2066", false});
  CHECK(runs[2] == std::pair<std::string, bool>{"0800 157", false});
  CHECK(runs[3] == std::pair<std::string, bool>{" 0000\u2069", false});
  CHECK(runs[4] == std::pair<std::string, bool>{".", true});
}

TEST_CASE("with nothing right to left in the paragraph, isolates are left out and the runs merge as before") {
  Body body(one_paragraph("Call \u2068Sam Patel\u2069 on \u206801632 960 000\u2069.", "en-GB", model::Direction::Ltr));
  auto runs = body.runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0] == std::pair<std::string, bool>{"Call Sam Patel on 01632 960 000.", false});
}
