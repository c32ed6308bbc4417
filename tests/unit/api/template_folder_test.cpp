// A council's own template folder, anywhere: its strings and translations in its own
// locales/, laid over quire's shared catalogues when it renders; the translators' job API
// working on that folder alone; names versus folders in a job's template.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "quire/render.hpp"
#include "quire/translations.hpp"
#include "support/test_world.hpp"

using namespace quire;

namespace {

// The words of a dump, without the bidi isolates around interpolated values (what these
// tests compare is which catalogue a sentence came from).
std::string words(std::string text) {
  for (const char* c : {"\u2066", "\u2067", "\u2068", "\u2069"})
    for (size_t at; (at = text.find(c)) != std::string::npos;) text.erase(at, 3);
  return text;
}

const std::string kFolder = "/mem/council/invite";

std::string disk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The example council template of tests/e2e/council-letter, copied into memory at kFolder.
void put_letter(testing::TestWorld& world) {
  const std::string from = testing::source_dir() + "/tests/e2e/council-letter/";
  for (const char* rel : {"template.xml", "partials/signature.xml", "schema.json", "examples/amani.json"})
    world.put(kFolder + "/" + rel, disk(from + rel));
}

EngineConfig config() {
  EngineConfig c;
  c.templates_dir = testing::source_dir() + "/templates";
  c.locales_dir = testing::source_dir() + "/locales";
  c.font_root = testing::font_root();
  return c;
}

std::string xliff(const std::string& tag, const std::string& units) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="quire" source-language="en-GB" target-language=")" +
         tag + R"(" datatype="plaintext">
    <body>
)" + units +
         R"(    </body>
  </file>
</xliff>
)";
}

std::string unit(const std::string& id, const std::string& source, const std::string& target) {
  return "      <trans-unit id=\"" + id + "\"><source>" + source + "</source><target state=\"translated\">" + target +
         "</target></trans-unit>\n";
}

std::string first_problem(const Diagnostics& diags) {
  return diags.items().empty() ? std::string() : format_diagnostic(diags.items().front());
}

/// The folder's English as `quire locales extract --template` writes it, put in place.
std::string extract_english(testing::TestWorld& world) {
  Translations tr(world, config(), kFolder);
  Diagnostics diags;
  auto file = tr.extract(diags);
  REQUIRE_MESSAGE(file, first_problem(diags));
  world.put(file->path, file->bytes);
  return file->bytes;
}

const Diagnostic* find_code(const Diagnostics& diags, const std::string& code) {
  for (const auto& d : diags.items())
    if (d.code == code) return &d;
  return nullptr;
}

RenderJob letter_job(const std::string& locale) {
  RenderJob job;
  job.template_ref = kFolder;
  job.allow_template_folders = true;
  job.data = disk(testing::source_dir() + "/tests/e2e/council-letter/examples/amani.json");
  job.data_name = "amani.json";
  job.locale = locale;
  return job;
}

}  // namespace

TEST_CASE("extract --template gathers a folder's <t> and t('id', 'English') strings, and leaves shared ones shared") {
  testing::TestWorld world;
  put_letter(world);
  Translations tr(world, config(), kFolder);
  Diagnostics diags;
  auto file = tr.extract(diags);
  REQUIRE(file);
  CHECK_FALSE(diags.has_errors());
  CHECK(file->path == kFolder + "/locales/en-GB/messages.xlf");
  CHECK(file->folder == kFolder);  // to be written inside the folder only
  for (const char* id : {"invite.title", "invite.greeting", "invite.when", "invite.say", "invite.signoff"})
    CHECK_MESSAGE(file->bytes.find(std::string("id=\"") + id + "\"") != std::string::npos, id);
  CHECK(file->bytes.find("Your review meeting") != std::string::npos);
  CHECK(file->bytes.find("With best wishes, {worker}") != std::string::npos);  // from the partial
  CHECK(file->bytes.find("common.page_of") == std::string::npos);              // quire's, stays shared
  CHECK(file->bytes.find("pledge.") == std::string::npos);                     // nothing of quire's templates
}

TEST_CASE("a t() in an attribute with no English anywhere is template.no-english at its place, saying how to give it") {
  testing::TestWorld world;
  world.put(kFolder + "/template.xml",
            "<document title=\"{{ t('invite.subject') }}\">\n<section>\n<p><t id=\"invite.body\">Hello</t></p>\n"
            "</section>\n</document>\n");
  Translations tr(world, config(), kFolder);
  Diagnostics diags;
  CHECK_FALSE(tr.extract(diags));
  const Diagnostic* d = find_code(diags, "template.no-english");
  REQUIRE(d);
  CHECK(d->pos.file == kFolder + "/template.xml");
  CHECK(d->pos.line == 1);
  CHECK(d->hint.find("t('invite.subject', 'English text')") != std::string::npos);
}

