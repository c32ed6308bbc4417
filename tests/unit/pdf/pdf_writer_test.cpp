// The PDF writer, checked with real tools: qpdf --check, pdffonts, pdftotext,
// pdfinfo (-struct-text), pdfimages. Outputs live in a temporary directory; set
// QUIRE_PDF_KEEP=<dir> to keep copies for looking at them.
#include "pdf/pdf_writer.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include "pdf/font_subset.hpp"
#include "pdf/structure.hpp"
#include "pdf_support.hpp"
#include "support/test_world.hpp"

namespace quire::pdf {
namespace {

using layout::Role;
using testing::DocBuilder;
using testing::face_for;
using testing::run_tool;
using testing::shape;
using testing::TempDir;

PdfOptions fixed_options() {
  PdfOptions o;
  o.created = std::chrono::system_clock::from_time_t(1768471200);  // 2026-01-15T10:00:00Z
  return o;
}

std::string write(const layout::LaidOutDocument& doc, Diagnostics& diags) {
  return write_pdf(doc, fixed_options(), diags);
}

// Keeps a copy when QUIRE_PDF_KEEP names a directory (for looking at the output).
void keep(const std::string& name, const std::string& bytes) {
  if (const char* dir = std::getenv("QUIRE_PDF_KEEP")) {
    std::filesystem::create_directories(dir);
    TempDir::write_to(std::string(dir) + "/" + name, bytes);
  }
}

std::string shell_arg(const std::string& path) {
  return "'" + path + "'";
}

// Every font line of pdffonts must say emb yes, sub yes, uni yes.
void check_fonts_embedded(const std::string& path, int expected_fonts) {
  auto r = run_tool("pdffonts " + shell_arg(path));
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  int fonts = 0;
  int n = 0;
  while (std::getline(lines, line)) {
    if (++n <= 2) continue;  // header and dashes
    INFO(line);
    CHECK(line.find("CID TrueType") != std::string::npos);
    CHECK(line.find("Identity-H") != std::string::npos);
    CHECK(line.find("yes yes yes") != std::string::npos);
    CHECK(line.find('+') == 6);  // ABCDEF+Name
    ++fonts;
  }
  CHECK(fonts == expected_fonts);
}

void check_qpdf(const std::string& path) {
  auto r = run_tool("qpdf --check " + shell_arg(path));
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("No syntax or stream encoding errors") != std::string::npos);
}

// Every /FlateDecode stream in the file must be a complete zlib stream (MuPDF
// complains about empty or truncated ones; qpdf --check does not look).
void check_flate_streams(const std::string& pdf) {
  int checked = 0;
  for (std::size_t at = 0; (at = pdf.find("stream\r\n", at)) != std::string::npos;) {
    std::size_t dict = pdf.rfind(" obj", at);
    std::size_t start = at + 8;
    std::size_t end = pdf.find("\nendstream\nendobj", start);
    REQUIRE(end != std::string::npos);
    if (pdf.substr(dict, start - dict).find("/FlateDecode") != std::string::npos) {
      z_stream z{};
      inflateInit(&z);
      std::string out(1 << 16, '\0');
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + start));
      z.avail_in = static_cast<uInt>(end - start);
      int rc = Z_OK;
      while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        rc = inflate(&z, Z_NO_FLUSH);
      }
      inflateEnd(&z);
      INFO("stream at byte " << start);
      CHECK(rc == Z_STREAM_END);
      ++checked;
    }
    at = end;
  }
  CHECK(checked > 0);
}

std::string text_of(const std::string& path) {
  auto r = run_tool("pdftotext -enc UTF-8 " + shell_arg(path) + " -");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());  // poppler complains on stderr about broken ToUnicode CMaps
  return r.out;
}

