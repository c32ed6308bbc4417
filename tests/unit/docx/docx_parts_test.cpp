// The DOCX package and its XML: parts, relationships, styles, runs, lists, tables,
// pictures, fields, sections and properties, checked on the unzipped bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "docx/docx_writer.hpp"
#include "docx/fonts.hpp"
#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "docx_support.hpp"
#include "support/test_world.hpp"
#include "text/font.hpp"

using namespace quire;
using namespace quire::docx::testing;

namespace {

// 2026-01-15T10:00:00Z, the TestWorld clock.
const std::chrono::system_clock::time_point kCreated = std::chrono::system_clock::from_time_t(1768471200);

struct Written {
  std::string bytes;
  Unzipped zip;
  Diagnostics diags;
};

Written write(const model::Document& doc) {
  Written w;
  w.bytes = docx::write_docx(doc, {kCreated}, w.diags);
  w.zip = unzip(w.bytes);
  return w;
}

// Parses a part and fails the test if it is missing or not well-formed.
struct Part : Xml {
  Part(const Written& w, const std::string& name) {
    REQUIRE_MESSAGE(w.zip.has(name), name);
    parse(w.zip.parts.at(name), *this);
    REQUIRE_MESSAGE(ok, name << ": " << error);
  }
  pugi::xpath_node_set all(const char* xpath) const { return doc.select_nodes(xpath); }
  pugi::xml_node one(const char* xpath) const { return doc.select_node(xpath).node(); }
};

std::string attr(pugi::xml_node n, const char* name) {
  return n.attribute(name).value();
}

// What a reader takes for a run's `element`/@`attribute` (w:rFonts/@w:ascii, w:lang/@w:val):
// the run's own, else the document defaults' (no style of the writer sets fonts or
// languages). `zip` holds word/styles.xml.
std::string effective(const Unzipped& zip, pugi::xml_node run, const char* element, const char* attribute) {
  const std::string own = std::string("w:rPr/") + element;
  if (pugi::xml_attribute a = run.select_node(own.c_str()).node().attribute(attribute)) return a.value();
  Xml styles;
  parse(zip.parts.at("word/styles.xml"), styles);
  const std::string deflt = std::string("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/") + element;
  return styles.doc.select_node(deflt.c_str()).node().attribute(attribute).value();
}

// The paragraph whose text contains `needle`.
pugi::xml_node paragraph_with(const Part& part, const std::string& needle) {
  for (pugi::xpath_node x : part.all("//w:p")) {
    std::string text;
    for (pugi::xpath_node t : x.node().select_nodes(".//w:t")) text += t.node().text().get();
    if (text.find(needle) != std::string::npos) return x.node();
  }
  return {};
}

// The run whose w:t contains `needle`.
pugi::xml_node run_with(pugi::xml_node scope, const std::string& needle) {
  for (pugi::xpath_node x : scope.select_nodes(".//w:r"))
    if (std::string(x.node().child("w:t").text().get()).find(needle) != std::string::npos) return x.node();
  return {};
}

}  // namespace

TEST_CASE("every part is well-formed, typed and reachable through a relationship") {
  Written w = write(sample_care_plan());
  REQUIRE(w.zip.ok);
  CHECK(w.zip.order.front() == "[Content_Types].xml");
  CHECK_FALSE(w.diags.has_errors());

  Part types(w, "[Content_Types].xml");
  std::set<std::string> defaults, overrides;
  for (auto x : types.all("/Types/Default")) defaults.insert(attr(x.node(), "Extension"));
  for (auto x : types.all("/Types/Override")) overrides.insert(attr(x.node(), "PartName"));

  // Every relationship's internal target exists; every part except the rels is some relationship's target.
  std::set<std::string> targets;
  for (const auto& [name, bytes] : w.zip.parts) {
    const bool xml = name.size() > 4 && (name.ends_with(".xml") || name.ends_with(".rels"));
    if (xml) {
      Xml x;
      parse(bytes, x);
      CHECK_MESSAGE(x.ok, name << " is not well-formed: " << x.error);
    }
    const std::string ext = name.substr(name.rfind('.') + 1);
    CHECK_MESSAGE((defaults.count(ext) || overrides.count("/" + name)), name << " has no content type");
    if (!name.ends_with(".rels")) continue;
    // _rels/.rels -> "", word/_rels/document.xml.rels -> "word/"
    const std::string base = name.substr(0, name.find("_rels/"));
    Part rels(w, name);
    std::set<std::string> ids;
    for (auto r : rels.all("/Relationships/Relationship")) {
      CHECK_MESSAGE(ids.insert(attr(r.node(), "Id")).second, "duplicate relationship id in " << name);
      if (attr(r.node(), "TargetMode") == "External") continue;
      std::string target = base + attr(r.node(), "Target");
      for (size_t up; (up = target.find("/../")) != std::string::npos;) {  // word/charts/../embeddings/x
        const size_t dir = target.rfind('/', up - 1);
        target.erase(dir == std::string::npos ? 0 : dir + 1, up + 4 - (dir == std::string::npos ? 0 : dir + 1));
      }
      CHECK_MESSAGE(w.zip.has(target), name << " points at a missing part " << target);
      targets.insert(target);
    }
  }
  for (const auto& [name, bytes] : w.zip.parts)
    if (!name.ends_with(".rels") && name != "[Content_Types].xml")
      CHECK_MESSAGE(targets.count(name), name << " is not the target of any relationship");
}

