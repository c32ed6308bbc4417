// The job API: batches, limits (deadline, page limit, cancellation), template access,
// the JSON forms of jobs and results, and the exit code of the worst diagnostic.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "quire/job_json.hpp"
#include "quire/render.hpp"
#include "support/test_world.hpp"

using namespace quire;
using nlohmann::json;

namespace {

/// The test World with a monotonic clock a test can switch to "one second passes at every look".
class ClockWorld : public testing::TestWorld {
 public:
  [[nodiscard]] std::chrono::steady_clock::time_point monotonic_now() const override {
    if (!fast) return std::chrono::steady_clock::now();
    return std::chrono::steady_clock::time_point() + std::chrono::seconds(++looks);
  }
  std::atomic<bool> fast{false};
  mutable std::atomic<long long> looks{0};
};

ClockWorld& world() {
  static ClockWorld w;
  return w;
}

const Engine& engine() {
  static Engine e(world(), [] {
    EngineConfig c;
    c.templates_dir = testing::source_dir() + "/templates";
    c.locales_dir = testing::source_dir() + "/locales";
    c.font_root = testing::font_root();
    return c;
  }());
  return e;
}

std::string record(const std::string& id, const std::string& name, const std::string& extra = "") {
  std::string child = name.empty() ? "{}" : R"({"first_name": ")" + name + R"("})";
  return R"({"id": ")" + id + R"(", "child": )" + child +
         R"(, "council": {"name": "Northbridge"}, "issued": "2026-01-05")" + extra + "}";
}

RenderJob pledge_job(const std::string& extra = "") {
  RenderJob job;
  job.template_ref = "pledge";
  job.data = record("sam", "Sam", extra);
  job.data_name = "child.json";
  return job;
}

bool has_code(const Diagnostics& diags, const std::string& code) {
  return std::any_of(diags.items().begin(), diags.items().end(), [&](const Diagnostic& d) { return d.code == code; });
}

const Diagnostic* find_code(const Diagnostics& diags, const std::string& code) {
  for (const auto& d : diags.items())
    if (d.code == code) return &d;
  return nullptr;
}

bool is_pdf(const std::string& bytes) {
  return bytes.rfind("%PDF-", 0) == 0;
}

}  // namespace

TEST_CASE("engine starts without errors") {
  for (const auto& d : engine().startup_diagnostics().items()) INFO(format_diagnostic(d));
  REQUIRE_FALSE(engine().startup_diagnostics().has_errors());
}

TEST_CASE("a batch through the API: a bad record is reported with its line and pointer, the others come out") {
  BatchJob job;
  job.template_ref = "pledge";
  job.records_name = "children.jsonl";
  job.records_jsonl = record("amani", "Amani", R"(, "locale": "ar")") + "\n" + record("bereket", "Bereket") + "\n\n" +
                      record("broken", "") + "\n" + record("sam", "Sam") + "\n";
  job.jobs = 2;
  std::mutex m;
  std::vector<std::string> delivered;
  auto result = engine().run_batch(job, [&](BatchItem& item) {
    std::lock_guard lock(m);
    delivered.push_back(item.output_name);
  });

  REQUIRE(result.items.size() == 4);
  CHECK(result.rendered == 3);
  CHECK(result.failed == 1);
  CHECK(result.not_rendered == 0);
  CHECK(result.exit_code() == 3);
  std::sort(delivered.begin(), delivered.end());
  CHECK(delivered == std::vector<std::string>{"amani.pdf", "bereket.pdf", "broken.pdf", "sam.pdf"});

  const std::vector<int> lines = {1, 2, 4, 5};  // line 3 is blank
  const std::vector<std::string> names = {"amani.pdf", "bereket.pdf", "broken.pdf", "sam.pdf"};
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(result.items[i].index == i);
    CHECK(result.items[i].line == lines[i]);
    CHECK(result.items[i].output_name == names[i]);
  }
  CHECK(result.items[0].result.locale == "ar");
  for (std::size_t i : {0u, 1u, 3u}) {
    CHECK(result.items[i].status == RecordStatus::Rendered);
    CHECK(is_pdf(result.items[i].result.bytes));  // no sink took them: they stay in the result
    CHECK(result.items[i].exit_code() == 0);
  }
  const auto& bad = result.items[2];
  CHECK(bad.status == RecordStatus::Failed);
  CHECK(bad.result.bytes.empty());
  CHECK(bad.exit_code() == 3);
  const Diagnostic* d = find_code(bad.result.diagnostics, "data.schema");
  REQUIRE(d);
  CHECK(d->pointer == "/child");
  CHECK(d->pos.file == "children.jsonl");
}