// Whitespace runs -> one space, trimmed; poppler's bidi embedding marks (U+202A..U+202E) dropped.
std::string collapse(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E"})
    for (std::size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, 3);
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

layout::LaidOutDocument english_document() {
  DocBuilder b;
  b.doc.meta.title = "Our promise to you";
  b.doc.meta.author = "Example Council";
  b.doc.meta.language = "en-GB";
  int h1 = b.node(Role::H1);
  int p = b.node(Role::P);
  int fig = b.node(Role::Figure);
  b.doc.structure[static_cast<std::size_t>(fig)].alt = "The council's logo";
  const auto& bold = face_for(U'O', "Latn", "en", true);
  const auto& regular = face_for(U'O', "Latn", "en");
  b.add(shape(bold, "Our promise to you", 20, 72, 100, false, "en"), h1);
  b.add(shape(regular, "We will listen to you and keep you safe.", 11, 72, 130, false, "en"), p);
  b.add(shape(regular, "We will help you with school, fine office affairs.", 11, 72, 145, false, "en"), p);
  static const std::string png = testing::make_png(64, 32);
  b.add(layout::ImageBox{72, 170, 128, 64, std::make_shared<const std::string>(png)}, fig);
  b.add(layout::Rect{72, 110, 451, 0.75f, model::Color{0, 90, 156}, std::nullopt, 0.5f}, -1);
  b.add(shape(regular, "Page 1", 9, 72, 800, false, "en"), -1);
  return b.doc;
}

TEST_CASE("an English heading, paragraph and figure make a valid tagged PDF with embedded subset fonts") {
  Diagnostics diags;
  std::string bytes = write(english_document(), diags);
  CHECK(diags.empty());
  REQUIRE(bytes.size() > 1000);
  CHECK(bytes.compare(0, 8, "%PDF-1.7") == 0);
  keep("english.pdf", bytes);
  check_flate_streams(bytes);
  TempDir tmp;
  std::string path = tmp.write("english.pdf", bytes);

  check_qpdf(path);
  check_fonts_embedded(path, 2);  // Noto Sans Regular and Bold

  std::string text = collapse(text_of(path));
  CHECK(text.find("Our promise to you") != std::string::npos);
  CHECK(text.find("We will listen to you and keep you safe.") != std::string::npos);
  CHECK(text.find("fine office affairs.") != std::string::npos);  // fi/ffi ligatures give back their letters

  auto info = run_tool("pdfinfo " + shell_arg(path));
  CHECK(info.out.find("Tagged:          yes") != std::string::npos);
  CHECK(info.out.find("Title:           Our promise to you") != std::string::npos);
  CHECK(info.out.find("Author:          Example Council") != std::string::npos);
  CHECK(info.out.find("Creator:         quire") != std::string::npos);
  CHECK(info.out.find("PDF version:     1.7") != std::string::npos);

  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  INFO(st.out);
  CHECK(st.out.find("Document") != std::string::npos);
  CHECK(st.out.find("H1") != std::string::npos);
  CHECK(st.out.find("\"Our promise to you\"") != std::string::npos);
  CHECK(st.out.find("P") != std::string::npos);
  CHECK(st.out.find("Figure") != std::string::npos);
  // The footer and the rule are artifacts: not in the structure.
  CHECK(st.out.find("Page 1") == std::string::npos);

  auto images = run_tool("pdfimages -list " + shell_arg(path));
  CHECK(images.out.find("image") != std::string::npos);
  CHECK(images.out.find("smask") != std::string::npos);  // the PNG's alpha channel
}

TEST_CASE("Arabic text comes back in logical order, lam-alef included") {
  DocBuilder b;
  b.doc.meta.title = "وعدنا لكم";
  b.doc.meta.language = "ar";
  int p = b.node(Role::P);
  b.doc.structure[static_cast<std::size_t>(p)].lang = "ar";
  const std::string sentence = "نحن نعتني بالأطفال ونستمع إليهم";
  const auto& face = face_for(U'ن', "Arab", "ar");
  CHECK(face.family == "Noto Naskh Arabic");
  b.add(shape(face, sentence, 16, 200, 120, true, "ar"), p);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  keep("arabic.pdf", bytes);
  TempDir tmp;
  std::string path = tmp.write("arabic.pdf", bytes);
  check_qpdf(path);
  check_fonts_embedded(path, 1);
  CHECK(collapse(text_of(path)) == sentence);
}

TEST_CASE("in Naskh only a cluster with a raised mark is anchored, and the words still come back whole") {
  DocBuilder b;
  b.doc.meta.language = "ar";
  int p = b.node(Role::P);
  b.doc.structure[static_cast<std::size_t>(p)].lang = "ar";
  const std::string marked = "مرحبًا بك";  // tanween fath: a mark raised above its letter
  const std::string plain = "نحن نستمع إليك";
  const auto& face = face_for(U'ن', "Arab", "ar");
  b.add(shape(face, marked, 16, 300, 120, true, "ar"), p);
  b.add(shape(face, plain, 16, 300, 150, true, "ar"), p);
  PdfOptions options = fixed_options();
  options.compress = false;
  Diagnostics diags;
  std::string bytes = write_pdf(b.doc, options, diags);
  CHECK(diags.empty());
  TempDir tmp;
  keep("naskh-marks.pdf", bytes);
  std::string path = tmp.write("naskh-marks.pdf", bytes);
  check_qpdf(path);
  // Letters compared without harakat: pdftotext puts a reversed word's ActualText mark
  // before its letter (it did before anchoring too); a space inside a word would show.
  auto letters = [](std::string s) {
    for (const char* mark : {"\u064B", "\u064C", "\u064D", "\u064E", "\u064F", "\u0650", "\u0651", "\u0652"})
      for (std::size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, 2);
    return s;
  };
  std::string text = letters(collapse(text_of(path)));
  CHECK(text.find(letters(marked)) != std::string::npos);
  CHECK(text.find(plain) != std::string::npos);
  // One cluster carries the mark: its span starts and ends on an invisible anchor (two
  // "3 Tr"), and no other cluster of either line is anchored.
  std::size_t anchors = 0;
  for (std::size_t at = bytes.find("3 Tr\n"); at != std::string::npos; at = bytes.find("3 Tr\n", at + 1)) ++anchors;
  CHECK(anchors == 2);
}

TEST_CASE("a Bengali conjunct word comes back through ActualText") {
  DocBuilder b;
  b.doc.meta.language = "bn";
  int p = b.node(Role::P);
  const std::string word = "স্বাস্থ্য";  // conjuncts sva and sthya
  const auto& face = face_for(U'স', "Beng", "bn");
  b.add(shape(face, word, 16, 72, 120, false, "bn"), p);
  b.add(shape(face, "কিছু", 16, 72, 150, false, "bn"), p);  // a reordered i-matra
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  keep("bengali.pdf", bytes);
  TempDir tmp;
  std::string path = tmp.write("bengali.pdf", bytes);
  check_qpdf(path);
  std::string text = collapse(text_of(path));
  CHECK(text == word + " কিছু");
  // The conjuncts really are marked with ActualText in the (decompressed) content.
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("/ActualText <feff") != std::string::npos);  // qpdf writes hex in lower case
}

