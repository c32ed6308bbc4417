// JSON forms of jobs, results and diagnostics (quire/job_json.hpp). Reading goes through
// Fields, which checks each key's type and range, remembers which keys it knows, and
// reports every problem with the JSON pointer of the field instead of throwing.
#include "quire/job_json.hpp"

#include <limits>
#include <set>

#include "data/json.hpp"
#include "quire/check.hpp"

namespace quire {

namespace {

using nlohmann::json;

/// JSON pointer escaping of one key (RFC 6901: ~ -> ~0, / -> ~1).
std::string escape_key(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void field_error(Diagnostics& diags, const std::string& name, std::string code, std::string pointer,
                 std::string message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.origin = Origin::Usage;
  d.code = std::move(code);
  d.message = std::move(message);
  d.pos.file = name;
  d.pointer = std::move(pointer);
  diags.add(std::move(d));
}

/// Reads the fields of one JSON object, checking each; unknown keys are errors at finish().
class Fields {
 public:
  Fields(const json& j, std::string pointer, Diagnostics& diags, const std::string& name)
      : j_(j), pointer_(std::move(pointer)), diags_(diags), name_(name) {
    if (!j.is_object()) {
      fail("usage.job-field", pointer_, "must be an object, not " + std::string(j.type_name()));
      ok_ = false;
      object_ = false;
    }
  }

  [[nodiscard]] bool is_object() const { return object_; }
  [[nodiscard]] std::string at(const std::string& key) const { return pointer_ + "/" + escape_key(key); }

  /// The value of `key` or nullptr; marks the key as known. `required` reports a missing key.
  const json* get(const std::string& key, bool required = false) {
    known_.insert(key);
    if (!object_) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (required) fail("usage.job-missing-field", at(key), "'" + key + "' is required");
      return nullptr;
    }
    return &*it;
  }
  [[nodiscard]] bool has(const std::string& key) const { return object_ && j_.contains(key); }

  void string(const std::string& key, std::string& out, bool required = false) {
    if (const json* v = get(key, required)) {
      if (v->is_string())
        out = v->get<std::string>();
      else
        wrong_type(key, *v, "a string");
    }
  }

  void boolean(const std::string& key, bool& out) {
    if (const json* v = get(key)) {
      if (v->is_boolean())
        out = v->get<bool>();
      else
        wrong_type(key, *v, "true or false");
    }
  }

  /// An integer in [min, max]; null leaves `out` as it is.
  template <typename T>
  void integer(const std::string& key, T& out, long long min, long long max) {
    const json* v = get(key);
    if (!v || v->is_null()) return;
    if (!v->is_number_integer()) {
      wrong_type(key, *v, "a whole number");
      return;
    }
    long long n = v->is_number_unsigned() && v->get<unsigned long long>() >
                                                 static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                      ? std::numeric_limits<long long>::max()
                      : v->get<long long>();
    if (n < min || n > max) {
      fail("usage.job-field", at(key),
           "'" + key + "' must be from " + std::to_string(min) + " to " + std::to_string(max) + ", not " +
               std::to_string(n));
      return;
    }
    out = static_cast<T>(n);
  }

  /// As integer, into an optional (null or absent = none).
  template <typename T>
  void optional_integer(const std::string& key, std::optional<T>& out, long long min, long long max) {
    const json* v = get(key);
    if (!v || v->is_null()) return;
    T value{};
    std::size_t before = diags_.items().size();
    integer(key, value, min, max);
    if (diags_.items().size() == before) out = value;
  }

  void format(const std::string& key, OutputFormat& out) {
    if (const json* v = get(key)) {
      if (*v == "pdf")
        out = OutputFormat::Pdf;
      else if (*v == "docx")
        out = OutputFormat::Docx;
      else
        fail("usage.job-field", at(key), "'" + key + "' must be \"pdf\" or \"docx\", not " + v->dump());
    }
  }

  /// A list of strings.
  void strings(const std::string& key, std::vector<std::string>& out) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_array()) {
      wrong_type(key, *v, "a list of strings");
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_string())
        out.push_back((*v)[i].get<std::string>());
      else
        fail("usage.job-field", at(key) + "/" + std::to_string(i), "must be a string");
    }
  }

  /// The data of a job or record: "data" (any JSON value) or "data_text" (JSON text), exactly one.
  void data(std::string& out) {
    const json* value = get("data");
    const json* text = get("data_text");
    if (value && text) {
      fail("usage.job-field", at("data_text"), "give either 'data' or 'data_text', not both");
    } else if (value) {
      out = value->dump();
    } else if (text) {
      if (text->is_string())
        out = text->get<std::string>();
      else
        wrong_type("data_text", *text, "a string of JSON text");
    } else if (object_) {
      fail("usage.job-missing-field", at("data"), "'data' (or 'data_text') is required");
    }
  }

  void fail(std::string code, std::string pointer, std::string message) {
    field_error(diags_, name_, std::move(code), std::move(pointer), std::move(message));
    ok_ = false;
  }

  /// Reports every key no reader asked for; true if all was well.
  bool finish() {
    if (object_)
      for (const auto& [key, value] : j_.items())
        if (!known_.count(key)) fail("usage.job-unknown-field", at(key), "unknown field '" + key + "'");
    return ok_;
  }

  bool ok_ = true;

 private:
  void wrong_type(const std::string& key, const json& v, const std::string& expected) {
    fail("usage.job-field", at(key), "'" + key + "' must be " + expected + ", not " + std::string(v.type_name()));
  }

  const json& j_;
  std::string pointer_;
  Diagnostics& diags_;
  const std::string& name_;
  std::set<std::string> known_;
  bool object_ = true;
};

