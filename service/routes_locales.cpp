// The translators' routes: a locale's XLIFF for a CAT tool, and a translated file brought
// back. Both go through the translators' job API (quire/translations.hpp), the functions
// `quire locales export|import` use. An accepted file is kept in the database as a pending
// import for an admin to apply with `quire locales apply` (docs/SERVICE.md): the service
// reads quire's catalogues but never writes them, since several machines may serve one
// database and the catalogues installed with quire are read-only.
#include <algorithm>
#include <cctype>

#include "digest.hpp"
#include "quire/translations.hpp"
#include "roles.hpp"
#include "service.hpp"

namespace quire::service {

using nlohmann::json;

namespace {

/// The name an upload's positions carry in the answer ("upload:12:7").
constexpr const char* kUploadName = "upload";

/// The media type without parameters, lower case ("application/xliff+xml").
std::string media_type(std::string_view content_type) {
  std::string out(content_type.substr(0, content_type.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_xliff_type(const std::string& type) {
  return type == "application/xliff+xml" || type == "application/x-xliff+xml" || type == "application/xml" ||
         type == "text/xml";
}

bool is_po_type(const std::string& type) {
  return type == "text/x-po" || type == "text/x-gettext-translation" || type == "application/x-po" ||
         type == "application/x-gettext";
}

/// Every problem of one severity, with its line and column when it is in the upload.
json problems_json(const Diagnostics& diags, Severity severity) {
  json out = json::array();
  for (const auto& d : diags.items()) {
    if (d.severity != severity) continue;
    json e = {{"code", d.code}, {"message", d.message}};
    if (d.pos.file == kUploadName && d.pos.line > 0) {
      e["line"] = d.pos.line;
      e["column"] = d.pos.column;
      e["at"] = std::string(kUploadName) + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
    }
    if (!d.hint.empty()) e["hint"] = d.hint;
    out.push_back(std::move(e));
  }
  return out;
}

Response forbidden(const TokenInfo& who) {
  return error_response(403, "auth.forbidden",
                        "the role '" + who.role + "' may not work on catalogues (roles translator and admin may)");
}

}  // namespace

Response Service::locale_export(const Request& request, const TokenInfo& who) {
  if (!role_may(who.role, "locale")) return forbidden(who);
  if (!world_ || !config_) return error_response(500, "service.no-sources", "the service has no catalogues to read");
  const std::string tag = request.params.empty() ? std::string() : request.params[0];
  // ?format=xliff (the default): the file a CAT tool opens; ?format=tmx: the reviewed
  // translations as a translation memory (`quire locales tmx`).
  auto format = request.query.find("format");
  const std::string kind = format == request.query.end() ? "xliff" : format->second;
  if (kind != "xliff" && kind != "tmx")
    return error_response(400, "usage.export-format",
                          "format is xliff (XLIFF 1.2, the default) or tmx (a translation memory); quire writes "
                          "no other format, PO included");
  Translations translations(*world_, *config_);
  Diagnostics diags;
  auto resolved = translations.resolve(tag, diags);
  std::optional<std::string> text;
  if (resolved)
    text = kind == "tmx" ? translations.export_memory(*resolved, diags) : translations.export_locale(*resolved, diags);
  if (!text) {
    int status = has_error_code(diags, "usage.unknown-locale") ? 404 : http_status_for(diags);
    return json_response(status == 200 ? 500 : status, json{{"errors", problems_json(diags, Severity::Error)}});
  }
  Response res{200,
               kind == "tmx" ? "application/x-tmx+xml; charset=utf-8" : "application/xliff+xml; charset=utf-8",
               std::move(*text),
               {}};
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"quire-" + *resolved + (kind == "tmx" ? ".tmx" : ".xlf") + "\"");
  res.headers.emplace_back("X-Quire-Locale", *resolved);
  return res;
}

Response Service::locale_import(const Request& request, const TokenInfo& who) {
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "locale-import";
  audit.format = "xliff";
  audit.upload_sha256 = sha256_hex(request.body);
  // A refusal is recorded too; its row has the codes, never the file.
  auto refuse = [&](Response res) {
    audit.status = res.status;
    audit.outcome = "failed";
    json body = json::parse(res.body, nullptr, false);
    if (body.is_object() && body.contains("errors") && body["errors"].is_array())
      for (const auto& e : body["errors"])
        if (std::string c = e.value("code", ""); !c.empty() && audit.codes.find(c) == std::string::npos)
          audit.codes += (audit.codes.empty() ? "" : ",") + c;
    if (!store_.record(audit))
      return error_response(500, "service.audit", "the import could not be recorded in the audit");
    return res;
  };

  if (!role_may(who.role, "locale")) return refuse(forbidden(who));
  if (!world_ || !config_)
    return refuse(error_response(500, "service.no-sources", "the service has no catalogues to read"));
  const std::string type = media_type(request.content_type);
  if (is_po_type(type))
    return refuse(
        error_response(415, "usage.import-format",
                       "quire's catalogues are XLIFF 1.2 and it reads no PO files: have the CAT tool "
                       "save the translation as XLIFF (GET /v1/locales/{tag}/export gives one to start from)"));
  if (!is_xliff_type(type))
    return refuse(
        error_response(415, "usage.import-format",
                       "send the translated file as Content-Type: application/xliff+xml (quire reads XLIFF 1.2)"));

  Translations translations(*world_, *config_);
  const std::string tag = request.params.empty() ? std::string() : request.params[0];
  Diagnostics diags;
  auto wanted = translations.resolve(tag, diags);
  if (!wanted) return refuse(json_response(404, json{{"errors", problems_json(diags, Severity::Error)}}));
  audit.locale = *wanted;
  auto file = translations.import_file(request.body, kUploadName, diags);
  if (file && file->tag != *wanted) {
    diags.error(Origin::Usage, "usage.locale-mismatch",
                "the file is a translation into '" + file->tag + "' (its target-language), not into '" + *wanted +
                    "' as the address says",
                {kUploadName, 1, 1});
    file.reset();
  }
  if (!file) {
    if (!diags.has_errors()) diags.error(Origin::Usage, "usage.import", "the file was refused");
    json body = {{"errors", problems_json(diags, Severity::Error)},
                 {"warnings", problems_json(diags, Severity::Warning)},
                 {"message", "import refused: nothing was changed"}};
    return refuse(json_response(422, body));
  }

  audit.status = 202;
  audit.outcome = "ok";
  auto id = store_.stage_import(audit, request.body, static_cast<long long>(file->changes.size()));
  if (!id) return error_response(500, "service.audit", "the import could not be kept and recorded; nothing changed");
  json changes = json::array();
  for (const auto& c : file->changes) changes.push_back(c);
  return json_response(202, {{"import",
                              {{"id", *id},
                               {"locale", file->tag},
                               {"state", "pending"},
                               {"upload_sha256", audit.upload_sha256},
                               {"changes", std::move(changes)}}},
                             {"warnings", problems_json(diags, Severity::Warning)},
                             {"message", "accepted: an admin applies it with `quire locales apply " +
                                             std::to_string(*id) + "`; renders use it after that"}});
}

Response Service::locale_imports(const Request& request, const TokenInfo& who) {
  if (!role_may(who.role, "locale")) return forbidden(who);
  if (!world_ || !config_) return error_response(500, "service.no-sources", "the service has no catalogues to read");
  const std::string tag = request.params.empty() ? std::string() : request.params[0];
  Diagnostics diags;
  auto resolved = Translations(*world_, *config_).resolve(tag, diags);
  if (!resolved) return json_response(404, json{{"errors", problems_json(diags, Severity::Error)}});
  json list = json::array();
  for (const auto& i : store_.imports(*resolved))
    list.push_back({{"id", i.id},
                    {"at", i.at},
                    {"who", i.who},
                    {"locale", i.locale},
                    {"format", i.format},
                    {"upload_sha256", i.upload_sha256},
                    {"changes", i.changes},
                    {"state", i.state},
                    {"applied", i.applied},
                    {"applied_by", i.applied_by}});
  return json_response(200, {{"imports", std::move(list)}});
}

}  // namespace quire::service