TEST_CASE("a title with PDF syntax and non-ASCII text is written safely") {
  DocBuilder b;
  const std::string title = "Promise ) /Evil (true) >> endobj \\ — Ünïcødé 😀 承诺";
  b.doc.meta.title = title;
  b.doc.meta.author = "A (b) <c> \\d";
  b.doc.meta.keywords = {"care", "promise ) /x"};
  int fig = b.node(Role::Figure);
  b.doc.structure[static_cast<std::size_t>(fig)].alt = "Alt ) >> /Evil (x";
  b.doc.structure[static_cast<std::size_t>(fig)].lang = "en) /Lang (fr";
  b.doc.outline.push_back({title, 1, 0, 10});
  layout::LinkBox evil{72, 72, 100, 20, "https://example.org/a b)>>/S/JavaScript/JS(app.alert(1)"};
  b.add(evil, -1);
  b.add(shape(face_for(U'A', "Latn", "en"), "Alt", 11, 72, 100, false, "en"), fig);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  keep("escaping.pdf", bytes);
  TempDir tmp;
  std::string path = tmp.write("escaping.pdf", bytes);
  check_qpdf(path);
  // No injected name made it into any object (strings show up as "u:..." in qpdf's JSON).
  auto json = run_tool("qpdf --json --json-key=qpdf " + shell_arg(path));
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"/Title\": \"u:Promise ) /Evil (true) >> endobj") != std::string::npos);
  CHECK(json.out.find("\"/Evil\"") == std::string::npos);
  CHECK(json.out.find("\"/JS\"") == std::string::npos);
  CHECK(json.out.find("\"/JavaScript\"") == std::string::npos);
  auto info = run_tool("pdfinfo -enc UTF-8 " + shell_arg(path));
  CHECK(info.out.find("Title:           " + title + "\n") != std::string::npos);
  CHECK(info.out.find("Author:          A (b) <c> \\d\n") != std::string::npos);
  CHECK(info.out.find("Keywords:        care, promise ) /x\n") != std::string::npos);
}