TEST_CASE("property children follow the ECMA-376 sequence order Word validates") {
  // Independent statement of the schema sequences (wml.xsd, transitional).
  const std::vector<std::pair<const char*, std::vector<std::string>>> sequences = {
      {"w:pPr",
       {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:numPr", "w:pBdr", "w:shd",
        "w:tabs", "w:bidi", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr"}},
      {"w:rPr",
       {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:smallCaps", "w:color", "w:sz", "w:szCs", "w:u",
        "w:vertAlign", "w:rtl", "w:cs", "w:lang"}},
      {"w:tblPr",
       {"w:tblStyle", "w:bidiVisual", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
        "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"}},
      {"w:tcPr", {"w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:tcMar", "w:vAlign"}},
      {"w:sectPr",
       {"w:headerReference|w:footerReference", "w:type", "w:pgSz", "w:pgMar", "w:pgNumType", "w:cols", "w:titlePg",
        "w:bidi", "w:docGrid"}},
  };
  Written w = write(sample_care_plan());
  int checked = 0;
  for (const auto& [name, bytes] : w.zip.parts) {
    if (!name.ends_with(".xml") || !name.starts_with("word/")) continue;
    Part part(w, name);
    for (const auto& [container, order] : sequences) {
      auto rank = [&](const std::string& child) {
        for (size_t i = 0; i < order.size(); ++i)
          if (order[i] == child || order[i].find(child + "|") == 0 || order[i].ends_with("|" + child))
            return static_cast<int>(i);
        return -1;
      };
      for (auto x : part.all((std::string("//") + container).c_str())) {
        int last = -1;
        for (pugi::xml_node c = x.node().first_child(); c; c = c.next_sibling()) {
          int r = rank(c.name());
          CHECK_MESSAGE(r >= 0, name << ": unexpected " << c.name() << " in " << container);
          CHECK_MESSAGE(r >= last, name << ": " << c.name() << " out of order in " << container);
          last = std::max(last, r);
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("styles are real named styles with four font slots and languages in the defaults") {
  Written w = write(sample_care_plan());
  Part styles(w, "word/styles.xml");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Normal", "Normal"},        {"Title", "Title"},
      {"Subtitle", "Subtitle"},    {"Heading1", "heading 1"},
      {"Heading6", "heading 6"},   {"ListParagraph", "List Paragraph"},
      {"TableGrid", "Table Grid"}, {"Caption", "caption"},
      {"Quote", "Quote"},          {"Lead", "Lead"},
      {"Small", "Small"},          {"Notice", "Notice"},
      {"Hyperlink", "Hyperlink"},  {"FootnoteText", "footnote text"}};
  for (const auto& [id, name] : expected) {
    std::string xp = "//w:style[@w:styleId='" + id + "']";
    pugi::xml_node s = styles.one(xp.c_str());
    REQUIRE_MESSAGE(s, id);
    CHECK(attr(s.child("w:name"), "w:val") == name);
  }
  pugi::xml_node h2 = styles.one("//w:style[@w:styleId='Heading2']");
  CHECK(attr(h2.select_node("w:pPr/w:outlineLvl").node(), "w:val") == "1");
  CHECK(h2.select_node("w:pPr/w:keepNext"));
  CHECK(styles.one("//w:style[@w:styleId='Notice']/w:pPr/w:pBdr/w:left"));
  CHECK(attr(styles.one("//w:style[@w:styleId='Notice']/w:pPr/w:shd"), "w:fill") == "F3F2F1");
  CHECK(styles.one("//w:style[@w:styleId='TableGrid']/w:tblPr/w:tblBorders/w:insideH"));

  pugi::xml_node fonts = styles.one("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:rFonts");
  CHECK(attr(fonts, "w:ascii") == "Noto Sans");
  CHECK(attr(fonts, "w:hAnsi") == "Noto Sans");
  CHECK(attr(fonts, "w:eastAsia") == "WenQuanYi Micro Hei");
  CHECK(attr(fonts, "w:cs") == "Noto Naskh Arabic");
  pugi::xml_node lang = styles.one("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:lang");
  CHECK(attr(lang, "w:val") == "en-GB");
  CHECK(attr(styles.one("/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:sz"), "w:val") == "22");  // 11 pt
}

TEST_CASE("the complex-script default font and language follow the document language") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ar", "Noto Naskh Arabic"},  {"fa-IR", "Noto Naskh Arabic"}, {"ckb", "Noto Naskh Arabic"},
      {"ur", "Noto Nastaliq Urdu"}, {"ti", "Noto Sans Ethiopic"},   {"am-ET", "Noto Sans Ethiopic"},
      {"bn", "Noto Sans Bengali"}};
  for (const auto& [language, font] : cases) {
    model::Document doc;
    doc.meta.language = language;
    doc.sections.emplace_back();
    doc.sections[0].blocks.push_back(para("x"));
    Written w = write(doc);
    Part styles(w, "word/styles.xml");
    CHECK_MESSAGE(attr(styles.one("//w:rPrDefault/w:rPr/w:rFonts"), "w:cs") == font, language);
    CHECK_MESSAGE(attr(styles.one("//w:rPrDefault/w:rPr/w:lang"), "w:bidi") == language, language);
  }
}

TEST_CASE("an Arabic paragraph is bidi, its runs are cut by script with fonts, w:rtl and w:lang") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node p = paragraph_with(doc, "اسم الطفلة");
  REQUIRE(p);
  CHECK(p.select_node("w:pPr/w:bidi"));

  pugi::xml_node arabic = run_with(p, "اسم الطفلة");
  REQUIRE(arabic);
  for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"})
    CHECK_MESSAGE(effective(w.zip, arabic, "w:rFonts", slot) == "Noto Naskh Arabic", slot);
  CHECK(arabic.select_node("w:rPr/w:rtl"));
  CHECK(effective(w.zip, arabic, "w:lang", "w:bidi") == "ar");

  pugi::xml_node name = run_with(p, "Amira Hassan");
  REQUIRE(name);
  CHECK_FALSE(name.select_node("w:rPr/w:rtl"));
  CHECK(effective(w.zip, name, "w:rFonts", "w:ascii") == "Noto Sans");
  CHECK(effective(w.zip, name, "w:lang", "w:val") == "en-GB");
  CHECK(run_with(p, "وعمرها").select_node("w:rPr/w:rtl"));

  // English paragraphs are not bidi.
  CHECK_FALSE(paragraph_with(doc, "This plan was").select_node("w:pPr/w:bidi"));
}

TEST_CASE("Ethiopic and Chinese runs name their script's font in all four slots") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node ti = run_with(doc.doc, "ቃል ኪዳን");
  REQUIRE(ti);
  for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"})
    CHECK(effective(w.zip, ti, "w:rFonts", slot) == "Noto Sans Ethiopic");
  CHECK_FALSE(ti.select_node("w:rPr/w:rtl"));
  CHECK(effective(w.zip, ti, "w:lang", "w:val") == "ti");

  pugi::xml_node zh = run_with(doc.doc, "我们");
  REQUIRE(zh);
  CHECK(effective(w.zip, zh, "w:rFonts", "w:eastAsia") == "WenQuanYi Micro Hei");
  CHECK(attr(zh.select_node("w:rPr/w:rFonts").node(), "w:hint") == "eastAsia");
  CHECK(effective(w.zip, zh, "w:lang", "w:eastAsia") == "zh-CN");
}

TEST_CASE("a run writes only the fonts and languages its document's defaults do not already say") {
  model::Document en;
  en.meta.language = "en-GB";
  en.sections.emplace_back();
  en.sections[0].blocks = {para("Plain words"), para({docx::testing::text("Bonjour", "fr")}),
                           para({docx::testing::text("مرحبا بك")})};
  Written w = write(en);
  Part doc(w, "word/document.xml");
  // A Latin run in the document's language: every slot and the language are the defaults'.
  pugi::xml_node plain = run_with(doc.doc, "Plain words");
  REQUIRE(plain);
  CHECK_FALSE(plain.child("w:rPr"));
  CHECK(effective(w.zip, plain, "w:rFonts", "w:ascii") == "Noto Sans");
  CHECK(effective(w.zip, plain, "w:lang", "w:val") == "en-GB");
  // Another language is still written, and only it.
  pugi::xml_node french = run_with(doc.doc, "Bonjour");
  REQUIRE(french);
  CHECK(attr(french.select_node("w:rPr/w:lang").node(), "w:val") == "fr");
  CHECK_FALSE(french.select_node("w:rPr/w:rFonts"));
  // Arabic in an English document: its font in every slot but cs, which the defaults name.
  pugi::xml_node arabic = run_with(doc.doc, "مرحبا");
  REQUIRE(arabic);
  pugi::xml_node fonts = arabic.select_node("w:rPr/w:rFonts").node();
  CHECK(attr(fonts, "w:ascii") == "Noto Naskh Arabic");
  CHECK(attr(fonts, "w:hAnsi") == "Noto Naskh Arabic");
  CHECK(attr(fonts, "w:eastAsia") == "Noto Naskh Arabic");
  CHECK_FALSE(fonts.attribute("w:cs"));
  CHECK(effective(w.zip, arabic, "w:rFonts", "w:cs") == "Noto Naskh Arabic");
  CHECK(arabic.select_node("w:rPr/w:rtl"));

  // In an Arabic document its Arabic runs leave out w:lang (w:bidi is the default's) and cs.
  model::Document ar;
  ar.meta.language = "ar";
  ar.sections.emplace_back();
  ar.sections[0].blocks = {para({docx::testing::text("مرحبا Amani")}, "ar")};
  Written wa = write(ar);
  Part adoc(wa, "word/document.xml");
  pugi::xml_node greeting = run_with(adoc.doc, "مرحبا");
  REQUIRE(greeting);
  CHECK_FALSE(greeting.select_node("w:rPr/w:lang"));
  CHECK_FALSE(greeting.select_node("w:rPr/w:rFonts").node().attribute("w:cs"));
  CHECK(effective(wa.zip, greeting, "w:lang", "w:bidi") == "ar");
  CHECK(effective(wa.zip, greeting, "w:rFonts", "w:cs") == "Noto Naskh Arabic");
  CHECK(effective(wa.zip, greeting, "w:rFonts", "w:ascii") == "Noto Naskh Arabic");
  // The Latin name: the defaults' fonts, and no language of its own (an Arabic paragraph's).
  pugi::xml_node name = run_with(adoc.doc, "Amani");
  REQUIRE(name);
  CHECK_FALSE(name.select_node("w:rPr/w:rFonts"));
  CHECK_FALSE(name.select_node("w:rPr/w:lang"));
}

TEST_CASE("digits and brackets inside a Tigrinya run take a font that has them, as the PDF does") {
  // Noto Sans Ethiopic has no digits: left in its run, LibreOffice drew "2009" in a serif fallback.
  static testing::TestWorld world;
  Diagnostics load;
  text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), load);
  REQUIRE_FALSE(load.has_errors());
  model::Document d;
  d.meta.language = "ti";
  model::Section s;
  s.blocks.push_back(para({docx::testing::text("30 ነሓሰ 2009 (ዕድመ 17)")}, "ti"));
  d.sections.push_back(s);
  docx::DocxOptions options{kCreated};
  options.fonts = &fonts;
  Diagnostics diags;
  Unzipped zip = unzip(docx::write_docx(d, options, diags));
  Xml doc;
  parse(zip.parts["word/document.xml"], doc);
  std::string ethiopic, latin;
  for (pugi::xpath_node x : doc.doc.select_nodes("//w:r")) {
    const std::string font = effective(zip, x.node(), "w:rFonts", "w:ascii");
    (font == "Noto Sans Ethiopic" ? ethiopic : latin) += x.node().child("w:t").text().get();
  }
  CHECK(ethiopic.find_first_of("0123456789()") == std::string::npos);
  CHECK(latin.find("2009") != std::string::npos);
  CHECK(latin.find("17)") != std::string::npos);
  CHECK(ethiopic.find("ነሓሰ") != std::string::npos);
}