const char* format_name(OutputFormat f) {
  return f == OutputFormat::Docx ? "docx" : "pdf";
}

const char* origin_name(Origin o) {
  switch (o) {
    case Origin::Usage:
      return "usage";
    case Origin::Data:
      return "data";
    case Origin::Template:
      return "template";
    case Origin::Locale:
      return "locale";
    case Origin::Check:
      return "check";
    case Origin::Internal:
      return "internal";
    case Origin::Limit:
      return "limit";
  }
  return "internal";
}

std::optional<Origin> origin_from(const std::string& s) {
  for (Origin o :
       {Origin::Usage, Origin::Data, Origin::Template, Origin::Locale, Origin::Check, Origin::Internal, Origin::Limit})
    if (s == origin_name(o)) return o;
  return std::nullopt;
}

const char* status_name(RecordStatus s) {
  switch (s) {
    case RecordStatus::Rendered:
      return "rendered";
    case RecordStatus::Failed:
      return "failed";
    case RecordStatus::NotRendered:
      return "not-rendered";
  }
  return "not-rendered";
}

/// The data as embedded JSON when it parses, else as text (so a syntax error survives the trip).
void put_data(json& j, const std::string& data) {
  auto parsed = json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    j["data_text"] = data;
  else
    j["data"] = std::move(parsed);
}

/// A job from JSON text, converting a syntax error into a usage error.
std::optional<json> parse_job_text(std::string_view text, Diagnostics& diags, const std::string& name) {
  Diagnostics syntax;
  auto j = data::parse_json(text, name, syntax);
  for (auto d : syntax.items()) {
    if (d.origin == Origin::Data && d.code == "data.syntax") {
      d.origin = Origin::Usage;
      d.code = "usage.job-syntax";
    }
    diags.add(std::move(d));
  }
  return j;
}

/// One diagnostic from `j`, which sits at `pointer`.
bool diagnostic_from(const json& j, const std::string& pointer, Diagnostic& out, Diagnostics& diags,
                     const std::string& name) {
  Diagnostic d;
  Fields g(j, pointer, diags, name);
  if (g.is_object()) {
    std::string severity = "error", origin = "internal";
    g.string("severity", severity);
    g.string("origin", origin);
    g.string("code", d.code, true);
    g.string("message", d.message, true);
    g.string("file", d.pos.file);
    g.integer("line", d.pos.line, 0, std::numeric_limits<int>::max());
    g.integer("col", d.pos.column, 0, std::numeric_limits<int>::max());
    g.string("pointer", d.pointer);
    g.string("hint", d.hint);
    g.string("included_from", d.included_from);
    if (severity == "error")
      d.severity = Severity::Error;
    else if (severity == "warning")
      d.severity = Severity::Warning;
    else
      g.fail("usage.job-field", g.at("severity"), "'severity' must be \"error\" or \"warning\"");
    if (auto o = origin_from(origin))
      d.origin = *o;
    else
      g.fail("usage.job-field", g.at("origin"), "unknown origin '" + origin + "'");
  }
  if (!g.finish()) return false;
  out = std::move(d);
  return true;
}