TEST_CASE("links, nested outlines and page labels are written") {
  DocBuilder b;
  b.doc.meta.title = "Three pages";
  b.add_page();
  b.add_page();
  b.doc.pages[0].label = "i";
  b.doc.pages[1].label = "1";
  b.doc.pages[2].label = "2";
  int h1 = b.node(Role::H1);
  int p = b.node(Role::P);
  int link = b.node(Role::Link, p);
  int h2 = b.node(Role::H2);
  const auto& f = face_for(U'A', "Latn", "en");
  b.add(shape(f, "Contents", 18, 72, 100, false, "en"), h1);
  b.add(shape(f, "See the details", 11, 72, 130, false, "en"), link);
  b.add(layout::LinkBox{72, 120, 80, 14, "#details"}, link);
  b.add(shape(f, "and our website.", 11, 160, 130, false, "en"), p);
  b.add(layout::LinkBox{160, 120, 80, 14, "https://example.org/pledge?lang=en"}, -1);
  b.add(shape(f, "Details", 16, 72, 100, false, "en"), h2, 1);
  b.add(layout::LinkBox{72, 200, 80, 14, "#nowhere"}, -1, 2);
  b.doc.placements.push_back({"details", 1, 1, 90});
  b.doc.outline = {{"Contents", 1, 0, 90}, {"Details", 2, 1, 90}, {"ملخص", 1, 2, 50}};
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "pdf.unresolved-link");
  CHECK(diags.items()[0].severity == Severity::Warning);
  keep("navigation.pdf", bytes);
  check_flate_streams(bytes);  // page 3 has no content at all
  TempDir tmp;
  std::string path = tmp.write("navigation.pdf", bytes);
  check_qpdf(path);
  auto json = run_tool("qpdf --json --json-key=outlines --json-key=pagelabels " + shell_arg(path));
  INFO(json.out);
  CHECK(json.out.find("\"title\": \"Contents\"") != std::string::npos);
  CHECK(json.out.find("\"title\": \"Details\"") != std::string::npos);
  CHECK(json.out.find("\"title\": \"ملخص\"") != std::string::npos);
  CHECK(json.out.find("\"/S\": \"/r\"") != std::string::npos);
  CHECK(json.out.find("\"/S\": \"/D\"") != std::string::npos);
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("/S /URI") != std::string::npos);
  CHECK(qdf.out.find("/Type /OBJR") != std::string::npos);
  CHECK(qdf.out.find("/StructParent ") != std::string::npos);
  auto objects = run_tool("qpdf --json --json-key=qpdf " + shell_arg(path));
  REQUIRE(objects.exit_code == 0);
  CHECK(objects.out.find("\"/Contents\": \"u:See the details\"") != std::string::npos);  // the link's own text
  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  CHECK(st.out.find("Link") != std::string::npos);
  CHECK(st.out.find("H2") != std::string::npos);
}

