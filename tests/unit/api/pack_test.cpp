// Packs: several documents as one PDF. Page numbers run on across documents, a reference
// from one document to another resolves, a Public pack holds nothing of a confidential
// document, each document's errors point into /documents/N, and the pack's bounds hold.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "quire/job_json.hpp"
#include "quire/render.hpp"
#include "support/test_world.hpp"

using namespace quire;
using nlohmann::json;

namespace {

const std::string kRoot = "/mem/pack-templates";

// One page with a heading (its id from the data), a paragraph and a reference to an id the
// data names, which may be in another document of the pack.
const char* kItemTemplate = R"(<?xml version="1.0" encoding="UTF-8"?>
<document title="{{ heading }}">
  <section size="A4" margin="56.7">
    <footer>
      <p role="small" align="center">Page {{ field('page') }} of {{ field('pages') }}</p>
    </footer>
    <h1 id="{{ anchor }}">{{ heading }}</h1>
    <p>{{ body }}</p>
    <p>{{ see_text }} <ref target="{{ see }}"/>.</p>
  </section>
</document>
)";

const char* kItemSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["heading", "anchor", "body", "see", "see_text"],
  "properties": {
    "heading": {"type": "string"}, "anchor": {"type": "string"}, "body": {"type": "string"},
    "see": {"type": "string"}, "see_text": {"type": "string"}
  }
})";

testing::TestWorld& world() {
  static testing::TestWorld w = [] {
    testing::TestWorld t;
    t.put(kRoot + "/pack-item/template.xml", kItemTemplate);
    t.put(kRoot + "/pack-item/schema.json", kItemSchema);
    return t;
  }();
  return w;
}

const Engine& engine() {
  static Engine e(world(), [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    c.template_roots = {kRoot};
    return c;
  }());
  return e;
}

PackDocument item(const std::string& heading, const std::string& anchor, const std::string& body,
                  const std::string& see_text, const std::string& see) {
  PackDocument d;
  d.template_ref = "pack-item";
  d.data = json{{"heading", heading}, {"anchor", anchor}, {"body", body}, {"see", see}, {"see_text", see_text}}.dump();
  return d;
}

/// A scratch folder, removed at the end of the test.
struct Scratch {
  std::string path;
  Scratch() {
    std::string templ = (std::filesystem::temp_directory_path() / "quire-pack-XXXXXX").string();
    REQUIRE(mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path + "/" + name, std::ios::binary) << bytes;
    return path + "/" + name;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path + "/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
};

/// Runs a tool; its standard output, and its exit status in `status`.
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int raw = pclose(p);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

std::string pdf_text(const Scratch& dir, const std::string& pdf) {
  int status = 0;
  std::string text = run("pdftotext -layout '" + dir.write("t.pdf", pdf) + "' -", status);
  CHECK(status == 0);
  return text;
}

/// The PDF with every stream decompressed and no object streams (qpdf --qdf): what a reader
/// of the file's bytes could find, titles and outline entries included.
std::string decompressed(const Scratch& dir, const std::string& pdf) {
  const std::string in = dir.write("c.pdf", pdf);
  int status = 0;
  run("qpdf --qdf --object-streams=disable '" + in + "' '" + dir.path + "/q.pdf'", status);
  CHECK((status == 0 || status == 3));  // 3: warnings only
  return dir.read("q.pdf");
}

/// `text` as it may be written in a PDF string: bytes as they are, or UTF-16BE (as hex or not).
bool holds(const std::string& bytes, const std::string& text) {
  std::string utf16, hex, hex_lower;
  for (char c : text) {
    utf16 += '\0';
    utf16 += c;
    char two[8];
    std::snprintf(two, sizeof two, "00%02X", static_cast<unsigned char>(c));
    hex += two;
    std::snprintf(two, sizeof two, "00%02x", static_cast<unsigned char>(c));
    hex_lower += two;
  }
  return bytes.find(text) != std::string::npos || bytes.find(utf16) != std::string::npos ||
         bytes.find(hex) != std::string::npos || bytes.find(hex_lower) != std::string::npos;
}

bool has_code(const Diagnostics& diags, const std::string& code) {
  for (const auto& d : diags.items())
    if (d.code == code) return true;
  return false;
}

std::string first_error(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error) return format_diagnostic(d);
  return {};
}

}  // namespace