TEST_CASE("a character the run's font lacks takes the font the PDF's picker gives it") {
  // A Bengali danda after a neutral run and a Tifinagh name in English: the stack's fonts
  // (Noto Sans Bengali, DejaVu Sans), as the PDF draws them, not whatever fontconfig lists first.
  static testing::TestWorld world;
  Diagnostics load;
  text::FontLibrary fonts(world, testing::font_root(), text::default_font_stack(), load);
  REQUIRE_FALSE(load.has_errors());
  const std::string tifinagh = "\u2D5C\u2D30\u2D4E\u2D30";
  model::Document d;
  d.meta.language = "bn";
  model::Section s;
  s.blocks.push_back(para({docx::testing::text("আমরা শুনব (১২)\u0964")}, "bn"));
  s.blocks.push_back(para({docx::testing::text("Dear " + tifinagh + ",")}, "en-GB"));
  d.sections.push_back(s);
  docx::DocxOptions options{kCreated};
  options.fonts = &fonts;
  Diagnostics diags;
  Unzipped zip = unzip(docx::write_docx(d, options, diags));
  Xml doc;
  parse(zip.parts["word/document.xml"], doc);
  std::map<std::string, std::string> text_in;  // family -> its runs' text
  for (pugi::xpath_node x : doc.doc.select_nodes("//w:r"))
    text_in[effective(zip, x.node(), "w:rFonts", "w:ascii")] += x.node().child("w:t").text().get();
  const std::string danda = "\u0964";
  for (const char* lacks : {"Noto Sans", "Noto Sans Devanagari"})
    CHECK_MESSAGE(text_in[lacks].find(danda) == std::string::npos, lacks);
  const std::string tifinagh_font = fonts.pick(U'\u2D5C', "Tfng", "en", false).family;
  CHECK(fonts.pick(U'\u0964', "Beng", "bn", false).family == "Noto Sans Bengali");
  CHECK(text_in["Noto Sans Bengali"].find(danda) != std::string::npos);
  CHECK(text_in[tifinagh_font].find(tifinagh) != std::string::npos);
}

TEST_CASE("headings use heading styles, the model's numbers and bookmarks; the contents is a TOC field") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node about = paragraph_with(doc, "About this plan");
  REQUIRE(about);
  // The first hit is the contents entry; the heading itself has the Heading1 style.
  pugi::xml_node h = doc.one("//w:p[w:pPr/w:pStyle/@w:val='Heading1']");
  REQUIRE(h);
  // The number is the model's (numbering pass), as text: not Word's own numbering.
  CHECK_FALSE(h.select_node("w:pPr/w:numPr/w:numId"));
  CHECK(std::string(h.select_node("w:r/w:t").node().text().get()).rfind("1 ", 0) == 0);
  CHECK(attr(h.select_node("w:bookmarkStart").node(), "w:name") == "about");

  std::string instr;
  for (auto x : doc.all("//w:instrText")) instr += x.node().text().get();
  CHECK(instr.find("TOC \\o \"1-3\" \\h \\z \\u") != std::string::npos);
  CHECK(instr.find("PAGEREF goals \\h") != std::string::npos);
  // Cached contents entries link to the headings' bookmarks.
  CHECK(doc.one("//w:p[w:pPr/w:pStyle/@w:val='TOC2']/w:hyperlink[@w:anchor='goals']"));
  // The cached number of the cross-reference is the heading's number.
  CHECK(paragraph_with(doc, "(section 1.1, page").type() == pugi::node_element);

  Part settings(w, "word/settings.xml");
  CHECK_FALSE(settings.one("//w:updateFields"));
  CHECK(attr(settings.one("//w:compat/w:compatSetting[@w:name='compatibilityMode']"), "w:val") == "15");
}

TEST_CASE("each list is its own numbering instance with nested levels and its start value") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  Part numbering(w, "word/numbering.xml");
  auto num_of = [&](const std::string& text) {
    pugi::xml_node p = paragraph_with(doc, text);
    return std::make_pair(attr(p.select_node("w:pPr/w:numPr/w:numId").node(), "w:val"),
                          attr(p.select_node("w:pPr/w:numPr/w:ilvl").node(), "w:val"));
  };
  auto [health, health_lvl] = num_of("Health");
  auto [reading, reading_lvl] = num_of("Reading");
  auto [third, third_lvl] = num_of("Third step");
  CHECK(health_lvl == "0");
  CHECK(reading_lvl == "1");
  CHECK(third_lvl == "0");
  CHECK(health != reading);
  CHECK(reading != third);
  CHECK(paragraph_with(doc, "Health").select_node("w:pPr/w:pStyle[@w:val='ListParagraph']"));

  auto abstract_fmt = [&](const std::string& num_id, const std::string& lvl) {
    std::string xp = "//w:num[@w:numId='" + num_id + "']/w:abstractNumId";
    std::string abs = attr(numbering.one(xp.c_str()), "w:val");
    std::string fx = "//w:abstractNum[@w:abstractNumId='" + abs + "']/w:lvl[@w:ilvl='" + lvl + "']/w:numFmt";
    return attr(numbering.one(fx.c_str()), "w:val");
  };
  CHECK(abstract_fmt(health, "0") == "bullet");
  CHECK(abstract_fmt(reading, "1") == "lowerLetter");
  CHECK(abstract_fmt(third, "0") == "decimal");
  std::string so = "//w:num[@w:numId='" + third + "']/w:lvlOverride[@w:ilvl='0']/w:startOverride";
  CHECK(attr(numbering.one(so.c_str()), "w:val") == "3");
  // every w:num comes after every w:abstractNum
  bool seen_num = false;
  for (pugi::xml_node c = numbering.doc.first_child().first_child(); c; c = c.next_sibling()) {
    if (std::string_view(c.name()) == "w:num") seen_num = true;
    if (std::string_view(c.name()) == "w:abstractNum") CHECK_FALSE(seen_num);
  }
}

TEST_CASE("tables: grid from weights, repeating header row, RAG shading with labels, spans") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node tbl = doc.one("//w:tbl[w:tblPr/w:tblStyle/@w:val='TableGrid']");
  REQUIRE(tbl);
  auto cols = tbl.select_nodes("w:tblGrid/w:gridCol");
  REQUIRE(cols.size() == 3);
  const long a = std::stol(attr(cols[0].node(), "w:w")), b = std::stol(attr(cols[1].node(), "w:w"));
  CHECK(a == doctest::Approx(2 * b).epsilon(0.01));
  CHECK(a + b + std::stol(attr(cols[2].node(), "w:w")) == 9638);  // A4 less two 2 cm margins
  auto rows = tbl.select_nodes("w:tr");
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].node().select_node("w:trPr/w:tblHeader"));
  CHECK_FALSE(rows[1].node().select_node("w:trPr/w:tblHeader"));
  CHECK(rows[0].node().select_node("w:tc/w:p/w:r/w:rPr/w:b"));  // header text is bold

  auto shaded = [&](const std::string& label) {
    for (auto tc : tbl.select_nodes(".//w:tc"))
      if (run_with(tc.node(), label)) return attr(tc.node().select_node("w:tcPr/w:shd").node(), "w:fill");
    return std::string("missing");
  };
  CHECK(shaded("Overdue") == "D4351C");
  CHECK(shaded("At risk") == "F47738");
  CHECK(shaded("On track") == "00703C");
  CHECK(shaded("In date") == "1D70B8");
  CHECK(attr(run_with(tbl, "Overdue").select_node("w:rPr/w:color").node(), "w:val") == "FFFFFF");

  CHECK(attr(rows[4].node().select_node("w:tc/w:tcPr/w:gridSpan").node(), "w:val") == "2");
  CHECK(attr(rows[4].node().select_node("w:tc[2]/w:tcPr/w:vMerge").node(), "w:val") == "restart");
  pugi::xml_node cont = rows[5].node().select_node("w:tc[3]/w:tcPr/w:vMerge").node();
  REQUIRE(cont);
  CHECK_FALSE(cont.attribute("w:val"));
  CHECK(attr(tbl.select_node("w:tblPr/w:tblCaption").node(), "w:val") == "Progress against goals");
  // the caption paragraph carries the table's bookmark and keeps with the table
  pugi::xml_node caption = tbl.previous_sibling();
  CHECK(caption.select_node("w:pPr/w:pStyle[@w:val='Caption']"));
  CHECK(caption.select_node("w:pPr/w:keepNext"));
  CHECK(attr(caption.select_node("w:bookmarkStart").node(), "w:name") == "progress");
}