TEST_CASE("table header cells are TH with a column scope") {
  DocBuilder b;
  int table = b.node(Role::Table);
  int tr = b.node(Role::TR, table);
  int th = b.node(Role::TH, tr);
  int tr2 = b.node(Role::TR, table);
  int td = b.node(Role::TD, tr2);
  const auto& f = face_for(U'A', "Latn", "en");
  b.add(layout::Rect{72, 90, 200, 20, model::Color{220, 230, 240}, model::Color{0, 0, 0}, 0.5f}, -1);
  b.add(shape(f, "Name", 11, 76, 104, false, "en"), th);
  b.add(shape(f, "Sam", 11, 76, 124, false, "en"), td);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  TempDir tmp;
  std::string path = tmp.write("table.pdf", bytes);
  check_qpdf(path);
  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  CHECK(st.out.find("TH") != std::string::npos);
  CHECK(st.out.find("TD") != std::string::npos);
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("/Scope /Column") != std::string::npos);
}

TEST_CASE("the same document twice gives identical bytes and reuses the cached subset") {
  Diagnostics diags;
  auto doc = english_document();
  std::string first = write(doc, diags);
  auto before = SubsetCache::process().stats();
  std::string second = write(doc, diags);
  auto after = SubsetCache::process().stats();
  CHECK(diags.empty());
  CHECK(first == second);
  CHECK(after.hits == before.hits + 2);
  CHECK(after.misses == before.misses);
}

TEST_CASE("Chinese, Ethiopic, Vietnamese and synthetic bold render with compact subsets") {
  DocBuilder b;
  b.doc.meta.title = "Scripts";
  int p = b.node(Role::P);
  const auto& zh = face_for(U'我', "Hani", "zh");
  const auto& zh_bold = face_for(U'我', "Hani", "zh", true);
  CHECK(zh.family == "WenQuanYi Micro Hei");
  CHECK(zh_bold.synthetic_bold);
  b.add(shape(zh, "我们会保护你的安全。", 18, 72, 100, false, "zh"), p);
  b.add(shape(zh_bold, "我们承诺", 18, 72, 130, false, "zh"), p);
  b.add(shape(face_for(U'ሰ', "Ethi", "ti"), "ንሕና ክንሕልወኩም ኢና።", 16, 72, 170, false, "ti"), p);
  const auto& latin = face_for(U'A', "Latn", "vi");
  b.add(shape(latin, "Chúng tôi sẽ lắng nghe bạn.", 16, 72, 210, false, "vi"), p);
  // Decomposed (NFD) input: the marks are separate glyphs that GPOS stacks.
  b.add(shape(latin, "Vie\xCC\x82\xCC\x81t x\xCC\x82\xCC\x81", 28, 72, 260, false, "vi"), p);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  keep("scripts.pdf", bytes);
  CHECK(bytes.size() < 40000);  // a 49,000-glyph CJK font costs a few KB, not megabytes
  TempDir tmp;
  std::string path = tmp.write("scripts.pdf", bytes);
  check_qpdf(path);
  check_fonts_embedded(path, 3);  // WenQuanYi (regular + synthetic bold share one program), Ethiopic, Noto Sans
  std::string text = collapse(text_of(path));
  CHECK(text.find("我们会保护你的安全。") != std::string::npos);
  CHECK(text.find("我们承诺") != std::string::npos);
  CHECK(text.find("ንሕና ክንሕልወኩም ኢና።") != std::string::npos);
  CHECK(text.find("Chúng tôi sẽ lắng nghe bạn.") != std::string::npos);
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("2 Tr") != std::string::npos);  // synthetic bold strokes the outlines
  CHECK(qdf.out.find(" Ts") != std::string::npos);   // stacked marks are raised
}