TEST_CASE("a t() in an attribute before the <t> that gives its English is no error: the <t>'s English is taken") {
  testing::TestWorld world;
  world.put(
      kFolder + "/template.xml",
      "<document title=\"{{ t('invite.heading') }}\">\n<section>\n<h1><t id=\"invite.heading\">Your plan</t></h1>\n"
      "</section>\n</document>\n");
  Translations tr(world, config(), kFolder);
  Diagnostics diags;
  auto file = tr.extract(diags);
  REQUIRE(file);
  CHECK_FALSE(diags.has_errors());
  CHECK(file->bytes.find("<source>Your plan</source>") != std::string::npos);
}

TEST_CASE("t('id', 'English') takes only text in quotes as its English") {
  testing::TestWorld world;
  world.put(kFolder + "/template.xml",
            "<document title=\"{{ t('invite.x', child.name) }}\">\n<section><p>x</p></section>\n</document>\n");
  Translations tr(world, config(), kFolder);
  Diagnostics diags;
  CHECK_FALSE(tr.extract(diags));
  REQUIRE(find_code(diags, "template.syntax"));
  CHECK(find_code(diags, "template.syntax")->message.find("written in quotes") != std::string::npos);
}

TEST_CASE("a folder's translations render over quire's: its own strings in Arabic, the shared footer still shared") {
  testing::TestWorld world;
  put_letter(world);
  extract_english(world);
  world.put(kFolder + "/locales/ar/messages.xlf",
            xliff("ar", unit("invite.title", "Your review meeting", "اجتماع المراجعة الخاص بك") +
                            unit("invite.say",
                                 "You can say what you think, in the meeting or before it. You can bring someone "
                                 "with you.",
                                 "يمكنك أن تقول رأيك.")));
  Engine engine(world, config());
  auto renderer = engine.renderer();
  Diagnostics diags;
  const std::string ar = words(renderer->dump(letter_job("ar"), Stage::Model, diags));
  CHECK_FALSE(diags.has_errors());
  CHECK(ar.find("اجتماع المراجعة الخاص بك") != std::string::npos);
  CHECK(ar.find("يمكنك أن تقول رأيك.") != std::string::npos);
  CHECK(ar.find("With best wishes, Sam Patel") != std::string::npos);  // not translated: English, marked
  CHECK(find_code(diags, "locale.fallback"));

  Diagnostics en_diags;
  const std::string en = words(renderer->dump(letter_job("en-GB"), Stage::Model, en_diags));
  CHECK_FALSE(en_diags.has_errors());
  CHECK(en.find("Your review meeting") != std::string::npos);
  CHECK(en.find("Dear Amani,") != std::string::npos);

  // quire's own Pledge, rendered by the same engine, is untouched by the folder's strings.
  RenderJob pledge;
  pledge.template_ref = "pledge";
  pledge.data = disk(testing::source_dir() + "/templates/pledge/examples/child.json");
  pledge.data_name = "child.json";
  pledge.locale = "ar";
  Diagnostics pledge_diags;
  CHECK(!renderer->dump(pledge, Stage::Model, pledge_diags).empty());
  CHECK_FALSE(pledge_diags.has_errors());
}

TEST_CASE("an id in a folder's translation that its English lacks is locale.unknown-id at the file and line") {
  testing::TestWorld world;
  put_letter(world);
  extract_english(world);
  world.put(kFolder + "/locales/ar/messages.xlf",
            xliff("ar", unit("invite.title", "Your review meeting", "اجتماع المراجعة") +
                            unit("invite.greting", "Dear {name},", "عزيزي {name}،")));
  Engine engine(world, config());
  auto renderer = engine.renderer();
  for (int job = 0; job < 2; ++job) {  // every job says so, not only the first
    Diagnostics diags;
    CHECK(renderer->dump(letter_job("ar"), Stage::Model, diags).empty());
    const Diagnostic* d = find_code(diags, "locale.unknown-id");
    REQUIRE(d);
    CHECK(d->pos.file == kFolder + "/locales/ar/messages.xlf");
    CHECK(d->pos.line == 6);
    CHECK(d->message.find("invite.greting") != std::string::npos);
  }
  Translations tr(world, config(), kFolder);
  Diagnostics checked;
  tr.check({"ar"}, checked);
  REQUIRE(find_code(checked, "locale.unknown-id"));
  CHECK(find_code(checked, "locale.unknown-id")->severity == Severity::Error);
}

