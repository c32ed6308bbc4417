// JSON forms of jobs, results and diagnostics: what the service reads and writes, and
// what any caller can log or replay. Writing never fails; reading validates every field
// and reports each bad one as a usage diagnostic (`usage.job-*`) with the JSON pointer
// of the field, and never throws.
//
// RenderJob:  {"template", "data" (any JSON value) | "data_text" (JSON text), "data_name",
//              "data_first_line", "locale", "format": "pdf"|"docx", "strict", "allow_missing_glyphs",
//              "embed_fonts" (DOCX; default true), "bilingual", "deadline_ms", "max_pages"}                 (only
//              "template" and the data are required)
// BatchJob:   {"template", "records": [{"data" | "data_text", "line"}] | "records_jsonl", "records_name",
//              "locale", "format", "strict", "allow_missing_glyphs", "embed_fonts", "bilingual", "jobs",
//              "deadline_ms", "record_deadline_ms", "max_pages"}
// PackJob:    {"documents": [{"template", "data" | "data_text", "data_name", "locale", "edition", "title",
//              "confidential"}], "edition": "full"|"public", "format": "pdf", "name", "title", "strict",
//              "allow_missing_glyphs", "theme", "deadline_ms", "max_pages"}   (only "documents" and each
//              document's "template" and data are required; "docx" is read, and refused by the engine)
// Diagnostic: {"severity": "error"|"warning", "origin": "usage"|"data"|"template"|"locale"|"check"|
//              "internal"|"limit", "code", "message", "file", "line", "col", "pointer", "hint"}
//              (file, line/col, pointer and hint only when set)
// RenderResult: {"ok", "exit_code", "locale", "pages", "untranslated": [...], "diagnostics": [...]}
//              (never the bytes; "ok" and "exit_code" are derived from the diagnostics)
// PackResult: {"ok", "exit_code", "pages", "included", "withheld", "diagnostics": [...],
//              "documents": [{"index", "withheld", "locale"}]}   (never the bytes)
// BatchResult: {"ok", "exit_code", "rendered", "failed", "not_rendered", "diagnostics": [...],
//              "records": [{"index", "line", "output", "status": "rendered"|"failed"|"not-rendered",
//                           "exit_code", "result": RenderResult}]}
//
// allow_template_folders is never part of a job's JSON form: a job read from JSON may name
// only built-in templates, and the key is refused as unknown.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "quire/diagnostic.hpp"
#include "quire/render.hpp"

namespace quire {

// Writing (found by nlohmann::json's ADL: `nlohmann::json j = job;` works).
void to_json(nlohmann::json& j, const Diagnostic& d);
void to_json(nlohmann::json& j, const Diagnostics& diags);
void to_json(nlohmann::json& j, const RenderJob& job);
void to_json(nlohmann::json& j, const BatchJob& job);
void to_json(nlohmann::json& j, const RenderResult& result);
void to_json(nlohmann::json& j, const BatchResult& result);
void to_json(nlohmann::json& j, const PackJob& job);
void to_json(nlohmann::json& j, const PackResult& result);

// Reading: fills `out` and returns true, or adds a diagnostic per bad field and returns false.
// `name` is the file name the diagnostics show (`name#/pointer`).
bool from_json(const nlohmann::json& j, Diagnostic& out, Diagnostics& diags, const std::string& name = "job");
bool from_json(const nlohmann::json& j, RenderJob& out, Diagnostics& diags, const std::string& name = "job");
bool from_json(const nlohmann::json& j, BatchJob& out, Diagnostics& diags, const std::string& name = "job");
bool from_json(const nlohmann::json& j, RenderResult& out, Diagnostics& diags, const std::string& name = "result");
bool from_json(const nlohmann::json& j, BatchResult& out, Diagnostics& diags, const std::string& name = "result");
bool from_json(const nlohmann::json& j, PackJob& out, Diagnostics& diags, const std::string& name = "job");
bool from_json(const nlohmann::json& j, PackResult& out, Diagnostics& diags, const std::string& name = "result");

/// A job from JSON text; a syntax error is `usage.job-syntax` at its line and column.
std::optional<RenderJob> parse_render_job(std::string_view text, Diagnostics& diags, const std::string& name = "job");
std::optional<BatchJob> parse_batch_job(std::string_view text, Diagnostics& diags, const std::string& name = "job");
/// A pack from JSON text; its `name` is set to `name` unless the JSON gives one.
std::optional<PackJob> parse_pack_job(std::string_view text, Diagnostics& diags, const std::string& name = "job");

/// The service's error form: {"errors": [{"code", "message", "pointer"}]}, errors only (no
/// warnings), "pointer" only when the diagnostic has one. Pointers of data diagnostics are
/// relative to the data; `data_pointer` is put in front of them ("/data" when the data was
/// embedded in a job), so every pointer is relative to the same document.
nlohmann::json errors_json(const Diagnostics& diags, const std::string& data_pointer = "");

}  // namespace quire