TEST_CASE("records given as a list keep their line numbers; a sink may refuse a record") {
  BatchJob job;
  job.template_ref = "pledge";
  job.format = OutputFormat::Docx;
  job.records = {{record("a", "Ann"), 10}, {record("b", "Ben"), 0}, {record("a", "Ann again"), 12}};
  job.jobs = 1;
  auto result = engine().run_batch(job, [](BatchItem& item) {
    if (item.index == 1) item.result.diagnostics.error(Origin::Internal, "output.write", "disk full");
    item.result.bytes.clear();  // stored elsewhere
  });
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].line == 10);
  CHECK(result.items[1].line == 2);  // no line: its position
  CHECK(result.items[0].output_name == "a.docx");
  CHECK(result.items[2].output_name == "record-000012.docx");  // a repeated id never overwrites
  CHECK(has_code(result.diagnostics, "batch.duplicate-id"));
  CHECK(result.items[0].status == RecordStatus::Rendered);
  CHECK(result.items[1].status == RecordStatus::Failed);
  CHECK(result.items[1].exit_code() == 1);
  CHECK(result.exit_code() == 1);
}

TEST_CASE("a batch keeps no document buffer once the sink has cleared its bytes") {
  BatchJob job;
  job.template_ref = "pledge";
  job.records_jsonl = record("r1", "One") + "\n" + record("r2", "Two") + "\n" + record("r3", "") + "\n";
  job.jobs = 1;
  std::vector<std::size_t> sizes;
  auto result = engine().run_batch(job, [&](BatchItem& item) {
    sizes.push_back(item.result.bytes.size());
    item.result.bytes.clear();  // written elsewhere; clear() alone keeps the capacity
  });
  REQUIRE(result.items.size() == 3);
  CHECK(result.rendered == 2);
  CHECK(result.failed == 1);
  CHECK(std::count_if(sizes.begin(), sizes.end(), [](std::size_t n) { return n > 1000; }) == 2);
  for (const auto& item : result.items) {
    CAPTURE(item.index);
    CHECK(item.result.bytes.capacity() < 64);  // not the document's buffer (tens of KB)
  }
}

TEST_CASE("cancelling a batch stops new records from starting and reports them as not rendered") {
  BatchJob job;
  job.template_ref = "pledge";
  job.format = OutputFormat::Docx;
  job.records_jsonl = record("r1", "One") + "\n" + record("r2", "Two") + "\n" + record("r3", "Three") + "\n";
  job.jobs = 1;
  CancelToken cancel;
  int calls = 0;
  auto result = engine().run_batch(
      job,
      [&](BatchItem&) {
        ++calls;
        cancel.cancel();  // after the first record
      },
      &cancel);
  CHECK(calls == 1);
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].status == RecordStatus::Rendered);
  for (std::size_t i : {1u, 2u}) {
    CAPTURE(i);
    CHECK(result.items[i].status == RecordStatus::NotRendered);
    CHECK(has_code(result.items[i].result.diagnostics, "job.cancelled"));
    CHECK(result.items[i].result.bytes.empty());
    CHECK(result.items[i].exit_code() == 6);
  }
  CHECK(result.rendered == 1);
  CHECK(result.not_rendered == 2);
  CHECK_FALSE(result.ok());
  CHECK(result.exit_code() == 6);
}

TEST_CASE("a cancelled render stops with job.cancelled and no bytes") {
  CancelToken cancel;
  cancel.cancel();
  auto result = engine().renderer()->render(pledge_job(), &cancel);
  CHECK(has_code(result.diagnostics, "job.cancelled"));
  CHECK(result.bytes.empty());
  CHECK(result.exit_code() == 6);
}