TEST_CASE("a right-to-left table is bidiVisual") {
  model::Document doc;
  doc.meta.language = "ar";
  doc.meta.direction = model::Direction::Rtl;
  model::Table t;
  t.rows.push_back({{cell("واحد"), cell("اثنان")}});
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({t});
  Written w = write(doc);
  Part part(w, "word/document.xml");
  CHECK(part.one("//w:tbl/w:tblPr/w:bidiVisual"));
  CHECK(part.one("//w:sectPr/w:bidi"));
  CHECK(part.one("//w:tc/w:p/w:pPr/w:bidi"));
}

TEST_CASE("pictures: media part, inline drawing with alt text and size from the PNG header") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  CHECK(w.zip.has("word/media/image1.png"));
  CHECK(w.zip.has("word/media/image2.png"));
  pugi::xml_node inl = doc.one("//wp:inline[wp:docPr/@descr='Bar chart: attendance rose from 88% to 95%']");
  REQUIRE(inl);
  // 120 x 60 px at 96 dpi = 90 x 45 pt; 12700 EMU per point
  CHECK(attr(inl.child("wp:extent"), "cx") == "1143000");
  CHECK(attr(inl.child("wp:extent"), "cy") == "571500");
  pugi::xml_node blip = inl.select_node(".//a:blip").node();
  Part rels(w, "word/_rels/document.xml.rels");
  std::string xp = "//Relationship[@Id='" + attr(blip, "r:embed") + "']";
  CHECK(attr(rels.one(xp.c_str()), "Target") == "media/image1.png");
  // the decorative picture has no alternative text and Office's decorative flag
  pugi::xml_node deco = doc.one("//wp:docPr[@descr='']");
  REQUIRE(deco);
  CHECK(attr(deco.select_node(".//adec:decorative").node(), "val") == "1");

  Part types(w, "[Content_Types].xml");
  CHECK(attr(types.one("//Default[@Extension='png']"), "ContentType") == "image/png");
}

TEST_CASE("image size probe reads PNG IHDR and JPEG SOF") {
  std::string jpeg = std::string("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x11\x08\x00\x20\x00\x40", 17);
  auto j = docx::probe_image(jpeg);
  REQUIRE(j);
  CHECK(j->width == 64);
  CHECK(j->height == 32);
  CHECK(std::string(j->ext) == "jpeg");
  auto p = docx::probe_image(make_png(7, 5));
  REQUIRE(p);
  CHECK(p->width == 7);
  CHECK(p->height == 5);
  CHECK_FALSE(docx::probe_image("GIF89a...."));
}

TEST_CASE("footers hold PAGE and NUMPAGES fields; sections have their own orientation and parts") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  auto sects = doc.all("//w:sectPr");
  REQUIRE(sects.size() == 2);
  pugi::xml_node first = sects[0].node(), last = sects[1].node();
  CHECK(std::string_view(first.parent().name()) == "w:pPr");  // in the section's last paragraph
  CHECK(std::string_view(last.parent().name()) == "w:body");
  CHECK(attr(first.child("w:pgSz"), "w:w") == "11906");
  CHECK_FALSE(first.child("w:pgSz").attribute("w:orient"));
  CHECK(attr(last.child("w:pgSz"), "w:orient") == "landscape");
  CHECK(attr(last.child("w:pgSz"), "w:w") == "16838");
  CHECK(attr(first.child("w:pgMar"), "w:left") == "1134");

  Part rels(w, "word/_rels/document.xml.rels");
  auto part_of = [&](pugi::xml_node sect, const char* ref) {
    std::string id = attr(sect.child(ref), "r:id");
    std::string xp = "//Relationship[@Id='" + id + "']";
    return "word/" + attr(rels.one(xp.c_str()), "Target");
  };
  const std::string footer1 = part_of(first, "w:footerReference"), footer2 = part_of(last, "w:footerReference");
  CHECK(footer1 != footer2);
  Part f1(w, footer1);
  std::string instr;
  for (auto x : f1.all("//w:instrText")) instr += x.node().text().get();
  CHECK(instr.find("PAGE") != std::string::npos);
  CHECK(instr.find("NUMPAGES") != std::string::npos);
  CHECK(f1.all("//w:fldChar[@w:fldCharType='begin']").size() == 2);
  CHECK(f1.all("//w:fldChar[@w:fldCharType='separate']").size() == 2);
  CHECK(f1.all("//w:fldChar[@w:fldCharType='end']").size() == 2);

  // Section 1 has no header of its own but gets an empty part, so it inherits nothing;
  // section 2's header shows its title through the SectionTitle field.
  Part h1(w, part_of(first, "w:headerReference"));
  CHECK_FALSE(h1.one("//w:t"));
  Part h2(w, part_of(last, "w:headerReference"));
  CHECK(paragraph_with(h2, "Care plan - Appendix"));
}

TEST_CASE("footnotes part has the separator notes and the body references a note") {
  Written w = write(sample_care_plan());
  Part notes(w, "word/footnotes.xml");
  CHECK(notes.one("//w:footnote[@w:id='-1'][@w:type='separator']/w:p/w:r/w:separator"));
  CHECK(notes.one("//w:footnote[@w:id='0'][@w:type='continuationSeparator']"));
  CHECK(paragraph_with(notes, "Agreed at the review meeting."));
  CHECK(notes.one("//w:footnote[@w:id='1']//w:footnoteRef"));
  Part doc(w, "word/document.xml");
  CHECK(doc.one("//w:footnoteReference[@w:id='1']"));
}

TEST_CASE(
    "a footnote Word would number otherwise carries the model's mark: Arabic-Indic digits, or 1 again in a copy") {
  model::Document d = sample_care_plan();
  model::Section copy = d.sections.front();
  copy.starts_copy = true;
  d.sections = {d.sections.front(), copy};
  Written w = write(d);
  Part doc(w, "word/document.xml");
  Part notes(w, "word/footnotes.xml");
  // The original's note is Word's own 1; the copy's is written as 1, since Word would say 2.
  CHECK(doc.one("//w:footnoteReference[@w:id='1'][not(@w:customMarkFollows)]"));
  pugi::xml_node again = doc.one("//w:footnoteReference[@w:id='2'][@w:customMarkFollows='1']");
  REQUIRE(again);
  CHECK(std::string(again.parent().child("w:t").text().get()) == "1");
  CHECK(notes.one("//w:footnote[@w:id='2']//w:footnoteRef"));  // the note shows the reference's mark

  d.meta.digits = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669";
  Written ar = write(d);
  Part ar_doc(ar, "word/document.xml");
  pugi::xml_node first = ar_doc.one("//w:footnoteReference[@w:id='1'][@w:customMarkFollows='1']");
  REQUIRE(first);
  CHECK(std::string(first.parent().child("w:t").text().get()) == "\u0661");
}

TEST_CASE("links: external through a relationship, internal through a bookmark anchor") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node ext = doc.one("//w:hyperlink[@r:id]");
  REQUIRE(ext);
  Part rels(w, "word/_rels/document.xml.rels");
  std::string xp = "//Relationship[@Id='" + attr(ext, "r:id") + "']";
  pugi::xml_node rel = rels.one(xp.c_str());
  CHECK(attr(rel, "TargetMode") == "External");
  CHECK(attr(rel, "Target").starts_with("https://www.gov.uk/"));
  CHECK(paragraph_with(doc, "This plan was").select_node("w:hyperlink[@w:anchor='goals']"));
  // bookmark ids are unique
  std::set<std::string> ids;
  for (auto b : doc.all("//w:bookmarkStart")) CHECK(ids.insert(attr(b.node(), "w:id")).second);
  CHECK(doc.all("//w:bookmarkEnd").size() == ids.size());
}