TEST_CASE("a pack runs its page numbers on across documents and resolves references between them") {
  PackJob job;
  job.documents.push_back(item("Agenda", "agenda", "Items for the meeting.", "The report is on page", "report"));
  job.documents.push_back(
      item("Fostering report", "report", "Recruitment rose this year.", "The agenda is on page", "agenda"));
  PackResult result = engine().run_pack(job);
  REQUIRE_MESSAGE(result.ok(), first_error(result.diagnostics));
  CHECK(result.pages == 2);
  CHECK(result.included == 2);
  CHECK_FALSE(has_code(result.diagnostics, "layout.unresolved-ref"));
  Scratch dir;
  std::string text = pdf_text(dir, result.bytes);
  CHECK(text.find("Page 1 of 2") != std::string::npos);
  CHECK(text.find("Page 2 of 2") != std::string::npos);
  CHECK(text.find("The report is on page 2.") != std::string::npos);
  CHECK(text.find("The agenda is on page 1.") != std::string::npos);
  // One outline entry per document, in order.
  std::string qdf = decompressed(dir, result.bytes);
  CHECK(holds(qdf, "Agenda"));
  CHECK(holds(qdf, "Fostering report"));
}

TEST_CASE("a public pack holds no byte of a confidential document, and says an item was withheld") {
  const std::string canary_title = "Placement panel QXCANARYTITLE";
  const std::string canary_body = "Zebedee QXCANARYBODY Featherstonehaugh";
  PackJob job;
  job.documents.push_back(item("Agenda", "agenda", "Items for the meeting.", "See page", "agenda"));
  PackDocument secret = item(canary_title, "secret", canary_body, "Back to the agenda, page", "agenda");
  secret.title = canary_title + " (exempt)";
  secret.confidential = true;
  job.documents.push_back(secret);
  job.documents.push_back(item("Budget report", "budget", "Spending was on plan.", "See page", "agenda"));

  Scratch dir;
  SUBCASE("the full edition has it: the searches below can find it") {
    PackResult full = engine().run_pack(job);
    REQUIRE_MESSAGE(full.ok(), first_error(full.diagnostics));
    CHECK(full.pages == 3);
    CHECK(pdf_text(dir, full.bytes).find("QXCANARYBODY") != std::string::npos);
    CHECK(holds(decompressed(dir, full.bytes), "QXCANARYTITLE"));
  }
  SUBCASE("the public edition has none of it") {
    job.edition = PackEdition::Public;
    PackResult pub = engine().run_pack(job);
    REQUIRE_MESSAGE(pub.ok(), first_error(pub.diagnostics));
    CHECK(pub.included == 2);
    CHECK(pub.withheld == 1);
    REQUIRE(pub.parts.size() == 3);
    CHECK(pub.parts[1].withheld);
    const std::string text = pdf_text(dir, pub.bytes);
    const std::string qdf = decompressed(dir, pub.bytes);
    for (const std::string& canary : {std::string("QXCANARY"), std::string("Zebedee"), std::string("Featherstonehaugh"),
                                      std::string("Placement panel"), std::string("exempt)")}) {
      CHECK_MESSAGE(text.find(canary) == std::string::npos, canary);
      CHECK_MESSAGE(!holds(qdf, canary), canary);
      CHECK_MESSAGE(!holds(pub.bytes, canary), canary);
    }
    CHECK(text.find("An exempt item has been withheld from this edition.") != std::string::npos);
    CHECK(text.find("Budget report") != std::string::npos);
    CHECK(text.find("Page 3 of 3") != std::string::npos);  // the notice's page counts
  }
}

TEST_CASE("a pack's errors point into /documents/N, all at once, and it makes no file") {
  PackJob job;
  job.documents.push_back(item("Agenda", "agenda", "Items.", "See page", "agenda"));
  PackDocument bad_data = item("Report", "report", "Text.", "See page", "agenda");
  bad_data.data = R"({"heading": "Report", "anchor": "report", "body": 42, "see": "agenda", "see_text": "x"})";
  job.documents.push_back(bad_data);
  PackDocument unknown = item("Other", "other", "Text.", "See page", "agenda");
  unknown.template_ref = "no-such-template";
  job.documents.push_back(unknown);
  PackDocument edition = item("Third", "third", "Text.", "See page", "agenda");
  edition.edition = "public";
  job.documents.push_back(edition);

  PackResult result = engine().run_pack(job);
  CHECK_FALSE(result.ok());
  CHECK(result.bytes.empty());
  json errors = errors_json(result.diagnostics)["errors"];
  std::vector<std::string> pointers;
  for (const auto& e : errors) pointers.push_back(e.value("pointer", ""));
  CHECK(std::find(pointers.begin(), pointers.end(), "/documents/1/data/body") != pointers.end());
  CHECK(std::find(pointers.begin(), pointers.end(), "/documents/2/template") != pointers.end());
  CHECK(std::find(pointers.begin(), pointers.end(), "/documents/3/edition") != pointers.end());
  for (const auto& p : pointers) CHECK_MESSAGE(p.rfind("/documents/0", 0) != 0, p);
}