/// The list of diagnostics under `key`, appended to `out`.
void diagnostics_from(Fields& f, const std::string& key, Diagnostics& out, Diagnostics& diags,
                      const std::string& name) {
  const json* v = f.get(key);
  if (!v) return;
  if (!v->is_array()) {
    f.fail("usage.job-field", f.at(key), "'" + key + "' must be a list of diagnostics");
    return;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    Diagnostic d;
    if (diagnostic_from((*v)[i], f.at(key) + "/" + std::to_string(i), d, diags, name))
      out.add(std::move(d));
    else
      f.ok_ = false;
  }
}

void render_result_fields(Fields& f, RenderResult& out, Diagnostics& diags, const std::string& name) {
  bool ok_flag = false;
  int exit_code = 0;
  f.boolean("ok", ok_flag);  // derived from the diagnostics: checked, not used
  f.integer("exit_code", exit_code, 0, 255);
  f.string("locale", out.locale);
  f.integer("pages", out.pages, 0, std::numeric_limits<int>::max());
  f.strings("untranslated", out.untranslated);
  diagnostics_from(f, "diagnostics", out.diagnostics, diags, name);
}

}  // namespace

// ---- writing ----

void to_json(json& j, const Diagnostic& d) {
  j = json::object();
  j["severity"] = d.severity == Severity::Error ? "error" : "warning";
  j["origin"] = origin_name(d.origin);
  j["code"] = d.code;
  j["message"] = d.message;
  if (!d.pos.file.empty()) j["file"] = d.pos.file;
  if (d.pos.line > 0) {
    j["line"] = d.pos.line;
    j["col"] = d.pos.column;
  }
  if (!d.pointer.empty()) j["pointer"] = d.pointer;
  if (!d.hint.empty()) j["hint"] = d.hint;
  if (!d.included_from.empty()) j["included_from"] = d.included_from;
}

void to_json(json& j, const Diagnostics& diags) {
  j = json::array();
  for (const auto& d : diags.items()) j.push_back(d);
}

namespace {

// The options a single render and a batch share, written and read in one place so the
// two JSON forms cannot drift apart.
template <class Job>
void put_options(json& j, const Job& job) {
  j["locale"] = job.locale;
  j["format"] = format_name(job.format);
  j["strict"] = job.strict;
  if (job.allow_missing_glyphs) j["allow_missing_glyphs"] = true;
  if (!job.embed_fonts) j["embed_fonts"] = false;
  j["bilingual"] = job.bilingual;
  j["theme"] = job.theme;
  if (job.max_pages) j["max_pages"] = *job.max_pages;
}

template <class Job>
void read_options(Fields& f, Job& job) {
  f.string("locale", job.locale);
  f.format("format", job.format);
  f.boolean("strict", job.strict);
  f.boolean("allow_missing_glyphs", job.allow_missing_glyphs);
  f.boolean("embed_fonts", job.embed_fonts);
  f.boolean("bilingual", job.bilingual);
  f.string("theme", job.theme);
  f.optional_integer("max_pages", job.max_pages, 0, std::numeric_limits<int>::max());
}

}  // namespace

void to_json(json& j, const RenderJob& job) {
  j = json::object();
  j["template"] = job.template_ref;
  put_data(j, job.data);
  j["data_name"] = job.data_name;
  j["data_first_line"] = job.data_first_line;
  put_options(j, job);
  if (job.deadline_ms) j["deadline_ms"] = *job.deadline_ms;
}

void to_json(json& j, const BatchJob& job) {
  j = json::object();
  j["template"] = job.template_ref;
  if (!job.records_jsonl.empty() || job.records.empty()) j["records_jsonl"] = job.records_jsonl;
  if (!job.records.empty()) {
    json records = json::array();
    for (const auto& r : job.records) {
      json one = json::object();
      put_data(one, r.data);
      if (r.line > 0) one["line"] = r.line;
      records.push_back(std::move(one));
    }
    j["records"] = std::move(records);
  }
  j["records_name"] = job.records_name;
  put_options(j, job);
  j["jobs"] = job.jobs;
  if (job.deadline_ms) j["deadline_ms"] = *job.deadline_ms;
  if (job.record_deadline_ms) j["record_deadline_ms"] = *job.record_deadline_ms;
}

void to_json(json& j, const RenderResult& result) {
  j = json::object();
  j["ok"] = result.ok();
  j["exit_code"] = result.exit_code();
  j["locale"] = result.locale;
  j["pages"] = result.pages;
  j["untranslated"] = result.untranslated;
  j["diagnostics"] = result.diagnostics;
}