TEST_CASE("keep-together, columns and a native chart") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  CHECK(paragraph_with(doc, "Signed:").select_node("w:pPr/w:keepNext"));
  CHECK_FALSE(paragraph_with(doc, "Date:").select_node("w:pPr/w:keepNext"));
  CHECK(paragraph_with(doc, "Date:").select_node("w:pPr/w:keepLines"));

  pugi::xml_node columns = paragraph_with(doc, "We will listen").parent().parent().parent();
  REQUIRE(std::string_view(columns.name()) == "w:tbl");
  CHECK(columns.select_nodes("w:tr/w:tc").size() == 2);
  CHECK(attr(columns.select_node("w:tblPr/w:tblBorders/w:insideV").node(), "w:val") == "nil");

  pugi::xml_node frame = doc.one("//wp:inline[wp:docPr/@descr='Attendance by term: 88% in autumn, 95% in spring']");
  REQUIRE(frame);
  pugi::xml_node ref = frame.select_node(".//c:chart").node();
  REQUIRE(ref);
  Part rels(w, "word/_rels/document.xml.rels");
  const std::string xp = "//Relationship[@Id='" + attr(ref, "r:id") + "']";
  CHECK(attr(rels.one(xp.c_str()), "Target") == "charts/chart1.xml");
  CHECK(attr(rels.one(xp.c_str()), "Type") ==
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart");
  Part chart(w, "word/charts/chart1.xml");
  CHECK(chart.one("//c:title//a:t[text()='School attendance']"));
  CHECK(chart.all("//c:barChart/c:ser").size() == 1);
  CHECK(chart.one("//c:barChart/c:ser/c:val//c:pt[c:v='95.5']"));
  CHECK(chart.one("//c:barChart/c:ser/c:cat//c:pt[c:v='Spring']"));
  CHECK(chart.one("//c:valAx/c:majorGridlines"));
  CHECK(w.zip.has("word/embeddings/chart1.xlsx"));
  Part types(w, "[Content_Types].xml");
  CHECK(attr(types.one("/Types/Override[@PartName='/word/charts/chart1.xml']"), "ContentType") ==
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
}

TEST_CASE("columns with widths get a grid in those proportions, and a row with other widths a table of its own") {
  model::Document doc;
  model::Section s;
  model::Columns narrow;
  narrow.columns = {{para("Logo")}, {para("Title")}};
  narrow.widths = {1, 3};
  model::Columns even;
  even.columns = {{para("Left")}, {para("Right")}};
  s.blocks = {{narrow}, {even}};
  doc.sections.push_back(std::move(s));
  Written w = write(doc);
  Part part(w, "word/document.xml");
  pugi::xml_node first = paragraph_with(part, "Logo").parent().parent().parent();
  pugi::xml_node second = paragraph_with(part, "Left").parent().parent().parent();
  REQUIRE(std::string_view(first.name()) == "w:tbl");
  REQUIRE(std::string_view(second.name()) == "w:tbl");
  CHECK(first != second);
  auto grid = [](pugi::xml_node tbl) {
    std::vector<long> out;
    for (pugi::xml_node g : tbl.child("w:tblGrid").children("w:gridCol")) out.push_back(g.attribute("w:w").as_int());
    return out;
  };
  const auto g1 = grid(first), g2 = grid(second);
  REQUIRE(g1.size() == 2);
  REQUIRE(g2.size() == 2);
  // The gap (the style sheet's column_gap, 18 pt) is the cells' inner margins, half each;
  // the outer edges have none, so column text lines up with body text.
  const long half = 180;
  auto margin = [&](pugi::xml_node tbl, int cell, const char* side) {
    const std::string xp = "w:tr/w:tc[" + std::to_string(cell) + "]/w:tcPr/w:tcMar/" + side;
    return tbl.select_node(xp.c_str()).node().attribute("w:w").as_int();
  };
  CHECK(margin(first, 1, "w:left") == 0);
  CHECK(margin(first, 1, "w:right") == half);
  CHECK(margin(first, 2, "w:left") == half);
  CHECK(margin(first, 2, "w:right") == 0);
  const double t0 = static_cast<double>(g1[0] - half), t1 = static_cast<double>(g1[1] - half);
  CHECK(t1 == doctest::Approx(3.0 * t0).epsilon(0.01));  // the text widths are in proportion
  CHECK(g1[0] + g1[1] == g2[0] + g2[1]);                 // both span the text width
  CHECK(g2[0] == doctest::Approx(static_cast<double>(g2[1])).epsilon(0.01));
}

TEST_CASE("right to left, the first column is on the right and its outer margin is the right one") {
  model::Document doc;
  doc.meta.language = "ar";
  doc.meta.direction = model::Direction::Rtl;
  model::Section s;
  model::Columns row;
  row.columns = {{para("First")}, {para("Second")}};
  s.blocks = {{row}};
  doc.sections.push_back(std::move(s));
  Written w = write(doc);
  Part part(w, "word/document.xml");
  pugi::xml_node tbl = paragraph_with(part, "First").parent().parent().parent();
  REQUIRE(std::string_view(tbl.name()) == "w:tbl");
  CHECK(tbl.select_node("w:tblPr/w:bidiVisual"));
  pugi::xml_node first = tbl.select_node("w:tr/w:tc[1]/w:tcPr/w:tcMar").node();
  CHECK(first.child("w:right").attribute("w:w").as_int() == 0);
  CHECK(first.child("w:left").attribute("w:w").as_int() == 180);
}

TEST_CASE("a row of columns heading a page gives its first paragraphs no space before, as layout does") {
  model::Document doc;
  model::Section s;
  model::Columns top;  // a logo beside the title, first on the page
  top.columns = {{para("Logo")}, {heading(1, "Our Pledge to you")}};
  model::Columns later;  // further down: the heading keeps its space
  later.columns = {{para("Left")}, {heading(2, "Your health")}};
  s.blocks = {{top}, {para("Between")}, {later}};
  doc.sections.push_back(std::move(s));
  Written w = write(doc);
  Part part(w, "word/document.xml");
  auto before = [](pugi::xml_node p) { return p.child("w:pPr").child("w:spacing").attribute("w:before"); };
  REQUIRE(paragraph_with(part, "Our Pledge to you"));
  CHECK(std::string(before(paragraph_with(part, "Our Pledge to you")).value()) == "0");
  CHECK(std::string(before(paragraph_with(part, "Logo")).value()) == "0");
  CHECK_FALSE(before(paragraph_with(part, "Your health")));  // the Heading2 style's space stands
}

TEST_CASE("Urdu lines ask Word for a little less than layout's height, which LibreOffice sets taller") {
  // Layout: a Nastaliq line is multiple x tallest (1.5) em. Word's auto line is a share of
  // the face's own 2.5 em; LibreOffice sets Nastaliq lines about 6% taller than asked.
  CHECK(docx::auto_line(1.25, "ur", 1.5) == std::lround(0.94 * 240 * 1.25 * 1.5 / 2.5));
  CHECK(docx::auto_line(1.25, "ur-PK", 1.5) == docx::auto_line(1.25, "ur", 1.5));
  CHECK(docx::auto_line(1.25, "ar", 1.5) == std::lround(240 * 1.25 / 1.362));  // Naskh: as layout
  CHECK(docx::auto_line(1.25, "en-GB", 1.5) == std::lround(240 * 1.25 / 1.362));
}

TEST_CASE("icons are inline DrawingML shapes; line charts have markers and one point per category") {
  model::Document d;
  d.meta.language = "en-GB";
  d.sections.emplace_back();
  model::Icon icon;
  icon.name = "school";
  icon.alt = "Education";
  icon.size = 24;
  icon.color = model::Color{0xaa, 0x00, 0x11};
  model::Icon plain;
  plain.name = "star";
  plain.decorative = true;
  model::Chart line;
  line.kind = model::Chart::Kind::Line;
  line.categories = {"Jan", "Feb", "Mar", "Apr"};
  line.series = {{"Calls", {4, 6, 5, 9}}, {"Visits", {1, 2, 2, 3}}};
  line.alt = "Calls and visits by month";
  line.value_suffix = "%";
  d.sections.back().blocks = {{icon}, {plain}, {line}};
  Written w = write(d);
  CHECK_FALSE(w.diags.has_errors());
  Part doc(w, "word/document.xml");
  pugi::xml_node shape = doc.one("//wp:inline[wp:docPr/@descr='Education']//wps:wsp");
  REQUIRE(shape);
  CHECK(shape.select_node("wps:spPr/a:custGeom/a:pathLst/a:path/a:cubicBezTo"));
  CHECK(attr(shape.select_node("wps:spPr/a:ln/a:solidFill/a:srgbClr").node(), "val") == "AA0011");
  CHECK(attr(doc.one("//wp:inline[wp:docPr/@descr='Education']/wp:extent"), "cx") == "304800");  // 24 pt
  CHECK(doc.one("//wp:docPr[@descr='']/a:extLst/a:ext/adec:decorative"));
  Part chart(w, "word/charts/chart1.xml");
  CHECK(chart.all("//c:lineChart/c:ser").size() == 2);
  CHECK(chart.all("//c:lineChart/c:ser[1]/c:val//c:pt").size() == 4);
  CHECK(attr(chart.one("//c:lineChart/c:ser[1]/c:marker/c:symbol"), "val") == "circle");
  CHECK(chart.one("//c:legend"));
  CHECK(attr(chart.one("//c:valAx/c:numFmt"), "formatCode") == "General\"%\"");
  const auto s2 = model::hex(d.styles.color("series-2"));
  CHECK(attr(chart.one("//c:lineChart/c:ser[2]/c:spPr/a:ln/a:solidFill/a:srgbClr"), "val") == s2);
}

TEST_CASE("core and app properties come from the metadata and the given time") {
  Written w = write(sample_care_plan());
  Part core(w, "docProps/core.xml");
  CHECK(std::string(core.one("//dc:title").text().get()) == "Care plan for Amira Hassan");
  CHECK(std::string(core.one("//dc:creator").text().get()) == "Children's Services");
  CHECK(std::string(core.one("//dc:subject").text().get()) == "Care plan");
  CHECK(std::string(core.one("//dc:language").text().get()) == "en-GB");
  CHECK(std::string(core.one("//cp:keywords").text().get()) == "care plan, looked after");
  CHECK(std::string(core.one("//cp:category").text().get()) == "OFFICIAL-SENSITIVE");
  CHECK(std::string(core.one("//dcterms:created").text().get()) == "2026-01-15T10:00:00Z");
  CHECK(attr(core.one("//dcterms:modified"), "xsi:type") == "dcterms:W3CDTF");
  Part app(w, "docProps/app.xml");
  CHECK(std::string(app.one("//Application").text().get()) == "quire");
  Part custom(w, "docProps/custom.xml");
  CHECK(std::string(custom.one("//property[@name='quire:template']/vt:lpwstr").text().get()) == "care-plan");
}

TEST_CASE("control characters in data are dropped, spaces kept") {
  Written w = write(sample_care_plan());
  Part doc(w, "word/document.xml");
  pugi::xml_node p = paragraph_with(doc, "Name: Sam Jones");
  REQUIRE(p);
  CHECK(std::string(w.zip.parts.at("word/document.xml")).find('\x01') == std::string::npos);
  CHECK(attr(p.select_node(".//w:t").node(), "xml:space") == "preserve");
}

TEST_CASE("the same input gives the same bytes") {
  Written a = write(sample_care_plan());
  Written b = write(sample_care_plan());
  REQUIRE_FALSE(a.bytes.empty());
  CHECK(a.bytes == b.bytes);
}

TEST_CASE("unknown cross-reference and link targets are reported, not fatal") {
  model::Document doc;
  doc.sections.emplace_back();
  model::TextRun link = docx::testing::text("nowhere");
  link.link = "#missing";
  doc.sections[0].blocks.push_back(para({link, model::CrossRef{"absent", model::RefForm::Page, {}}}));
  Written w = write(doc);
  REQUIRE(w.zip.ok);
  std::set<std::string> codes;
  for (const auto& d : w.diags.items()) codes.insert(d.code);
  CHECK(codes.count("docx.unknown-link-target"));
  CHECK(codes.count("docx.unknown-reference"));
  CHECK_FALSE(w.diags.has_errors());
}

TEST_CASE("an empty document is still a valid package") {
  model::Document doc;
  Written w = write(doc);
  REQUIRE(w.zip.ok);
  Part body(w, "word/document.xml");
  CHECK(body.one("/w:document/w:body/w:p"));
  CHECK(body.one("/w:document/w:body/w:sectPr/w:pgSz"));
}

TEST_CASE("Urdu takes Nastaliq, Bengali its own font; End alignment is jc=right in both directions") {
  model::Document doc;
  doc.sections.emplace_back();
  model::Paragraph ur;
  ur.lang = "ur";
  ur.align = model::Align::End;
  ur.content = {docx::testing::text("ہم آپ کی بات سنیں گے")};
  model::Paragraph bn;
  bn.lang = "bn";
  bn.align = model::Align::End;
  bn.content = {docx::testing::text("আমরা তোমার কথা শুনব")};
  doc.sections[0].blocks = {{ur}, {bn}};
  Written w = write(doc);
  Part part(w, "word/document.xml");
  pugi::xml_node u = run_with(part.doc, "ہم آپ");
  REQUIRE(u);
  CHECK(attr(u.select_node("w:rPr/w:rFonts").node(), "w:cs") == "Noto Nastaliq Urdu");
  CHECK(attr(u.select_node("w:rPr/w:lang").node(), "w:bidi") == "ur");
  CHECK(u.select_node("w:rPr/w:rtl"));
  pugi::xml_node b = run_with(part.doc, "আমরা");
  REQUIRE(b);
  CHECK(attr(b.select_node("w:rPr/w:rFonts").node(), "w:cs") == "Noto Sans Bengali");
  CHECK(attr(b.select_node("w:rPr/w:rFonts").node(), "w:ascii") == "Noto Sans Bengali");
  CHECK_FALSE(b.select_node("w:rPr/w:rtl"));
  // w:bidi paragraphs read jc logically (checked in LibreOffice by docx_render_test)
  CHECK(attr(paragraph_with(part, "ہم آپ").select_node("w:pPr/w:jc").node(), "w:val") == "right");
  CHECK(paragraph_with(part, "ہم آپ").select_node("w:pPr/w:bidi"));
  CHECK(attr(paragraph_with(part, "আমরা").select_node("w:pPr/w:jc").node(), "w:val") == "right");
}

TEST_CASE("script splitting keeps neutrals with their neighbours") {
  auto runs = docx::split_by_script("(12) Ali علي 7, 我", docx::Script::Latin);
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].text == "(12) Ali ");
  CHECK(runs[0].script == docx::Script::Latin);
  CHECK(runs[1].text == "علي 7, ");
  CHECK(runs[1].script == docx::Script::Arabic);
  CHECK(runs[2].text == "我");
  CHECK(runs[2].script == docx::Script::Han);
  auto only_digits = docx::split_by_script("123", docx::Script::Arabic);
  REQUIRE(only_digits.size() == 1);
  CHECK(only_digits[0].script == docx::Script::Arabic);
  CHECK(docx::split_by_script("", docx::Script::Latin).empty());
  // A script that comes back after another starts a run of its own; every byte is kept,
  // in order, even a malformed one.
  auto back = docx::split_by_script(" Ali \xff, علي. Ali!", docx::Script::Arabic);
  REQUIRE(back.size() == 3);
  CHECK(back[0].text == " Ali \xff, ");
  CHECK(back[0].script == docx::Script::Latin);
  CHECK(back[1].text == "علي. ");
  CHECK(back[1].script == docx::Script::Arabic);
  CHECK(back[2].text == "Ali!");
  CHECK(back[2].script == docx::Script::Latin);
  CHECK(docx::clean_text("a\x01"
                         "b\xff"
                         "c\td") ==
        "ab\xEF\xBF\xBD"
        "c\td");
}