TEST_CASE("a JPEG is decoded by quire and embedded as RGB samples") {
  TempDir tmp;
  Diagnostics d0;
  std::string source = tmp.write("source.pdf", write(english_document(), d0));
  auto r = run_tool("pdftoppm -r 20 -jpeg -singlefile " + shell_arg(source) + " " + shell_arg(tmp.path() + "/photo"));
  REQUIRE(r.exit_code == 0);
  auto jpeg = quire::testing::TestWorld().read_file(tmp.path() + "/photo.jpg");
  REQUIRE(jpeg.has_value());
  DocBuilder b;
  int fig = b.node(Role::Figure);
  b.doc.structure[static_cast<std::size_t>(fig)].alt = "A photo";
  b.add(layout::ImageBox{72, 72, 200, 280, std::make_shared<const std::string>(*jpeg)}, fig);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  std::string path = tmp.write("jpeg.pdf", bytes);
  check_qpdf(path);
  auto images = run_tool("pdfimages -list " + shell_arg(path));
  INFO(images.out);
  CHECK(images.out.find("rgb     3   8  image") != std::string::npos);  // Flate samples, not DCT
}

TEST_CASE("a broken image is left out with a warning and the PDF stays valid") {
  DocBuilder b;
  int fig = b.node(Role::Figure);
  b.doc.structure[static_cast<size_t>(fig)].alt = "A picture";  // else also pdf.not-pdf-ua
  static const std::string broken = std::string("\x89PNG\r\n\x1A\n", 8) + "definitely not a png";
  static const std::string unknown = "GIF89a...";
  b.add(layout::ImageBox{72, 72, 100, 100, std::make_shared<const std::string>(broken)}, fig);
  b.add(layout::ImageBox{72, 200, 100, 100, std::make_shared<const std::string>(unknown)}, fig);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code == "pdf.bad-image");
  CHECK(!diags.has_errors());
  TempDir tmp;
  check_qpdf(tmp.write("broken.pdf", bytes));
}

TEST_CASE("PDF/UA-1 is declared only when the structure tree has no gap a template must fix") {
  auto xmp_of = [](const std::string& pdf) {
    std::size_t at = pdf.find("<x:xmpmeta");
    return at == std::string::npos ? std::string() : pdf.substr(at, pdf.find("</x:xmpmeta>") - at);
  };
  {
    DocBuilder b;
    int h = b.node(Role::H1);
    int fig = b.node(Role::Figure);
    b.doc.structure[static_cast<size_t>(fig)].alt = "A blue dot";
    b.doc.meta.title = "Tom & Jerry <draft>";
    b.add(layout::Rect{72, 72, 10, 10, model::Color{0, 0, 255}, std::nullopt, 0}, fig);
    (void)h;
    Diagnostics diags;
    std::string x = xmp_of(write(b.doc, diags));
    CHECK(diags.empty());
    CHECK(x.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
    CHECK(x.find("Tom &amp; Jerry &lt;draft&gt;") != std::string::npos);  // escaped, as it comes from data
    CHECK(x.find("<xmp:CreateDate>2026-01-15T10:00:00Z</xmp:CreateDate>") != std::string::npos);
    CHECK(x.find("<pdf:Producer>quire</pdf:Producer>") != std::string::npos);
  }
  {
    DocBuilder b;
    b.node(Role::H2);  // a second-level heading first
    int table = b.node(Role::Table);
    int tr = b.node(Role::TR, table);
    int td = b.node(Role::TD, tr);
    b.add(layout::Rect{72, 72, 10, 10, model::Color{0, 0, 255}, std::nullopt, 0}, td);
    Diagnostics diags;
    std::string x = xmp_of(write(b.doc, diags));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "pdf.not-pdf-ua");
    CHECK(diags.items()[0].message.find("header row") != std::string::npos);
    CHECK(diags.items()[0].message.find("level 2 comes first") != std::string::npos);
    CHECK(x.find("pdfuaid:part") == std::string::npos);
  }
}

TEST_CASE("a libharu error becomes an Internal diagnostic and no output") {
  DocBuilder b;
  b.doc.pages[0].width = 20000;  // libharu allows 3..14400 points
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(bytes.empty());
  REQUIRE(diags.has_errors());
  CHECK(diags.items()[0].origin == Origin::Internal);
  CHECK(diags.items()[0].code == "pdf.libharu");
}