void to_json(json& j, const BatchResult& result) {
  j = json::object();
  j["ok"] = result.ok();
  j["exit_code"] = result.exit_code();
  j["rendered"] = result.rendered;
  j["failed"] = result.failed;
  j["not_rendered"] = result.not_rendered;
  j["diagnostics"] = result.diagnostics;
  json records = json::array();
  for (const auto& item : result.items) {
    json one = json::object();
    one["index"] = item.index;
    one["line"] = item.line;
    one["output"] = item.output_name;
    one["status"] = status_name(item.status);
    one["exit_code"] = item.exit_code();
    one["result"] = item.result;
    records.push_back(std::move(one));
  }
  j["records"] = std::move(records);
}

void to_json(json& j, const PackJob& job) {
  j = json::object();
  json docs = json::array();
  for (const auto& d : job.documents) {
    json one = json::object();
    one["template"] = d.template_ref;
    put_data(one, d.data);
    if (!d.data_name.empty()) one["data_name"] = d.data_name;
    if (!d.locale.empty()) one["locale"] = d.locale;
    if (!d.edition.empty()) one["edition"] = d.edition;
    if (!d.title.empty()) one["title"] = d.title;
    if (d.confidential) one["confidential"] = true;
    docs.push_back(std::move(one));
  }
  j["documents"] = std::move(docs);
  j["edition"] = job.edition == PackEdition::Public ? "public" : "full";
  j["format"] = format_name(job.format);
  j["name"] = job.name;
  if (!job.title.empty()) j["title"] = job.title;
  j["strict"] = job.strict;
  if (job.allow_missing_glyphs) j["allow_missing_glyphs"] = true;
  j["theme"] = job.theme;
  if (job.deadline_ms) j["deadline_ms"] = *job.deadline_ms;
  if (job.max_pages) j["max_pages"] = *job.max_pages;
}

void to_json(json& j, const PackResult& result) {
  j = json::object();
  j["ok"] = result.ok();
  j["exit_code"] = result.exit_code();
  j["pages"] = result.pages;
  j["included"] = result.included;
  j["withheld"] = result.withheld;
  j["diagnostics"] = result.diagnostics;
  json docs = json::array();
  for (const auto& p : result.parts) {
    json one = {{"index", p.index}, {"withheld", p.withheld}};
    if (!p.locale.empty()) one["locale"] = p.locale;
    docs.push_back(std::move(one));
  }
  j["documents"] = std::move(docs);
}

nlohmann::json errors_json(const Diagnostics& diags, const std::string& data_pointer) {
  json errors = json::array();
  for (const auto& d : diags.items()) {
    if (d.severity != Severity::Error) continue;
    json e = json::object();
    e["code"] = d.code;
    e["message"] = d.message;
    // As format_diagnostic: a data problem without a line is located by its pointer ("" = the root).
    bool data_located = d.origin == Origin::Data && (!d.pointer.empty() || (!d.pos.file.empty() && d.pos.line == 0));
    if (data_located)
      e["pointer"] = data_pointer + d.pointer;
    else if (!d.pointer.empty())
      e["pointer"] = d.pointer;
    errors.push_back(std::move(e));
  }
  return json{{"errors", std::move(errors)}};
}

// ---- reading ----

bool from_json(const json& j, Diagnostic& out, Diagnostics& diags, const std::string& name) {
  return diagnostic_from(j, "", out, diags, name);
}

bool from_json(const json& j, RenderJob& out, Diagnostics& diags, const std::string& name) {
  RenderJob job;
  Fields f(j, "", diags, name);
  f.string("template", job.template_ref, true);
  f.data(job.data);
  f.string("data_name", job.data_name);
  f.integer("data_first_line", job.data_first_line, 1, std::numeric_limits<int>::max());
  read_options(f, job);
  f.optional_integer("deadline_ms", job.deadline_ms, 0, std::numeric_limits<long long>::max() / 2);
  if (!f.finish()) return false;
  out = std::move(job);
  return true;
}