TEST_CASE("a deadline of 0 ms gives job.deadline and no bytes") {
  auto job = pledge_job();
  job.deadline_ms = 0;
  auto result = engine().renderer()->render(job);
  CHECK(has_code(result.diagnostics, "job.deadline"));
  CHECK(result.bytes.empty());
  CHECK(result.exit_code() == 6);

  BatchJob batch;
  batch.template_ref = "pledge";
  batch.records_jsonl = record("a", "Ann") + "\n" + record("b", "Ben");
  batch.deadline_ms = 0;
  auto br = engine().run_batch(batch);
  REQUIRE(br.items.size() == 2);
  CHECK(br.not_rendered == 2);
  for (const auto& item : br.items) CHECK(has_code(item.result.diagnostics, "job.deadline"));
  CHECK(br.exit_code() == 6);
}

TEST_CASE("a deadline of 1 ms is past at the next stage boundary") {
  // The World's clock moves one second at every look, so the first stage boundary is late.
  auto job = pledge_job();
  job.deadline_ms = 1;
  world().fast = true;
  auto result = engine().renderer()->render(job);
  world().fast = false;
  CHECK(has_code(result.diagnostics, "job.deadline"));
  CHECK(result.bytes.empty());
  CHECK(result.exit_code() == 6);

  // And a generous deadline does not get in the way.
  job.deadline_ms = 3'600'000;
  world().fast = true;
  result = engine().renderer()->render(job);
  world().fast = false;
  CHECK(result.ok());
  CHECK(is_pdf(result.bytes));
}

// A template folder (in memory) that repeats a paragraph of `words` words `count` times.
static RenderJob long_job(int count, int words, OutputFormat format) {
  static int made = 0;
  const std::string dir = "/mem/long" + std::to_string(++made);
  world().put(dir + "/template.xml",
              "<document>\n<section title=\"Long\">\n<for each=\"i in items\"><p>{{ i }} {{ text }}</p></for>\n"
              "</section>\n</document>\n");
  std::string text;
  for (int w = 0; w < words; ++w) text += (w ? " " : "") + std::string(w % 3 ? "council" : "safeguarding");
  nlohmann::json data = {{"text", text}, {"items", nlohmann::json::array()}};
  for (int i = 0; i < count; ++i) data["items"].push_back(i);
  RenderJob job;
  job.template_ref = dir;
  job.allow_template_folders = true;
  job.data = data.dump();
  job.data_name = "long.json";
  job.format = format;
  return job;
}

TEST_CASE("a deadline stops layout from inside: the error names the stage and there are no bytes") {
  // 3,000 paragraphs of 60 words take seconds to lay out; 200 ms runs out during layout,
  // which then stops at its next poll instead of running to the end.
  auto job = long_job(3000, 60, OutputFormat::Pdf);
  // The budget: what building the model takes (timed here, template compiled and cached
  // by the same call), plus 200 ms, so that the time runs out after the model is built.
  Diagnostics model_diags;
  const auto t0 = std::chrono::steady_clock::now();
  (void)engine().renderer()->dump(job, Stage::Model, model_diags);
  const auto model_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE_FALSE(model_diags.has_errors());
  job.deadline_ms = model_ms + 200;
  auto result = engine().renderer()->render(job);
  const Diagnostic* d = find_code(result.diagnostics, "job.deadline");
  REQUIRE(d);
  CHECK(d->message.find("during layout") != std::string::npos);
  CHECK(result.bytes.empty());
  CHECK(result.exit_code() == 6);
  CHECK(result.pages == 0);
}

TEST_CASE("a deadline stops the DOCX writer between blocks") {
  // The World's clock moves a second at every look: the job starts at 1 s, the four stage
  // boundaries before a writer look at 2..5 s, so a 4.5 s budget runs out at the writer's
  // first look, inside it.
  auto job = long_job(40, 5, OutputFormat::Docx);
  job.deadline_ms = 4500;
  world().fast = true;
  auto result = engine().renderer()->render(job);
  world().fast = false;
  const Diagnostic* d = find_code(result.diagnostics, "job.deadline");
  REQUIRE(d);
  CHECK(d->message.find("while writing the DOCX") != std::string::npos);
  CHECK(result.bytes.empty());
  CHECK(result.exit_code() == 6);

  // The same job with time to spare is written.
  job.deadline_ms = 3'600'000;
  world().fast = true;
  result = engine().renderer()->render(job);
  world().fast = false;
  CHECK(result.ok());
  CHECK(result.bytes.rfind("PK", 0) == 0);
}

