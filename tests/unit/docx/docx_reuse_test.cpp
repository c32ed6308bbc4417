// What the DOCX writer keeps from one document for the next (deflated parts, icon shapes,
// font subsets) gives the same package a fresh writer would, and the subsets it shares
// cover what every document of a batch may need.
#include <doctest/doctest.h>
#include <hb.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "docx/docx_writer.hpp"
#include "docx/package.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "docx_support.hpp"
#include "support/test_world.hpp"
#include "text/font.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

const std::chrono::system_clock::time_point kCreated = std::chrono::system_clock::from_time_t(1768471200);

std::string write(const model::Document& doc, const text::FontLibrary* fonts = nullptr) {
  docx::DocxOptions options{kCreated};
  options.fonts = fonts;
  Diagnostics diags;
  std::string bytes = docx::write_docx(doc, options, diags);
  REQUIRE_FALSE(diags.has_errors());
  return bytes;
}

model::Document letter(const std::string& name, const std::string& lang = "en-GB") {
  model::Document d;
  d.meta.language = lang;
  model::Section s;
  s.blocks.push_back(para({docx::testing::text(name, lang)}, lang));
  model::Icon icon;
  icon.name = "home";
  icon.alt = "Home";
  icon.size = 20;
  s.blocks.push_back({icon});
  d.sections.push_back(s);
  return d;
}

const text::FontLibrary& loaded_fonts() {
  static testing::TestWorld world;
  static Diagnostics load;
  static text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), load);
  return fonts;
}

// The code points the embedded font part `name` maps (its first 32 bytes restored with the
// key of fontTable.xml).
std::set<char32_t> mapped(const Unzipped& zip, const std::string& part) {
  Xml table;
  parse(zip.parts.at("word/fontTable.xml"), table);
  Xml rels;
  parse(zip.parts.at("word/_rels/fontTable.xml.rels"), rels);
  const std::string target = part.substr(std::string("word/").size());
  const std::string id =
      rels.doc.select_node(("//Relationship[@Target='" + target + "']").c_str()).node().attribute("Id").value();
  const std::string key =
      table.doc.select_node(("//*[@r:id='" + id + "']").c_str()).node().attribute("w:fontKey").value();
  std::string hex;
  for (char c : key)
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  REQUIRE(hex.size() == 32);
  std::string font = zip.parts.at(part);
  REQUIRE(font.size() > 32);
  for (size_t i = 0; i < 32; ++i)
    font[i] = static_cast<char>(static_cast<unsigned char>(font[i]) ^
                                std::stoi(hex.substr(30 - 2 * (i % 16), 2), nullptr, 16));
  hb_blob_t* blob =
      hb_blob_create(font.data(), static_cast<unsigned>(font.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_set_t* set = hb_set_create();
  hb_face_collect_unicodes(face, set);
  std::set<char32_t> out;
  for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(set, &c);) out.insert(c);
  hb_set_destroy(set);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return out;
}

}  // namespace

TEST_CASE("a document written again after others is the same package, its recurring parts from the cache") {
  const std::string first = write(letter("Dear Amani"));
  write(letter("Dear Bereket"));  // the same style sheet, settings and icon: seen a second time
  write(letter("Dear Dawit"));
  const std::string again = write(letter("Dear Amani"));
  CHECK(again == first);
  Unzipped zip = unzip(again);
  REQUIRE(zip.ok);
  for (const auto& [name, bytes] : zip.parts)
    if (name.size() > 4 && name.substr(name.size() - 4) == ".xml") {
      Xml x;
      parse(bytes, x);
      CHECK_MESSAGE(x.ok, name);
    }
}

