#include "docx_support.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace quire::docx::testing {

Unzipped unzip(const std::string& bytes) {
  Unzipped out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return out;
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!za) {
    zip_source_free(src);
    return out;
  }
  const zip_int64_t n = zip_get_num_entries(za, 0);
  out.ok = true;
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      out.ok = false;
      continue;
    }
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    std::string data(static_cast<size_t>(st.size), '\0');
    if (!f || zip_fread(f, data.data(), st.size) != static_cast<zip_int64_t>(st.size)) out.ok = false;
    if (f) zip_fclose(f);
    out.order.push_back(st.name);
    out.parts[st.name] = std::move(data);
  }
  zip_close(za);  // also frees the source
  return out;
}

void parse(const std::string& text, Xml& out) {
  pugi::xml_parse_result r = out.doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  out.ok = static_cast<bool>(r);
  out.error = r.description();
}

model::TextRun text(std::string s, std::string lang) {
  model::TextRun t;
  t.text = std::move(s);
  t.lang = std::move(lang);
  return t;
}

model::Block para(std::vector<model::Inline> content, std::string lang) {
  model::Paragraph p;
  p.content = std::move(content);
  p.lang = std::move(lang);
  return {p};
}

model::Block para(std::string s) {
  return para({text(std::move(s))});
}

model::Block heading(int level, std::string s, std::string id, bool numbered) {
  model::Heading h;
  h.level = level;
  h.content = {text(std::move(s))};
  h.id = std::move(id);
  h.numbered = numbered;
  return {h};
}

model::TableCell cell(std::string s, model::Rag rag) {
  model::TableCell c;
  c.blocks.push_back(para(std::move(s)));
  c.rag = rag;
  return c;
}