TEST_CASE("a run's tabs and newlines are w:tab and w:br between its pieces of text, carriage returns dropped") {
  model::Document d;
  d.sections.resize(1);
  d.sections[0].blocks.push_back(para("Name:\tSam\r\nJones\n\n\u00E9t\u00E9\r"));
  Written w = write(d);
  Part doc(w, "word/document.xml");
  pugi::xml_node r = run_with(doc.doc, "Name:");
  REQUIRE(r);
  std::string seen;
  for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
    const std::string name = c.name();
    if (name == "w:t") seen += "[" + std::string(c.text().get()) + "]";
    if (name == "w:tab") seen += "T";
    if (name == "w:br") seen += "B";
  }
  CHECK(seen == "[Name:]T[Sam]B[Jones]BB[\u00E9t\u00E9]");
  CHECK(docx::clean_text("\u00E9t\u00E9 ok\x02 \xE2\x82") == "\u00E9t\u00E9 ok \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("clean text comes back whole; text after its first bad character is cleaned as before") {
  // Clean text of every width, and a literal U+FFFD, are copied as they are.
  const std::string clean = "Dear Amani, \u0645\u0631\u062D\u0628\u0627 \u1240 \U0001F600 \uFFFD\t\n\r.";
  CHECK(docx::clean_text(clean) == clean);
  // Clean bytes before the first bad one are kept; after it each character is checked.
  CHECK(docx::clean_text("\u0639\u0644\u064A\x01\u0639\xC0\x80x\xEF\xBF\xBE!") ==
        "\u0639\u0644\u064A\u0639\uFFFDx!");  // C0 80: one malformed character
  // Overlong forms and surrogates are malformed, not characters.
  CHECK(docx::clean_text("a\xED\xA0\x80z") == "a\uFFFDz");
  CHECK(docx::clean_text("") == "");
}