TEST_CASE("a pack of more than the most documents, a DOCX pack and an empty pack are refused") {
  PackJob many;
  for (std::size_t i = 0; i <= kMaxPackDocuments; ++i)
    many.documents.push_back(item("Item", "i" + std::to_string(i), "Text.", "See page", "i0"));
  PackResult result = engine().run_pack(many);
  CHECK(has_code(result.diagnostics, "job.too-many-documents"));
  CHECK(result.exit_code() == 6);
  CHECK(result.bytes.empty());
  CHECK(result.parts.empty());  // refused before any document was read

  Diagnostics diags;
  PackJob read;
  CHECK_FALSE(from_json(json(many), read, diags));
  CHECK(has_code(diags, "job.too-many-documents"));

  PackJob docx;
  docx.documents.push_back(item("Agenda", "agenda", "Items.", "See page", "agenda"));
  docx.format = OutputFormat::Docx;
  result = engine().run_pack(docx);
  CHECK(has_code(result.diagnostics, "usage.pack-format"));
  CHECK(result.exit_code() == 2);
  CHECK(result.bytes.empty());

  result = engine().run_pack(PackJob{});
  CHECK(has_code(result.diagnostics, "usage.pack-empty"));
}

TEST_CASE("a pack's page limit and deadline apply to the whole pack") {
  PackJob job;
  job.documents.push_back(item("Agenda", "agenda", "Items.", "See page", "agenda"));
  job.documents.push_back(item("Report", "report", "Text.", "See page", "agenda"));
  job.max_pages = 1;
  PackResult result = engine().run_pack(job);
  CHECK(has_code(result.diagnostics, "job.page-limit"));
  CHECK(result.bytes.empty());
  job.max_pages.reset();
  job.deadline_ms = 0;
  result = engine().run_pack(job);
  CHECK(has_code(result.diagnostics, "job.deadline"));
  CHECK(result.bytes.empty());
  job.deadline_ms.reset();
  CancelToken cancel;
  cancel.cancel();
  result = engine().run_pack(job, &cancel);
  CHECK(has_code(result.diagnostics, "job.cancelled"));
  CHECK(result.bytes.empty());
}

TEST_CASE("a pack job and its result survive a round trip through JSON") {
  PackJob job;
  job.documents.push_back(item("Agenda", "agenda", "Items.", "See page", "agenda"));
  PackDocument secret = item("Secret", "secret", "Text.", "See page", "agenda");
  secret.confidential = true;
  secret.title = "Item 2";
  secret.locale = "cy-GB";
  job.documents.push_back(secret);
  job.edition = PackEdition::Public;
  job.title = "Corporate parenting panel, 4 March";
  job.max_pages = 40;
  json j = job;
  PackJob back;
  Diagnostics diags;
  REQUIRE_MESSAGE(from_json(j, back, diags), first_error(diags));
  CHECK(json(back) == j);
  CHECK(back.documents[1].confidential);
  CHECK(back.edition == PackEdition::Public);

  // Unknown fields and wrong types are refused with pointers into the document.
  json wrong = j;
  wrong["documents"][1]["secret"] = true;
  wrong["documents"][0]["confidential"] = "yes";
  wrong["edition"] = "draft";
  Diagnostics bad;
  CHECK_FALSE(from_json(wrong, back, bad));
  std::vector<std::string> pointers;
  for (const auto& d : bad.items()) pointers.push_back(d.pointer);
  CHECK(std::find(pointers.begin(), pointers.end(), "/documents/1/secret") != pointers.end());
  CHECK(std::find(pointers.begin(), pointers.end(), "/documents/0/confidential") != pointers.end());
  CHECK(std::find(pointers.begin(), pointers.end(), "/edition") != pointers.end());

  PackResult result = engine().run_pack(back);
  json rj = result;
  PackResult rback;
  Diagnostics rdiags;
  REQUIRE_MESSAGE(from_json(rj, rback, rdiags), first_error(rdiags));
  CHECK(json(rback) == rj);
  CHECK(rj["withheld"] == 1);
}