TEST_CASE("a paragraph that continues on the next page refers to that page's content") {
  DocBuilder b;
  b.add_page();
  int p = b.node(Role::P);
  const auto& f = face_for(U'A', "Latn", "en");
  b.add(shape(f, "The end of page one", 11, 72, 800, false, "en"), p, 0);
  b.add(shape(f, "and the start of page two.", 11, 72, 72, false, "en"), p, 1);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  TempDir tmp;
  std::string path = tmp.write("two-pages.pdf", bytes);
  check_qpdf(path);
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("/Type /MCR") != std::string::npos);
  CHECK(qdf.out.find("/StructParents 1") != std::string::npos);
  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  CHECK(st.out.find("The end of page one") != std::string::npos);
  CHECK(st.out.find("and the start of page two.") != std::string::npos);
}

TEST_CASE("structure text survives ActualText spans inside tagged content") {
  // poppler ends a structure sequence at the first nested EMC; tagged runs with
  // ActualText words therefore tag their pieces separately.
  DocBuilder b;
  int p = b.node(Role::P);
  b.add(shape(face_for(U'স', "Beng", "bn"), "আমরা স্বাস্থ্য", 16, 72, 120, false, "bn"), p);
  b.add(shape(face_for(U'A', "Latn", "en"), "Last words", 11, 72, 150, false, "en"), p);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  TempDir tmp;
  std::string path = tmp.write("tagged-actualtext.pdf", bytes);
  check_qpdf(path);
  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  INFO(st.out);
  CHECK(st.out.find("\"স্বাস্থ্য\"") != std::string::npos);  // one ActualText for the whole word
  CHECK(st.out.find("Last words") != std::string::npos);
  CHECK(collapse(text_of(path)) == "আমরা স্বাস্থ্য Last words");
}

TEST_CASE("without compression the content streams are plain text and the PDF stays valid") {
  PdfOptions options = fixed_options();
  options.compress = false;
  Diagnostics diags;
  std::string bytes = write_pdf(english_document(), options, diags);
  CHECK(diags.empty());
  CHECK(bytes.find("/FlateDecode") == std::string::npos);
  CHECK(bytes.find(" TJ\n") != std::string::npos);
  TempDir tmp;
  std::string path = tmp.write("plain.pdf", bytes);
  check_qpdf(path);
  check_fonts_embedded(path, 2);
  CHECK(collapse(text_of(path)).find("We will listen to you and keep you safe.") != std::string::npos);
}

TEST_CASE("a document without structure is written untagged") {
  DocBuilder b;
  b.doc.structure.clear();
  b.add(shape(face_for(U'A', "Latn", "en"), "Plain", 11, 72, 100, false, "en"), -1);
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  TempDir tmp;
  std::string path = tmp.write("untagged.pdf", bytes);
  check_qpdf(path);
  CHECK(run_tool("pdfinfo " + shell_arg(path)).out.find("Tagged:          no") != std::string::npos);
  CHECK(bytes.find("BDC") == std::string::npos);
}

TEST_CASE("a long document splits its ParentTree into kids and stays valid") {
  DocBuilder b;
  const auto& f = face_for(U'A', "Latn", "en");
  for (int i = 1; i < 600; ++i) b.add_page();
  for (int i = 0; i < 600; ++i) {
    int p = b.node(Role::P);
    b.add(shape(f, "Page " + std::to_string(i + 1), 11, 72, 100, false, "en"), p, i);
  }
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  CHECK(diags.empty());
  TempDir tmp;
  std::string path = tmp.write("long.pdf", bytes);
  check_qpdf(path);
  auto qdf = run_tool("qpdf --qdf --object-streams=disable " + shell_arg(path) + " -");
  CHECK(qdf.out.find("/Limits") != std::string::npos);
  auto st = run_tool("pdfinfo -struct-text " + shell_arg(path));
  CHECK(st.out.find("\"Page 600\"") != std::string::npos);
}