TEST_CASE("an icon drawn twice is the same shape, written in full where its placeholder was") {
  model::Document d = letter("Dear Amani");
  d.sections[0].blocks.push_back(d.sections[0].blocks.back());
  Unzipped zip = unzip(write(d));
  REQUIRE(zip.ok);
  const std::string& body = zip.parts.at("word/document.xml");
  CHECK(body.find("quire-fragment") == std::string::npos);
  Xml x;
  parse(body, x);
  REQUIRE(x.ok);
  pugi::xpath_node_set shapes = x.doc.select_nodes("//wps:wsp/wps:spPr");
  REQUIRE(shapes.size() == 2);
  CHECK(shapes[0].node().select_node("a:custGeom/a:pathLst/a:path"));
  // The shape sits between the shape's non-visual properties and its body, as before.
  CHECK(std::string(shapes[0].node().previous_sibling().name()) == "wps:cNvSpPr");
  CHECK(std::string(shapes[0].node().next_sibling().name()) == "wps:bodyPr");
  std::string a, b;
  struct W : pugi::xml_writer {
    std::string* out;
    void write(const void* data, size_t size) override { out->append(static_cast<const char*>(data), size); }
  } wa, wb;
  wa.out = &a;
  wb.out = &b;
  shapes[0].node().print(wa, "", pugi::format_raw);
  shapes[1].node().print(wb, "", pugi::format_raw);
  CHECK(a == b);
}

TEST_CASE("serialize writes each fragment in place of its placeholder, text that looks like one stays text") {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("root");
  docx::Fragments fragments;
  root.append_child("t").text().set("<?quire-fragment 0?>");
  docx::append_fragment(root, fragments, std::make_shared<const std::string>("<x a=\"1\"/>"));
  docx::append_fragment(root.append_child("y"), fragments, std::make_shared<const std::string>("<z/>"));
  const std::string out = docx::serialize(doc, fragments);
  CHECK(out.find("<root><t>&lt;?quire-fragment 0?&gt;</t><x a=\"1\"/><y><z/></y></root>") != std::string::npos);
}

TEST_CASE("an embedded Latin font holds all of printable ASCII, an Arabic one all ten of the digits it uses") {
  const text::FontLibrary& fonts = loaded_fonts();
  model::Document d = letter("Hi");
  d.sections[0].blocks.push_back(
      para({docx::testing::text("\u0627\u0644\u0633\u0644\u0627\u0645 \u0663", "ar")}, "ar"));
  Unzipped zip = unzip(write(d, &fonts));
  REQUIRE(zip.ok);
  bool latin = false, arabic = false;
  for (const auto& [name, bytes] : zip.parts) {
    if (name.rfind("word/fonts/", 0) != 0) continue;
    const std::set<char32_t> cmap = mapped(zip, name);
    if (cmap.count(U'H')) {
      latin = true;
      for (char32_t c = 0x21; c < 0x7f; ++c) CHECK_MESSAGE(cmap.count(c), name << " lacks " << static_cast<int>(c));
    }
    if (cmap.count(U'\u0627')) {
      arabic = true;
      for (char32_t c = 0x660; c <= 0x669; ++c) CHECK_MESSAGE(cmap.count(c), name << " lacks " << static_cast<int>(c));
    }
  }
  CHECK(latin);
  CHECK(arabic);
}

TEST_CASE("the style sheet part is reused only for the same style sheet, typography and language") {
  auto styles = [](const model::Document& d) {
    Unzipped zip = unzip(write(d));
    REQUIRE(zip.ok);
    return zip.parts.at("word/styles.xml");
  };
  const model::Document base = letter("Dear Amani");
  const std::string first = styles(base);
  CHECK(styles(letter("Dear Bereket")) == first);  // another child: the same sheet

  model::Document unhyphenated = letter("Dear Amani");
  unhyphenated.typography.unhyphenated = {"Amani"};  // the data's words do not shape the sheet
  CHECK(styles(unhyphenated) == first);

  model::Document larger = letter("Dear Amani");
  larger.typography.body_size = 12;  // as fit-pages sets it
  const std::string at12 = styles(larger);
  CHECK(at12 != first);
  CHECK(at12.find("<w:sz w:val=\"24\"/>") != std::string::npos);

  model::Document recoloured = letter("Dear Amani");
  recoloured.styles.palette["text"] = model::Color{0x11, 0x22, 0x33};
  CHECK(styles(recoloured).find("112233") != std::string::npos);

  const std::string arabic = styles(letter("Dear Amani", "ar"));
  CHECK(arabic != first);
  CHECK(arabic.find("w:bidi=\"ar\"") != std::string::npos);

  CHECK(styles(base) == first);  // and the first sheet again, unchanged
}