TEST_CASE("a cancellation reaches into layout") {
  // A token cancelled from another thread while layout runs: layout stops at its next poll.
  auto job = long_job(3000, 60, OutputFormat::Pdf);
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.cancel();
  });
  auto result = engine().renderer()->render(job, &cancel);
  canceller.join();
  const Diagnostic* d = find_code(result.diagnostics, "job.cancelled");
  REQUIRE(d);
  CHECK((d->message.find("during layout") != std::string::npos ||
         d->message.find("while writing the PDF") != std::string::npos ||
         d->message.find("after building") != std::string::npos));
  CHECK(result.bytes.empty());
}

TEST_CASE("a PDF longer than the page limit is job.page-limit, with no bytes") {
  auto job = pledge_job(R"(, "care_leaver": true)");
  job.locale = "ar";
  job.bilingual = true;
  auto full = engine().renderer()->render(job);
  REQUIRE(full.ok());
  const int pages = full.pages;
  REQUIRE(pages >= 2);  // the bilingual care-leaver Pledge takes more than one page

  job.max_pages = 1;
  auto limited = engine().renderer()->render(job);
  CHECK(has_code(limited.diagnostics, "job.page-limit"));
  CHECK(limited.bytes.empty());
  CHECK(limited.exit_code() == 6);
  CHECK(limited.pages == pages);  // how many it would have had

  job.max_pages = 0;
  CHECK(has_code(engine().renderer()->render(job).diagnostics, "job.page-limit"));

  job.max_pages = pages;
  CHECK(engine().renderer()->render(job).ok());
}

TEST_CASE("a template folder is refused unless the job allows template folders") {
  auto job = pledge_job();
  for (std::string ref : {testing::source_dir() + "/templates/pledge", std::string("./templates/pledge"),
                          std::string(".."), std::string("../templates/pledge")}) {
    CAPTURE(ref);
    job.template_ref = ref;
    job.allow_template_folders = false;
    auto refused = engine().renderer()->render(job);
    CHECK(has_code(refused.diagnostics, "usage.template-folder"));
    CHECK(refused.exit_code() == 2);
    CHECK(refused.bytes.empty());
  }
  job.template_ref = testing::source_dir() + "/templates/pledge";
  job.allow_template_folders = true;
  CHECK(engine().renderer()->render(job).ok());

  job.template_ref = "pledge";  // a built-in name needs no permission
  job.allow_template_folders = false;
  CHECK(engine().renderer()->render(job).ok());

  BatchJob batch;
  batch.template_ref = testing::source_dir() + "/templates/pledge";
  batch.records_jsonl = record("a", "Ann");
  auto br = engine().run_batch(batch);
  CHECK(br.items.empty());  // refused before any record started
  CHECK(has_code(br.diagnostics, "usage.template-folder"));
  CHECK(br.exit_code() == 2);
}

TEST_CASE("a render job survives a round trip through JSON") {
  RenderJob job = pledge_job();
  job.locale = "ti";
  job.format = OutputFormat::Docx;
  job.strict = true;
  job.bilingual = true;
  job.data_first_line = 7;
  job.deadline_ms = 2500;
  job.max_pages = 4;
  json j = job;
  CHECK(j["data"]["child"]["first_name"] == "Sam");  // the data is embedded, not a string

  Diagnostics diags;
  auto back = parse_render_job(j.dump(), diags);
  REQUIRE(back);
  CHECK(diags.empty());
  CHECK(json(*back) == j);
  CHECK(back->template_ref == "pledge");
  CHECK(json::parse(back->data) == json::parse(job.data));
  CHECK(back->locale == "ti");
  CHECK(back->format == OutputFormat::Docx);
  CHECK(back->strict);
  CHECK(back->bilingual);
  CHECK(back->data_first_line == 7);
  CHECK(back->deadline_ms == 2500);
  CHECK(back->max_pages == 4);
  CHECK_FALSE(back->allow_template_folders);

  // Data that is not JSON travels as text, so its syntax error is still reported.
  job.data = "{\"child\": ";
  json broken = job;
  CHECK(broken["data_text"] == "{\"child\": ");
  Diagnostics d2;
  auto back2 = parse_render_job(broken.dump(), d2);
  REQUIRE(back2);
  CHECK(back2->data == job.data);
}