TEST_CASE("documents written on several threads at once are identical") {
  auto doc = english_document();
  Diagnostics d0;
  const std::string expected = write(doc, d0);
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Diagnostics diags;
      for (int k = 0; k < 5; ++k) out[static_cast<std::size_t>(t)] = write(doc, diags);
    });
  for (auto& th : threads) th.join();
  for (const auto& o : out) CHECK(o == expected);
}

TEST_CASE("a document without pages is an Internal error") {
  layout::LaidOutDocument doc;
  Diagnostics diags;
  CHECK(write(doc, diags).empty());
  CHECK(diags.has_errors());
}

TEST_CASE("the writer polls its keep-going check per page and stops with no bytes") {
  DocBuilder b;
  const auto& regular = face_for(U'O', "Latn", "en");
  int p = b.node(Role::P);
  for (int page = 0; page < 12; ++page) {
    int index = page == 0 ? 0 : b.add_page();
    b.add(shape(regular, "Page " + std::to_string(page + 1), 11, 72, 100, false, "en"), p, index);
  }
  int asked = 0;
  pdf::PdfOptions options;
  options.keep_going = [&] { return ++asked < 3; };
  Diagnostics diags;
  std::string bytes = pdf::write_pdf(b.doc, options, diags);
  CHECK(bytes.empty());
  CHECK_FALSE(diags.has_errors());  // the caller says why it stopped
  CHECK(asked == 3);                // it stopped at the first "no", long before page 12

  asked = 0;
  options.keep_going = [&] { return ++asked > 0; };
  bytes = pdf::write_pdf(b.doc, options, diags);
  CHECK(bytes.rfind("%PDF-", 0) == 0);
  CHECK(asked >= 6);  // every other page, at least
}

TEST_CASE("a section of 33,000 paragraphs: children grouped in Divs, no array past libharu's limit") {
  // libharu refuses arrays of more than 32,767 entries (HPDF_LIMIT_MAX_ARRAY): a /K of
  // 33,000 children used to fail the whole document with libharu error 0x1001.
  DocBuilder b;
  const int sect = b.node(Role::Sect);
  constexpr int kParagraphs = 33000, kPerPage = 1000;
  for (int i = 0; i < kParagraphs; ++i) {
    const int page = i / kPerPage;
    if (page >= static_cast<int>(b.doc.pages.size())) b.add_page();
    const int p = b.node(Role::P, sect);
    b.add(layout::Rect{72, 72 + static_cast<float>(i % kPerPage) * 0.7f, 100, 0.5f, model::Color{0, 0, 0}, std::nullopt,
                       0},
          p, page);
  }
  Diagnostics diags;
  std::string bytes = write(b.doc, diags);
  const std::string first_problem = diags.items().empty() ? std::string() : diags.items().front().message;
  INFO(first_problem);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(bytes.rfind("%PDF-", 0) == 0);
  TempDir tmp;
  std::string path = tmp.write("many.pdf", bytes);
  check_qpdf(path);
  auto info = run_tool("pdfinfo " + shell_arg(path));
  INFO(info.out);
  const auto pages_at = info.out.find("Pages:");
  REQUIRE(pages_at != std::string::npos);
  CHECK(std::stoi(info.out.substr(pages_at + 6)) == kParagraphs / kPerPage);
  // pdfinfo -struct walks the tree: every paragraph once, under five Divs of at most 8,192.
  auto tree = run_tool("pdfinfo -struct " + shell_arg(path));
  std::size_t ps = 0, divs = 0;
  for (std::size_t at = 0; (at = tree.out.find('\n', at)) != std::string::npos; ++at) {
    const auto line = tree.out.substr(at + 1, tree.out.find('\n', at + 1) - at - 1);
    const auto word = line.substr(line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' '));
    if (word.rfind("P ", 0) == 0 || word == "P") ++ps;
    if (word.rfind("Div", 0) == 0) ++divs;
  }
  CHECK(ps == kParagraphs);
  CHECK(divs == (kParagraphs + kMaxStructKids - 1) / kMaxStructKids);
}

}  // namespace
}  // namespace quire::pdf