TEST_CASE("the characters of each font are every character written in it, ASCII or not") {
  docx::UsedChars used;
  used.add_text("Abba \u0639\u0644\u064A\t");
  used.add_text("\u0639 z\U0001F600");
  const std::vector<char32_t> want = {U'\t', U' ', U'A', U'a', U'b', U'z', 0x0639, 0x0644, 0x064A, 0x1F600};
  CHECK(used.sorted() == want);
  CHECK(docx::UsedChars().sorted().empty());
}

TEST_CASE("page ranges to a table and a box end at their last paragraph; a heading's is its page") {
  model::Document doc;
  doc.sections.resize(1);
  auto& blocks = doc.sections[0].blocks;
  model::Paragraph refs;
  refs.content.emplace_back(docx::testing::text("Measures on pages "));
  refs.content.emplace_back(model::CrossRef{"measures", model::RefForm::PageRange, {}});
  refs.content.emplace_back(docx::testing::text(", contacts on pages "));
  refs.content.emplace_back(model::CrossRef{"contacts", model::RefForm::PageRange, {}});
  refs.content.emplace_back(docx::testing::text(", summary on pages "));
  refs.content.emplace_back(model::CrossRef{"summary", model::RefForm::PageRange, {}});
  blocks.push_back({refs});
  blocks.push_back(heading(1, "Summary", "summary"));
  model::Table table;
  table.id = "measures";
  for (const char* row : {"first row", "last row"}) {
    model::TableRow r;
    r.cells.push_back(model::TableCell{{para(row)}});
    table.rows.push_back(r);
  }
  blocks.push_back({table});
  model::Panel box;
  box.id = "contacts";
  box.blocks = {para("Your social worker"), para("Your advocate")};
  blocks.push_back({box});

  Written w = write(doc);
  CHECK_FALSE(w.diags.has_errors());
  Part body(w, "word/document.xml");
  std::vector<std::string> fields;
  for (pugi::xpath_node t : paragraph_with(body, "Measures on pages").select_nodes(".//w:instrText"))
    fields.push_back(t.node().text().get());
  REQUIRE(fields.size() == 5);  // two for each range, one for the heading
  auto bookmark = [](const std::string& instr) { return instr.substr(9, instr.find(" \\h") - 9); };
  // the table's range ends in its last cell, the box's in its last paragraph
  const std::string table_end = bookmark(fields[1]);
  CHECK(paragraph_with(body, "last row").select_node((".//w:bookmarkStart[@w:name='" + table_end + "']").c_str()));
  const std::string box_end = bookmark(fields[3]);
  CHECK(paragraph_with(body, "Your advocate").select_node((".//w:bookmarkStart[@w:name='" + box_end + "']").c_str()));
  CHECK(bookmark(fields[0]) != table_end);
  CHECK(bookmark(fields[2]) != box_end);
  CHECK(fields[4].find("PAGEREF") != std::string::npos);
}

TEST_CASE("sections: odd-page starts, page numbering and page ranges become sectPr and PAGEREF fields") {
  model::Document doc;
  doc.sections.resize(3);
  doc.sections[0].title = "Front sheet";
  doc.sections[0].numbering = model::PageNumbering::None;
  doc.sections[0].blocks.push_back(para("Children's Services Committee"));
  model::Paragraph footer;
  footer.content.emplace_back(model::Field{model::FieldKind::PageNumber, {}});
  for (auto& s : doc.sections) s.footer.paragraphs.push_back(footer);
  doc.sections[1].numbering = model::PageNumbering::LowerRoman;
  doc.sections[1].first_page_number = 1;
  model::Paragraph agenda;
  agenda.content.emplace_back(docx::testing::text("Fostering report (Pages "));
  agenda.content.emplace_back(model::CrossRef{"report", model::RefForm::PageRange, {}});
  agenda.content.emplace_back(docx::testing::text(")"));
  doc.sections[1].blocks.push_back({agenda});
  doc.sections[2].id = "report";
  doc.sections[2].title = "Fostering report";
  doc.sections[2].start = model::SectionStart::OddPage;
  doc.sections[2].first_page_number = 1;
  doc.sections[2].blocks.push_back(heading(1, "Fostering report"));
  doc.sections[2].blocks.push_back(para("The committee is asked to note the report."));

  Written w = write(doc);
  CHECK_FALSE(w.diags.has_errors());
  Part body(w, "word/document.xml");
  auto sects = body.all("//w:sectPr");
  REQUIRE(sects.size() == 3);
  CHECK_FALSE(sects[0].node().child("w:type"));
  CHECK_FALSE(sects[0].node().child("w:pgNumType"));
  CHECK(attr(sects[1].node().child("w:pgNumType"), "w:fmt") == "lowerRoman");
  CHECK(attr(sects[1].node().child("w:pgNumType"), "w:start") == "1");
  CHECK(attr(sects[2].node().child("w:type"), "w:val") == "oddPage");
  CHECK(attr(sects[2].node().child("w:pgNumType"), "w:start") == "1");
  CHECK_FALSE(sects[2].node().child("w:pgNumType").attribute("w:fmt"));

  // "Pages X - Y": PAGEREF to bookmarks at the section's first and last paragraphs
  std::string instr;
  for (pugi::xpath_node t : paragraph_with(body, "Fostering report (Pages").select_nodes(".//w:instrText"))
    instr += t.node().text().get();
  CHECK(instr == " PAGEREF _QSect3 \\h  PAGEREF _QSectEnd3 \\h ");
  CHECK(body.one("//w:bookmarkStart[@w:name='_QSect3']"));
  CHECK(body.one("//w:bookmarkStart[@w:name='_QSectEnd3']"));
  auto last = paragraph_with(body, "asked to note");
  REQUIRE(last);
  CHECK(last.select_node(".//w:bookmarkStart[@w:name='_QSectEnd3']"));

  // the front sheet's footer shows no page number; the others do
  std::vector<std::string> footers;
  for (int i = 1; i <= 3; ++i) {
    Part f(w, "word/footer" + std::to_string(i) + ".xml");
    footers.push_back(f.all("//w:instrText").empty() ? "" : f.one("//w:instrText").text().get());
  }
  CHECK(footers == std::vector<std::string>{"", " PAGE ", " PAGE "});
}

TEST_CASE("a chart in a right-to-left document is mirrored by its axes, not by a bidi paragraph") {
  model::Document d;
  d.meta.language = "ar";
  d.meta.direction = model::Direction::Rtl;
  d.sections.emplace_back();
  model::Chart bars;
  bars.categories = {"أ", "ب"};
  bars.series = {{"س", {3, 4}}};
  bars.alt = "x";
  d.sections.back().blocks = {{bars}};
  Written w = write(d);
  Part doc(w, "word/document.xml");
  pugi::xml_node p = doc.one("//w:p[.//c:chart]");
  REQUIRE(p);
  CHECK_FALSE(p.select_node("w:pPr/w:bidi"));  // LibreOffice would mirror the chart's text
  CHECK(attr(p.select_node("w:pPr/w:jc").node(), "w:val") == "right");
  Part chart(w, "word/charts/chart1.xml");
  CHECK(attr(chart.one("//c:catAx/c:scaling/c:orientation"), "val") == "maxMin");
  CHECK(attr(chart.one("//c:valAx/c:axPos"), "val") == "r");
  CHECK(attr(chart.one("//c:valAx/c:scaling/c:min"), "val") == "0");  // bars from zero
}