TEST_CASE("a batch job survives a round trip through JSON") {
  BatchJob job;
  job.template_ref = "pledge";
  job.records = {{record("a", "Ann"), 3}, {record("b", "Ben"), 0}};
  job.records_name = "x.jsonl";
  job.jobs = 3;
  job.deadline_ms = 60000;
  job.record_deadline_ms = 5000;
  job.max_pages = 2;
  json j = job;
  Diagnostics diags;
  auto back = parse_batch_job(j.dump(), diags);
  REQUIRE(back);
  CHECK(json(*back) == j);
  REQUIRE(back->records.size() == 2);
  CHECK(back->records[0].line == 3);
  CHECK(back->records[1].line == 0);
  CHECK(back->jobs == 3);
  CHECK(back->record_deadline_ms == 5000);

  BatchJob text;
  text.template_ref = "pledge";
  text.records_jsonl = record("a", "Ann") + "\n";
  json tj = text;
  auto back_text = parse_batch_job(tj.dump(), diags);
  REQUIRE(back_text);
  CHECK(back_text->records_jsonl == text.records_jsonl);
  CHECK(back_text->records.empty());
}

TEST_CASE("results survive a round trip through JSON, without their bytes") {
  auto job = pledge_job();
  job.data = record("x", "");  // invalid: a data diagnostic with a pointer
  auto failed = engine().renderer()->render(job);
  REQUIRE_FALSE(failed.ok());
  json j = failed;
  CHECK(j["ok"] == false);
  CHECK(j["exit_code"] == 3);
  CHECK_FALSE(j.contains("bytes"));
  auto schema = std::find_if(j["diagnostics"].begin(), j["diagnostics"].end(),
                             [](const json& d) { return d["code"] == "data.schema"; });
  REQUIRE(schema != j["diagnostics"].end());
  CHECK((*schema)["pointer"] == "/child");
  CHECK((*schema)["origin"] == "data");
  CHECK((*schema)["severity"] == "error");
  RenderResult back;
  Diagnostics diags;
  REQUIRE(from_json(j, back, diags));
  CHECK(json(back) == j);
  CHECK(back.exit_code() == 3);

  auto good = engine().renderer()->render(pledge_job());
  REQUIRE(good.ok());
  json g = good;
  CHECK(g["ok"] == true);
  CHECK(g["pages"] == good.pages);
  CHECK(g["locale"] == "en-GB");
  RenderResult good_back;
  REQUIRE(from_json(g, good_back, diags));
  CHECK(json(good_back) == g);
  CHECK(good_back.ok());

  BatchJob batch;
  batch.template_ref = "pledge";
  batch.format = OutputFormat::Docx;
  batch.records_jsonl = record("a", "Ann") + "\n" + record("b", "");
  auto br = engine().run_batch(batch);
  json bj = br;
  CHECK(bj["records"][1]["status"] == "failed");
  CHECK(bj["records"][1]["line"] == 2);
  CHECK(bj["records"][1]["output"] == "b.docx");
  CHECK(bj["exit_code"] == 3);
  BatchResult br_back;
  REQUIRE(from_json(bj, br_back, diags));
  CHECK(json(br_back) == bj);
  CHECK(diags.empty());
}