TEST_CASE("the translators' API on a folder: its locales only, export of its strings, import into its own file") {
  testing::TestWorld world;
  put_letter(world);
  Translations tr(world, config(), kFolder);
  Diagnostics none;
  CHECK(tr.status({}, none).empty());
  CHECK(find_code(none, "usage.no-folder-english"));  // nothing extracted yet

  extract_english(world);
  CHECK(tr.locales().empty());  // no translation yet; quire's languages may still be started
  Diagnostics diags;
  auto exported = tr.export_locale("ar-SA", diags);
  REQUIRE(exported);
  CHECK(exported->find("invite.greeting") != std::string::npos);
  CHECK(exported->find("common.page_of") == std::string::npos);
  CHECK(exported->find("pledge.") == std::string::npos);

  auto file =
      tr.import_file(xliff("ar", unit("invite.title", "Your review meeting", "اجتماع المراجعة")), "ar.xlf", diags);
  REQUIRE_MESSAGE(file, first_problem(diags));
  CHECK(file->path == kFolder + "/locales/ar/messages.xlf");
  CHECK(file->folder == kFolder);
  world.put(file->path, file->bytes);
  CHECK(tr.locales() == std::vector<std::string>{"ar"});
  auto rows = tr.status({}, diags);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].total == 5);
  CHECK(rows[0].translated == 1);
  CHECK(tr.templates_using("invite.title") == std::vector<std::string>{kFolder});
}

TEST_CASE("a plain name that is no template is an error listing the built-in names and how to name a folder") {
  testing::TestWorld world;
  Engine engine(world, config());
  RenderJob job = letter_job("en-GB");
  job.template_ref = "review-invite-nowhere";
  auto result = engine.renderer()->render(job);
  const Diagnostic* d = find_code(result.diagnostics, "usage.unknown-template");
  REQUIRE(d);
  CHECK(d->hint.find("pledge") != std::string::npos);
  CHECK(d->hint.find("to use a folder, write ./review-invite-nowhere") != std::string::npos);
  CHECK(result.exit_code() == 2);
}

TEST_CASE("a template root holds named templates a job may use without folder permission, catalogues and all") {
  testing::TestWorld world;
  put_letter(world);  // /mem/council/invite: the root is /mem/council
  extract_english(world);
  EngineConfig c = config();
  c.template_roots = {"/mem/council"};
  Engine engine(world, c);
  const auto names = engine.templates();
  CHECK(std::find(names.begin(), names.end(), "invite") != names.end());
  CHECK(std::find(names.begin(), names.end(), "pledge") != names.end());
  RenderJob job = letter_job("en-GB");
  job.template_ref = "invite";
  job.allow_template_folders = false;
  Diagnostics diags;
  const std::string model = words(engine.renderer()->dump(job, Stage::Model, diags));
  CHECK_FALSE(diags.has_errors());
  CHECK(model.find("Your next review meeting is on 2 April 2026.") != std::string::npos);
}

TEST_CASE("a template that does not load still has its record checked: the data's errors come in the same round") {
  testing::TestWorld world;
  put_letter(world);
  std::string xml = disk(testing::source_dir() + "/tests/e2e/council-letter/template.xml");
  const auto at = xml.find("<p");
  REQUIRE(at != std::string::npos);
  xml.insert(at + 2, " colour=\"red\"");  // an attribute <p> does not have
  world.put(kFolder + "/template.xml", xml);
  Engine engine(world, config());
  RenderJob job = letter_job("en-GB");
  auto data = nlohmann::json::parse(job.data);
  data["child"]["first_name"] = 7;
  data["meeting"].erase("date");
  job.data = data.dump();
  auto result = engine.renderer()->render(job);
  CHECK(find_code(result.diagnostics, "template.unknown-attribute"));
  std::vector<std::string> pointers;
  for (const auto& d : result.diagnostics.items())
    if (d.code == "data.schema") pointers.push_back(d.pointer);
  CHECK(std::find(pointers.begin(), pointers.end(), "/child/first_name") != pointers.end());
  CHECK(std::find(pointers.begin(), pointers.end(), "/meeting") != pointers.end());
  CHECK(result.bytes.empty());
}