TEST_CASE("embedded fonts are obfuscated as ECMA-376 17.8.1 says: the key's bytes, last first, over bytes 0-31") {
  const std::string key = "{00112233-4455-6677-8899-AABBCCDDEEFF}";
  std::string font(40, '\0');
  for (size_t i = 0; i < font.size(); ++i) font[i] = static_cast<char>(i);
  const std::string out = docx::obfuscate_font(font, key);
  // Byte 0 is XORed with the key's last pair (FF), byte 15 with its first (00), and again from 16.
  CHECK(static_cast<unsigned char>(out[0]) == (0x00 ^ 0xFF));
  CHECK(static_cast<unsigned char>(out[1]) == (0x01 ^ 0xEE));
  CHECK(static_cast<unsigned char>(out[15]) == (0x0F ^ 0x00));
  CHECK(static_cast<unsigned char>(out[14]) == (0x0E ^ 0x11));
  CHECK(static_cast<unsigned char>(out[16]) == (0x10 ^ 0xFF));
  CHECK(static_cast<unsigned char>(out[31]) == (0x1F ^ 0x00));
  CHECK(out.substr(32) == font.substr(32));       // the rest is untouched
  CHECK(docx::obfuscate_font(out, key) == font);  // applied twice, the font comes back

  const std::string k1 = docx::font_key("font bytes", "Noto Sans", false);
  CHECK(k1.size() == 38);
  CHECK(k1.front() == '{');
  CHECK(k1[9] == '-');
  CHECK(k1 == docx::font_key("font bytes", "Noto Sans", false));  // repeatable
  CHECK(k1 != docx::font_key("font bytes", "Noto Sans", true));
  CHECK(std::none_of(k1.begin(), k1.end(), [](char c) { return c >= 'a' && c <= 'f'; }));  // upper case
}

TEST_CASE("table cell padding, list indents, box and notice padding are the style sheet's, as layout reads them") {
  model::Document d;
  d.typography.body_size = 10;
  d.typography.paragraph_space = 5;
  d.styles.table.padding_x = 10;
  d.styles.table.padding_y = 5;
  d.styles.table.space_after = 4;
  d.styles.lists.bullet_indent = 2;  // 20 pt at a 10 pt body
  d.styles.lists.number_indent = 3;
  d.styles.notice_padding = 8;
  d.sections.resize(1);
  auto& blocks = d.sections[0].blocks;
  model::List bullets;
  bullets.items = {{{para("First point")}, {}}, {{para("Second point")}, {}}};
  blocks.push_back({bullets});
  model::Table table;
  model::TableRow row;
  row.cells.push_back(model::TableCell{{para("Cell one"), para("Cell two")}});
  table.rows.push_back(row);
  blocks.push_back({table});
  model::Panel box;
  box.blocks = {heading(4, "In the box"), para("Last line of the box")};
  blocks.push_back({box});
  model::Paragraph notice;
  notice.role = model::ParaRole::Notice;
  notice.content.emplace_back(docx::testing::text("Take note"));
  blocks.push_back({notice});

  Written w = write(d);
  CHECK_FALSE(w.diags.has_errors());
  Part styles(w, "word/styles.xml");
  pugi::xml_node grid = styles.one("//w:style[@w:styleId='TableGrid']/w:tblPr/w:tblCellMar");
  CHECK(attr(grid.child("w:top"), "w:w") == "100");
  CHECK(attr(grid.child("w:bottom"), "w:w") == "100");
  CHECK(attr(grid.child("w:left"), "w:w") == "200");
  CHECK(attr(grid.child("w:right"), "w:w") == "200");
  // list items keep the paragraph space layout gives them
  CHECK_FALSE(styles.one("//w:style[@w:styleId='ListParagraph']/w:pPr/w:contextualSpacing"));
  CHECK(styles.one("//w:docDefaults/w:pPrDefault/w:pPr/w:widowControl"));
  pugi::xml_node bdr = styles.one("//w:style[@w:styleId='Notice']/w:pPr/w:pBdr/w:top");
  CHECK(attr(bdr, "w:space") == "8");
  CHECK(attr(bdr, "w:sz") == "6");                                                           // 0.75 pt
  CHECK(attr(styles.one("//w:style[@w:styleId='Notice']/w:pPr/w:ind"), "w:left") == "175");  // 8.75 pt

  Part numbering(w, "word/numbering.xml");
  pugi::xml_node ind = numbering.one("//w:abstractNum[@w:abstractNumId='0']/w:lvl[@w:ilvl='1']/w:pPr/w:ind");
  CHECK(attr(ind, "w:left") == "800");
  CHECK(attr(ind, "w:hanging") == "400");
  CHECK(attr(numbering.one("//w:abstractNum[@w:abstractNumId='1']/w:lvl[@w:ilvl='0']/w:pPr/w:ind"), "w:left") == "600");

  Part body(w, "word/document.xml");
  // a cell's and a box's first paragraph have no space before, their last none after
  CHECK(attr(paragraph_with(body, "Cell two").child("w:pPr").child("w:spacing"), "w:after") == "0");
  CHECK(attr(paragraph_with(body, "In the box").child("w:pPr").child("w:spacing"), "w:before") == "0");
  CHECK(attr(paragraph_with(body, "Last line of the box").child("w:pPr").child("w:spacing"), "w:after") == "0");
  // after the table, an exact spacing paragraph of the paragraph space and the table's own
  pugi::xml_node after = body.one("//w:body/w:tbl[1]").next_sibling();
  REQUIRE(after);
  CHECK(attr(after.child("w:pPr").child("w:spacing"), "w:line") == "180");
  CHECK(attr(after.child("w:pPr").child("w:spacing"), "w:lineRule") == "exact");
}

TEST_CASE("a chart's embedded workbook holds its series, its parts stored for the DOCX to deflate once") {
  model::Document d;
  d.meta.language = "en-GB";
  d.sections.emplace_back();
  for (int i = 0; i < 2; ++i) {  // the second workbook reuses the parts made for the first
    model::Chart bars;
    bars.categories = {"Autumn", "Spring"};
    bars.series = {{"Attendance", {88.5, 95.0 + i}}, {"Target", {90, 90}}};
    bars.alt = "Attendance by term";
    d.sections.back().blocks.push_back({bars});
  }
  Written w = write(d);
  CHECK_FALSE(w.diags.has_errors());
  for (int n = 1; n <= 2; ++n) {
    const std::string name = "word/embeddings/chart" + std::to_string(n) + ".xlsx";
    REQUIRE(w.zip.has(name));
    const std::string& xlsx = w.zip.parts.at(name);
    REQUIRE(xlsx.size() > 30);
    CHECK(xlsx.compare(0, 4, "PK\x03\x04") == 0);
    CHECK((xlsx[8] == 0 && xlsx[9] == 0));  // the first part's method: stored
    Unzipped book = unzip(xlsx);
    REQUIRE(book.ok);
    CHECK(book.order.front() == "[Content_Types].xml");
    for (const char* part : {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}) CHECK(book.has(part));
    REQUIRE(book.has("xl/worksheets/sheet1.xml"));
    Xml sheet;
    parse(book.parts.at("xl/worksheets/sheet1.xml"), sheet);
    REQUIRE(sheet.ok);
    pugi::xml_node data = sheet.doc.child("worksheet").child("sheetData");
    CHECK(std::string(data.find_child_by_attribute("row", "r", "1")
                          .find_child_by_attribute("c", "r", "B1")
                          .child("is")
                          .child("t")
                          .text()
                          .get()) == "Attendance");
    CHECK(std::string(data.find_child_by_attribute("row", "r", "3")
                          .find_child_by_attribute("c", "r", "B3")
                          .child("v")
                          .text()
                          .get()) == (n == 1 ? "95" : "96"));
    CHECK(std::string(data.find_child_by_attribute("row", "r", "2")
                          .find_child_by_attribute("c", "r", "C2")
                          .child("v")
                          .text()
                          .get()) == "90");
  }
}