TEST_CASE("a job with a wrong type, a bad value or an unknown field is refused with pointers, never thrown") {
  Diagnostics diags;
  auto job = parse_render_job(
      R"({"template": "pledge", "data": {}, "strict": "yes", "format": "odt", "max_pages": -1,
          "allow_template_folders": true})",
      diags);
  CHECK_FALSE(job);
  auto pointer_of = [&](const std::string& code, const std::string& pointer) {
    return std::any_of(diags.items().begin(), diags.items().end(), [&](const Diagnostic& d) {
      return d.code == code && d.pointer == pointer && d.origin == Origin::Usage;
    });
  };
  CHECK(pointer_of("usage.job-field", "/strict"));
  CHECK(pointer_of("usage.job-field", "/format"));
  CHECK(pointer_of("usage.job-field", "/max_pages"));
  // A job from JSON may never open template folders.
  CHECK(pointer_of("usage.job-unknown-field", "/allow_template_folders"));
  CHECK(exit_code_for(diags) == 2);
  CHECK(format_diagnostic(*find_code(diags, "usage.job-unknown-field")).rfind("job#/allow_template_folders", 0) == 0);

  Diagnostics missing;
  CHECK_FALSE(parse_render_job(R"({"data": {}})", missing));
  CHECK(find_code(missing, "usage.job-missing-field"));
  CHECK(find_code(missing, "usage.job-missing-field")->pointer == "/template");

  Diagnostics nested;
  CHECK_FALSE(
      parse_batch_job(R"({"template": "pledge", "records": [{"data": {}}, {"data": {}, "line": "3"}]})", nested));
  REQUIRE(find_code(nested, "usage.job-field"));
  CHECK(find_code(nested, "usage.job-field")->pointer == "/records/1/line");

  Diagnostics not_object;
  CHECK_FALSE(parse_batch_job("[1, 2]", not_object));
  CHECK(find_code(not_object, "usage.job-field"));

  Diagnostics syntax;
  CHECK_FALSE(parse_render_job("{\n  \"template\": \"pledge\",\n  oops\n}", syntax));
  const Diagnostic* s = find_code(syntax, "usage.job-syntax");
  REQUIRE(s);
  CHECK(s->origin == Origin::Usage);
  CHECK(s->pos.line == 3);
}

TEST_CASE("the service's error form lists errors with their pointers") {
  Diagnostics diags;
  diags.warning(Origin::Locale, "locale.fallback", "not an error");
  diags.add({Severity::Error,
             Origin::Data,
             "data.schema",
             "required property 'first_name' is missing",
             {"child.json", 0, 0},
             "/child",
             {}});
  diags.add({Severity::Error,
             Origin::Usage,
             "usage.job-field",
             "'strict' must be true or false",
             {"job", 0, 0},
             "/strict",
             {}});
  diags.error(Origin::Template, "template.unknown-filter", "unknown filter", {"template.xml", 3, 4});
  json e = errors_json(diags, "/data");
  REQUIRE(e["errors"].size() == 3);
  CHECK(e["errors"][0] == json{{"code", "data.schema"},
                               {"message", "required property 'first_name' is missing"},
                               {"pointer", "/data/child"}});
  CHECK(e["errors"][1]["pointer"] == "/strict");
  CHECK_FALSE(e["errors"][2].contains("pointer"));

  Diagnostics root;
  root.add({Severity::Error, Origin::Data, "data.schema", "must be an object", {"child.json", 0, 0}, "", {}});
  root.error(Origin::Internal, "internal.x", "no place");
  json r = errors_json(root, "/data");
  CHECK(r["errors"][0]["pointer"] == "/data");  // the data itself
  CHECK_FALSE(r["errors"][1].contains("pointer"));

  Diagnostic one;
  Diagnostics problems;
  REQUIRE(from_json(json(diags.items()[3]), one, problems));
  CHECK(one.pos.line == 3);
  CHECK(one.pos.column == 4);
  CHECK(one.origin == Origin::Template);
  CHECK_FALSE(from_json(json{{"code", "x"}, {"message", "y"}, {"severity", "fatal"}}, one, problems));
  REQUIRE(find_code(problems, "usage.job-field"));
  CHECK(find_code(problems, "usage.job-field")->pointer == "/severity");
}

TEST_CASE("the exit code of a result and of a batch is its worst error, whatever the order") {
  RenderResult r;
  r.diagnostics.error(Origin::Check, "check.untranslated", "x");
  r.diagnostics.error(Origin::Usage, "usage.unknown-locale", "x");
  r.diagnostics.error(Origin::Data, "data.schema", "x");
  CHECK(r.exit_code() == 3);
  r.diagnostics.error(Origin::Template, "template.syntax", "x");
  CHECK(r.exit_code() == 4);

  BatchResult b;
  for (Origin o : {Origin::Limit, Origin::Check, Origin::Data, Origin::Usage}) {
    BatchItem item;
    item.status = RecordStatus::Failed;
    item.result.diagnostics.error(o, "x", "y");
    b.items.push_back(std::move(item));
  }
  CHECK(b.exit_code() == 3);
  std::reverse(b.items.begin(), b.items.end());
  CHECK(b.exit_code() == 3);
  b.diagnostics.error(Origin::Internal, "internal.x", "y");
  CHECK(b.exit_code() == 1);
}