bool from_json(const json& j, BatchJob& out, Diagnostics& diags, const std::string& name) {
  BatchJob job;
  Fields f(j, "", diags, name);
  f.string("template", job.template_ref, true);
  f.string("records_jsonl", job.records_jsonl);
  if (const json* records = f.get("records")) {
    if (!records->is_array()) {
      f.fail("usage.job-field", f.at("records"), "'records' must be a list of {\"data\", \"line\"} objects");
    } else {
      for (std::size_t i = 0; i < records->size(); ++i) {
        BatchRecord r;
        Fields g((*records)[i], f.at("records") + "/" + std::to_string(i), diags, name);
        if (g.is_object()) {
          g.data(r.data);
          g.integer("line", r.line, 1, std::numeric_limits<int>::max());
        }
        if (!g.finish()) f.ok_ = false;
        job.records.push_back(std::move(r));
      }
    }
  }
  if (f.is_object() && !f.has("records") && !f.has("records_jsonl"))
    f.fail("usage.job-missing-field", f.at("records"), "'records' (or 'records_jsonl') is required");
  if (!job.records.empty() && !job.records_jsonl.empty())
    f.fail("usage.job-field", f.at("records_jsonl"), "give either 'records' or 'records_jsonl', not both");
  f.string("records_name", job.records_name);
  read_options(f, job);
  f.integer("jobs", job.jobs, 0, 1024);
  f.optional_integer("deadline_ms", job.deadline_ms, 0, std::numeric_limits<long long>::max() / 2);
  f.optional_integer("record_deadline_ms", job.record_deadline_ms, 0, std::numeric_limits<long long>::max() / 2);
  if (!f.finish()) return false;
  out = std::move(job);
  return true;
}

bool from_json(const json& j, RenderResult& out, Diagnostics& diags, const std::string& name) {
  RenderResult result;
  Fields f(j, "", diags, name);
  render_result_fields(f, result, diags, name);
  if (!f.finish()) return false;
  out = std::move(result);
  return true;
}

bool from_json(const json& j, BatchResult& out, Diagnostics& diags, const std::string& name) {
  BatchResult result;
  Fields f(j, "", diags, name);
  bool ok_flag = false;
  int exit_code = 0;
  f.boolean("ok", ok_flag);
  f.integer("exit_code", exit_code, 0, 255);
  f.integer("rendered", result.rendered, 0, std::numeric_limits<int>::max());
  f.integer("failed", result.failed, 0, std::numeric_limits<int>::max());
  f.integer("not_rendered", result.not_rendered, 0, std::numeric_limits<int>::max());
  diagnostics_from(f, "diagnostics", result.diagnostics, diags, name);
  if (const json* records = f.get("records")) {
    if (!records->is_array()) {
      f.fail("usage.job-field", f.at("records"), "'records' must be a list");
    } else {
      for (std::size_t i = 0; i < records->size(); ++i) {
        BatchItem item;
        Fields g((*records)[i], f.at("records") + "/" + std::to_string(i), diags, name);
        if (g.is_object()) {
          int item_exit = 0;
          std::string status;
          g.integer("index", item.index, 0, std::numeric_limits<int>::max());
          g.integer("line", item.line, 0, std::numeric_limits<int>::max());
          g.string("output", item.output_name);
          g.string("status", status, true);
          g.integer("exit_code", item_exit, 0, 255);
          if (status == "rendered")
            item.status = RecordStatus::Rendered;
          else if (status == "failed")
            item.status = RecordStatus::Failed;
          else if (status == "not-rendered")
            item.status = RecordStatus::NotRendered;
          else if (g.has("status"))
            g.fail("usage.job-field", g.at("status"), "'status' must be rendered, failed or not-rendered");
          if (const json* r = g.get("result")) {
            Fields h(*r, g.at("result"), diags, name);
            if (h.is_object()) render_result_fields(h, item.result, diags, name);
            if (!h.finish()) g.ok_ = false;
          }
        }
        if (!g.finish()) f.ok_ = false;
        result.items.push_back(std::move(item));
      }
    }
  }
  if (!f.finish()) return false;
  out = std::move(result);
  return true;
}