TEST_CASE("the characters used per font are every code point added, in order, ASCII, BMP and beyond") {
  docx::UsedChars used;
  CHECK(used.sorted().empty());
  used.add_text("ba ab\x7f");
  used.add_text("\xC5\xB5\xE2\x82\xAC");              // U+0175, U+20AC
  used.add_text("\xF0\x9F\x98\x80\xF0\x9F\x98\x80");  // U+1F600 twice
  used.add_text("\xff");                              // malformed: U+FFFD, as the writer decodes it
  used.add(U'\U00010900');
  used.add(U'\uFFFF');
  const std::vector<char32_t> want = {U' ', U'a', U'b', 0x7f, 0x175, 0x20AC, 0xFFFD, 0xFFFF, 0x10900, 0x1F600};
  CHECK(used.sorted() == want);
  CHECK(used.contains(U'a'));
  CHECK(used.contains(0x1F600));
  CHECK_FALSE(used.contains(U'c'));
  CHECK_FALSE(used.contains(0x1F601));
}

TEST_CASE("every character a run names a font for is in that font's embedded subset, one used once in a note too") {
  // Each of these is used once only: in a footnote, a table cell, a header, a list item, a
  // contents heading, and a face the stack's fonts pick for an emoji.
  const text::FontLibrary& fonts = loaded_fonts();
  auto code_point = [](char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return std::string(buf);
  };
  model::Document d = sample_care_plan();
  auto& blocks = d.sections[0].blocks;
  blocks.push_back(
      para({docx::testing::text("Seen "), model::Footnote{{para("Noted\u2026 by Rhiannon Pryce-\u0175")}, "2"},
            docx::testing::text(" \U0001F600")}));
  model::Table t;
  t.rows.push_back({{cell("Cost"), cell("\u20AC40")}});
  blocks.push_back({t});
  model::List list;
  list.items = {{{para("Zo\u0151")}}};
  blocks.push_back({list});
  blocks.push_back(heading(2, "Who we spoke to: \u0141ucja", "who", true));
  model::Paragraph header;
  header.content = {docx::testing::text("Plan \u00DF")};
  d.sections[0].header.paragraphs.push_back(header);
  Unzipped zip = unzip(write(d, &fonts));
  REQUIRE(zip.ok);

  // family -> the characters its runs hold, over every part with runs; a run that names no
  // font has the document defaults' (no style of the writer sets one)
  Xml styles;
  parse(zip.parts.at("word/styles.xml"), styles);
  const std::string default_family =
      styles.doc.select_node("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:rFonts").node().attribute("w:ascii").value();
  REQUIRE_FALSE(default_family.empty());
  std::map<std::string, std::set<char32_t>> used;
  for (const auto& [name, bytes] : zip.parts) {
    if (name.rfind("word/", 0) != 0 || name.find('/', 5) != std::string::npos || name.size() < 4 ||
        name.substr(name.size() - 4) != ".xml")
      continue;
    Xml x;
    parse(bytes, x);
    REQUIRE_MESSAGE(x.ok, name);
    for (pugi::xpath_node r : x.doc.select_nodes("//w:r[w:t]")) {
      std::string family = r.node().select_node("w:rPr/w:rFonts").node().attribute("w:ascii").value();
      if (family.empty()) family = default_family;
      for (pugi::xml_node t = r.node().child("w:t"); t; t = t.next_sibling("w:t")) {
        const std::string text = t.text().get();
        for (size_t i = 0; i < text.size();) used[family].insert(docx::next_code_point(text, i));
      }
    }
  }
  for (char32_t once : {0x2026, 0x175, 0x20AC, 0x151, 0x141, 0xDF, 0x1F600}) {
    bool found = false;
    for (const auto& [family, chars] : used) found = found || chars.count(once);
    CHECK_MESSAGE(found, code_point(once) << " is in no run");
  }

  // family -> its embedded regular part
  Xml table;
  parse(zip.parts.at("word/fontTable.xml"), table);
  Xml rels;
  parse(zip.parts.at("word/_rels/fontTable.xml.rels"), rels);
  std::map<std::string, std::string> part_of;
  for (pugi::xpath_node f : table.doc.select_nodes("//w:font[w:embedRegular]")) {
    const std::string id = f.node().child("w:embedRegular").attribute("r:id").value();
    const std::string target =
        rels.doc.select_node(("//Relationship[@Id='" + id + "']").c_str()).node().attribute("Target").value();
    part_of[f.node().attribute("w:name").value()] = "word/" + target;
  }
  for (const auto& [family, chars] : used) {
    REQUIRE_MESSAGE(part_of.count(family), family << " is not embedded");
    const std::set<char32_t> cmap = mapped(zip, part_of[family]);
    for (char32_t c : chars)
      if (!text::FontLibrary::needs_no_glyph(c)) CHECK_MESSAGE(cmap.count(c), family << " lacks " << code_point(c));
  }
}