namespace {

std::uint32_t crc32(const std::string& data) {
  static std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put32(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put32(png, crc32(body));
}

}  // namespace

std::string make_png(unsigned width, unsigned height) {
  std::string raw;  // filter byte 0 + RGB per row: a blue-to-green gradient
  for (unsigned y = 0; y < height; ++y) {
    raw += '\0';
    for (unsigned x = 0; x < width; ++x) {
      raw += static_cast<char>(0x1d);
      raw += static_cast<char>(0x70 + (x * 0x60) / std::max(1u, width));
      raw += static_cast<char>(0xb8 - (y * 0x60) / std::max(1u, height));
    }
  }
  // zlib stream of stored deflate blocks
  std::string z = "\x78\x01";
  for (size_t at = 0; at < raw.size() || at == 0;) {
    size_t n = std::min<size_t>(65535, raw.size() - at);
    bool last = at + n >= raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += static_cast<char>(n & 0xFF);
    z += static_cast<char>(n >> 8);
    z += static_cast<char>(~n & 0xFF);
    z += static_cast<char>((~n >> 8) & 0xFF);
    z += raw.substr(at, n);
    at += n;
    if (last) break;
  }
  std::uint32_t a = 1, b = 0;
  for (unsigned char ch : raw) {
    a = (a + ch) % 65521;
    b = (b + a) % 65521;
  }
  put32(z, (b << 16) | a);

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr += "\x08\x02";  // 8-bit RGB
  ihdr += std::string(3, '\0');
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

ToolResult run_tool(const std::string& command) {
  ToolResult r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "quire-docx-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& bytes) const {
  std::string full = path_ + "/" + name;
  std::ofstream(full, std::ios::binary) << bytes;
  return full;
}

std::string libreoffice_pdf(const TempDir& dir, const std::string& docx_name, const std::string& docx_bytes) {
  const std::string docx = dir.write(docx_name, docx_bytes);
  // A profile of our own, so parallel runs and a user's LibreOffice do not collide.
  const std::string profile = "file://" + dir.path() + "/lo-profile-" + std::to_string(getpid());
  ToolResult r = run_tool("soffice -env:UserInstallation=" + profile + " --headless --convert-to pdf --outdir '" +
                          dir.path() + "' '" + docx + "'");
  std::string pdf = docx.substr(0, docx.size() - 5) + ".pdf";
  if (r.exit_code != 0 || !std::filesystem::exists(pdf)) return {};
  return pdf;
}

}  // namespace quire::docx::testing

namespace quire::docx::testing {

model::Document sample_care_plan() {
  using namespace model;
  Document doc;
  doc.meta.title = "Care plan for Amira Hassan";
  doc.meta.author = "Children's Services";
  doc.meta.subject = "Care plan";
  doc.meta.language = "en-GB";
  doc.meta.classification = "OFFICIAL-SENSITIVE";
  doc.meta.keywords = {"care plan", "looked after"};
  doc.meta.custom["quire:template"] = "care-plan";

  Section s1;
  s1.title = "Plan";
  Paragraph footer;
  footer.align = Align::Center;
  footer.content = {text("Page "), Field{FieldKind::PageNumber, {}}, text(" of "), Field{FieldKind::PageCount, {}}};
  s1.footer.paragraphs.push_back(footer);

  Paragraph title;
  title.role = ParaRole::Title;
  title.content = {text("Care plan for Amira Hassan")};
  s1.blocks.push_back({title});
  s1.blocks.push_back({Contents{"Contents", 3}});
  s1.blocks.push_back(heading(1, "About this plan", "about", true));

  TextRun link = text("GOV.UK guidance");
  link.link = "https://www.gov.uk/topic/schools-colleges-childrens-services/looked-after-children";
  TextRun internal = text("the goals");
  internal.link = "#goals";
  TextRun strong = text("agreed");
  strong.style.strong = true;
  s1.blocks.push_back(
      para({text("This plan was "), strong, text(" on 3 March"), Footnote{{para("Agreed at the review meeting.")}},
            text(". See "), internal, text(" (section "), CrossRef{"goals", RefForm::Number, {}}, text(", page "),
            CrossRef{"goals", RefForm::Page, {}}, text(") and "), link, text(".")}));

  List nested;
  nested.ordered = true;
  nested.items = {{{para("Reading")}}, {{para("Maths")}}};
  List bullets;
  bullets.items = {{{para("Health")}}, {{para("Education"), Block{nested}}}};
  s1.blocks.push_back({bullets});
  List third;
  third.ordered = true;
  third.start = 3;
  third.items = {{{para("Third step")}}, {{para("Fourth step")}}};
  s1.blocks.push_back({third});

  s1.blocks.push_back(heading(2, "Goals", "goals", true));
  Table t;
  t.caption = "Progress against goals";
  t.header_rows = 1;
  t.column_widths = {2, 1, 1};
  t.id = "progress";
  t.rows.push_back({{cell("Goal"), cell("Status"), cell("Owner")}});
  t.rows.push_back({{cell("Attend school"), cell("On track", Rag::Green), cell("Social worker")}});
  t.rows.push_back({{cell("Health check"), cell("Overdue", Rag::Red), cell("GP")}});
  t.rows.push_back({{cell("Family time"), cell("At risk", Rag::Amber), cell("Foster carer")}});
  TableCell wide = cell("Reviewed together");
  wide.col_span = 2;
  TableCell tall = cell("Next review");
  tall.row_span = 2;
  t.rows.push_back({{wide, tall}});
  t.rows.push_back({{cell("Independent reviewing officer"), cell("In date", Rag::Blue)}});
  s1.blocks.push_back({t});

  s1.blocks.push_back(heading(2, "Amira's words", "words"));
  // Arabic with an English name inside; direction from the first strong character.
  s1.blocks.push_back(para({text("اسم الطفلة هو "), text("Amira Hassan", "en-GB"), text(" وعمرها عشر سنوات.")}, "ar"));
  s1.blocks.push_back(para({text("ቃል ኪዳን ንቖልዑ")}, "ti"));
  s1.blocks.push_back(para({text("我们对你的承诺")}, "zh-CN"));

  Image img;
  img.source = "attendance.png";
  img.data = make_png(120, 60);
  img.alt = "Bar chart: attendance rose from 88% to 95%";
  s1.blocks.push_back({img});
  Image deco;
  deco.source = "line.png";
  deco.data = make_png(40, 4);
  deco.decorative = true;
  s1.blocks.push_back({deco});

  s1.blocks.push_back(para("Name: Sam\x01 Jones\x1f"));
  s1.blocks.push_back({KeepTogether{{para("Signed: ________"), para("Date: ________")}}});
  s1.blocks.push_back({Columns{{{para("We will listen to you.")}, {para({text("سوف نستمع إليك.")}, "ar")}}}});
  Chart chart;
  chart.title = "School attendance";
  chart.alt = "Attendance by term: 88% in autumn, 95% in spring";
  chart.categories = {"Autumn", "Spring"};
  chart.series = {{"2025", {88, 95.5}}};
  s1.blocks.push_back({chart});
  doc.sections.push_back(s1);

  Section s2;
  s2.title = "Appendix";
  s2.page.width = 841.89;
  s2.page.height = 595.276;
  s2.page.orientation = Orientation::Landscape;
  Paragraph header;
  header.content = {text("Care plan - "), Field{FieldKind::SectionTitle, {}}};
  s2.header.paragraphs.push_back(header);
  s2.footer.paragraphs.push_back(footer);
  s2.blocks.push_back(heading(1, "Appendix", "appendix", true));
  s2.blocks.push_back(para("Contact details are held separately."));
  doc.sections.push_back(s2);
  return doc;
}

}  // namespace quire::docx::testing