bool from_json(const json& j, PackJob& out, Diagnostics& diags, const std::string& name) {
  PackJob job;
  job.name = name;
  Fields f(j, "", diags, name);
  if (const json* docs = f.get("documents", true)) {
    if (!docs->is_array()) {
      f.fail("usage.job-field", f.at("documents"), "'documents' must be a list of documents");
    } else if (docs->size() > kMaxPackDocuments) {
      // Not read further: the engine would refuse it, and a huge list is not worth checking.
      Diagnostic d;
      d.origin = Origin::Limit;
      d.code = "job.too-many-documents";
      d.message = "the pack has " + std::to_string(docs->size()) + " documents; a pack may have at most " +
                  std::to_string(kMaxPackDocuments);
      d.pos.file = name;
      d.pointer = "/documents";
      diags.add(std::move(d));
      f.ok_ = false;
    } else {
      for (std::size_t i = 0; i < docs->size(); ++i) {
        PackDocument d;
        Fields g((*docs)[i], f.at("documents") + "/" + std::to_string(i), diags, name);
        if (g.is_object()) {
          g.string("template", d.template_ref, true);
          g.data(d.data);
          g.string("data_name", d.data_name);
          g.string("locale", d.locale);
          g.string("edition", d.edition);
          g.string("title", d.title);
          g.boolean("confidential", d.confidential);
        }
        if (!g.finish()) f.ok_ = false;
        job.documents.push_back(std::move(d));
      }
    }
  }
  std::string edition = "full";
  f.string("edition", edition);
  if (edition == "public")
    job.edition = PackEdition::Public;
  else if (edition != "full")
    f.fail("usage.job-field", f.at("edition"), "'edition' must be \"full\" or \"public\", not \"" + edition + "\"");
  f.format("format", job.format);
  f.string("name", job.name);
  f.string("title", job.title);
  f.boolean("strict", job.strict);
  f.boolean("allow_missing_glyphs", job.allow_missing_glyphs);
  f.string("theme", job.theme);
  f.optional_integer("deadline_ms", job.deadline_ms, 0, std::numeric_limits<long long>::max() / 2);
  f.optional_integer("max_pages", job.max_pages, 0, std::numeric_limits<int>::max());
  if (!f.finish()) return false;
  out = std::move(job);
  return true;
}

bool from_json(const json& j, PackResult& out, Diagnostics& diags, const std::string& name) {
  PackResult result;
  Fields f(j, "", diags, name);
  bool ok_flag = false;
  int exit_code = 0;
  f.boolean("ok", ok_flag);  // derived from the diagnostics: checked, not used
  f.integer("exit_code", exit_code, 0, 255);
  f.integer("pages", result.pages, 0, std::numeric_limits<int>::max());
  f.integer("included", result.included, 0, std::numeric_limits<int>::max());
  f.integer("withheld", result.withheld, 0, std::numeric_limits<int>::max());
  diagnostics_from(f, "diagnostics", result.diagnostics, diags, name);
  if (const json* docs = f.get("documents")) {
    if (!docs->is_array()) {
      f.fail("usage.job-field", f.at("documents"), "'documents' must be a list");
    } else {
      for (std::size_t i = 0; i < docs->size() && i <= kMaxPackDocuments; ++i) {
        PackPart p;
        Fields g((*docs)[i], f.at("documents") + "/" + std::to_string(i), diags, name);
        if (g.is_object()) {
          g.integer("index", p.index, 0, std::numeric_limits<int>::max());
          g.boolean("withheld", p.withheld);
          g.string("locale", p.locale);
        }
        if (!g.finish()) f.ok_ = false;
        result.parts.push_back(std::move(p));
      }
    }
  }
  if (!f.finish()) return false;
  out = std::move(result);
  return true;
}

std::optional<PackJob> parse_pack_job(std::string_view text, Diagnostics& diags, const std::string& name) {
  auto j = parse_job_text(text, diags, name);
  if (!j) return std::nullopt;
  PackJob job;
  if (!from_json(*j, job, diags, name)) return std::nullopt;
  return job;
}

std::optional<RenderJob> parse_render_job(std::string_view text, Diagnostics& diags, const std::string& name) {
  auto j = parse_job_text(text, diags, name);
  if (!j) return std::nullopt;
  RenderJob job;
  if (!from_json(*j, job, diags, name)) return std::nullopt;
  return job;
}

std::optional<CheckJob> parse_check_job(std::string_view text, Diagnostics& diags, const std::string& name) {
  auto j = parse_job_text(text, diags, name);
  if (!j) return std::nullopt;
  CheckJob job;
  Fields f(*j, "", diags, name);
  f.string("template", job.template_ref, true);
  f.data(job.data);
  f.string("data_name", job.data_name);
  f.integer("data_first_line", job.data_first_line, 1, std::numeric_limits<int>::max());
  f.string("locale", job.locale);
  if (!f.finish()) return std::nullopt;
  return job;
}

std::optional<BatchJob> parse_batch_job(std::string_view text, Diagnostics& diags, const std::string& name) {
  auto j = parse_job_text(text, diags, name);
  if (!j) return std::nullopt;
  BatchJob job;
  if (!from_json(*j, job, diags, name)) return std::nullopt;
  return job;
}

}  // namespace quire