TEST_CASE("a shared part is zipped as the same bytes added as a copy would be, the first time and again") {
  std::string program;
  for (int i = 0; i < 4000; ++i) program += static_cast<char>("font bytes, not random"[i % 22] + i % 7);
  auto shared = std::make_shared<const std::string>(program);
  docx::Package copied;
  copied.add("word/document.xml", "<w:document/>");
  copied.add("word/fonts/font1.odttf", program);
  std::string error;
  const std::string want = copied.zip(kCreated, error);
  REQUIRE(error.empty());
  for (int round = 0; round < 2; ++round) {  // packed, then found by the bytes' address
    docx::Package pkg;
    pkg.add("word/document.xml", "<w:document/>");
    pkg.add_shared("word/fonts/font1.odttf", shared);
    CHECK_MESSAGE(pkg.zip(kCreated, error) == want, round);
  }
  // Other bytes behind another pointer are packed for themselves, never taken for the first.
  auto other = std::make_shared<const std::string>(program + "more");
  docx::Package pkg;
  pkg.add("word/document.xml", "<w:document/>");
  pkg.add_shared("word/fonts/font1.odttf", other);
  Unzipped zip = unzip(pkg.zip(kCreated, error));
  REQUIRE(zip.ok);
  CHECK(zip.parts["word/fonts/font1.odttf"] == program + "more");
}

TEST_CASE("boxes of one look share their table properties; another look, accent or direction gets its own") {
  auto box = [](const std::string& style, const std::string& text, std::optional<model::Color> accent = {}) {
    model::Panel p;
    p.style = style;
    p.accent = accent;
    p.blocks.push_back(para(text));
    return model::Block{p};
  };
  model::Document d;
  d.meta.language = "en-GB";
  model::Section s;
  s.blocks = {box("card", "First card"), box("notice", "A notice"), box("card", "Second card"),
              box("card", "Red card", model::Color{0xAA, 0x00, 0x00}), box("plain", "Plain")};
  d.sections.push_back(s);
  model::Document rtl = d;
  rtl.meta.language = "ar";
  rtl.meta.direction = model::Direction::Rtl;
  for (const model::Document* doc : {&d, &rtl}) {
    Xml xml;
    parse(unzip(write(*doc)).parts["word/document.xml"], xml);
    std::vector<std::string> heads;  // each box table's w:tblPr and w:tblGrid as written
    std::vector<std::string> cells;  // its cell's w:tcPr
    for (pugi::xpath_node t : xml.doc.select_nodes("/w:document/w:body/w:tbl")) {
      cells.push_back(docx::serialize_node(t.node().child("w:tr").child("w:tc").child("w:tcPr")));
      CHECK(cells.back().find("<w:tcW ") != std::string::npos);
      std::string head =
          docx::serialize_node(t.node().child("w:tblPr")) + docx::serialize_node(t.node().child("w:tblGrid"));
      CHECK(head.find("w:tblBorders") != std::string::npos);
      heads.push_back(head);
    }
    REQUIRE(heads.size() == 5);
    CHECK(heads[0] == heads[2]);  // the same look
    CHECK(heads[0] != heads[1]);  // another style
    CHECK(heads[0] != heads[3]);  // another accent
    CHECK(heads[3].find("AA0000") != std::string::npos);
    CHECK(cells[0] == cells[2]);
    CHECK(cells[0] == cells[3]);                         // the accent is the table's border, not the cell's
    CHECK(cells[4].find("w:shd") == std::string::npos);  // a plain box has no fill
    const bool is_rtl = doc == &rtl;
    CHECK((heads[0].find("w:bidiVisual") != std::string::npos) == is_rtl);
  }
}
