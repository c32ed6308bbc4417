#include "service.hpp"

#include <algorithm>
#include <chrono>

#include "digest.hpp"
#include "quire/job_json.hpp"
#include "roles.hpp"

namespace quire::service {

using nlohmann::json;

Response json_response(int status, const json& body) {
  return {status, "application/json", body.dump(), {}};
}

Response error_response(int status, std::string_view code, std::string_view message, std::string_view pointer) {
  return {status, "application/json", error_body(code, message, pointer), {}};
}

bool has_error_code(const Diagnostics& diags, std::string_view code) {
  return std::any_of(diags.items().begin(), diags.items().end(),
                     [&](const Diagnostic& d) { return d.severity == Severity::Error && d.code == code; });
}

std::string error_codes(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error && out.find(d.code) == std::string::npos)
      out += (out.empty() ? "" : ",") + d.code;
  return out;
}

namespace {

bool looks_like_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == ':';
  });
}

std::string id_value(const json& v) {
  if (v.is_number_integer()) return v.dump();
  if (v.is_string() && looks_like_id(v.get<std::string>())) return v.get<std::string>();
  return {};
}

std::string_view format_name(OutputFormat f) {
  return f == OutputFormat::Docx ? "docx" : "pdf";
}

std::string_view content_type_of(OutputFormat f) {
  return f == OutputFormat::Docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                 : "application/pdf";
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"GET", "/healthz", false, &Service::healthz},
      {"POST", "/v1/render", true, &Service::render},
      {"GET", "/v1/templates", true, &Service::templates},
      {"GET", "/v1/locales", true, &Service::locales},
      {"GET", "/v1/openapi.json", true, &Service::openapi},
      {"POST", "/v1/jobs", true, &Service::submit_job},
      {"GET", "/v1/jobs/{id}", true, &Service::job_status},
      {"DELETE", "/v1/jobs/{id}", true, &Service::cancel_job},
      {"GET", "/v1/jobs/{id}/artefacts/{index}", true, &Service::job_artefact},
      {"POST", "/v1/check", true, &Service::check},
      {"GET", "/v1/templates/{name}/schema", true, &Service::template_schema},
      {"GET", "/metrics", true, &Service::metrics_text},
      {"GET", "/v1/locales/{tag}/export", true, &Service::locale_export},
      {"POST", "/v1/locales/{tag}/import", true, &Service::locale_import},
      {"GET", "/v1/locales/{tag}/imports", true, &Service::locale_imports},
  };
  return table;
}

bool match_route_path(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  if (pattern.find('{') == std::string_view::npos) return pattern == path;
  std::size_t p = 0, q = 0;
  while (p < pattern.size() && q < path.size()) {
    std::size_t pe = pattern.find('/', p + 1), qe = path.find('/', q + 1);
    if (pe == std::string_view::npos) pe = pattern.size();
    if (qe == std::string_view::npos) qe = path.size();
    std::string_view ps = pattern.substr(p, pe - p), qs = path.substr(q, qe - q);  // each with its leading '/'
    if (ps.size() > 2 && ps[1] == '{' && ps.back() == '}') {
      if (qs.size() < 2) return false;
      params.emplace_back(qs.substr(1));
    } else if (ps != qs) {
      return false;
    }
    p = pe;
    q = qe;
  }
  return p == pattern.size() && q == path.size();
}

std::string error_body(std::string_view code, std::string_view message, std::string_view pointer) {
  json e = {{"code", code}, {"message", message}};
  if (!pointer.empty()) e["pointer"] = pointer;
  return json{{"errors", json::array({e})}}.dump();
}

int http_status_for(const Diagnostics& diags) {
  if (has_error_code(diags, "usage.unknown-template") || has_error_code(diags, "usage.template-folder")) return 404;
  switch (exit_code_for(diags)) {
    case 0:
      return 200;
    case 2:
      return 400;
    case 3:
      return 422;
    case 5:
      return 422;
    case 6:
      return 422;
    default:
      return 500;  // 1 internal, 4 a broken built-in template or catalogue
  }
}

std::string record_id_of(const json& data) {
  if (!data.is_object()) return {};
  if (auto child = data.find("child"); child != data.end() && child->is_object())
    if (auto id = child->find("id"); id != child->end())
      if (std::string s = id_value(*id); !s.empty()) return s;
  if (auto id = data.find("id"); id != data.end()) return id_value(*id);
  return {};
}

Service::Service(const Engine& engine, Store& store, Limits limits)
    : engine_(engine), store_(store), limits_(limits), slots_(limits.max_concurrent_per_token) {}

void Service::set_sources(const World& world, const EngineConfig& config) {
  world_ = &world;
  config_ = &config;
}

Service::~Service() = default;

Response Service::handle(const Request& request) {
  Metrics::InFlight in_flight(metrics_);
  try {
    return handle_unguarded(request);
  } catch (const std::exception&) {
    // Never a stack trace or a message that might quote the request.
    return error_response(500, "service.internal", "the service failed to answer this request");
  }
}

Response Service::handle_unguarded(const Request& request) {
  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params, route_params;
  for (const auto& r : routes()) {
    if (!match_route_path(r.path, request.path, params)) continue;
    path_known = true;
    if (r.method == request.method) {
      route = &r;
      route_params = params;
    }
  }
  if (!path_known) {
    // "/v1/templates/../../etc/passwd/schema", also when sent as %2E%2E%2F (the HTTP shell decodes it).
    if (("/" + request.path + "/").find("/../") != std::string::npos ||
        ("/" + request.path + "/").find("/./") != std::string::npos)
      return error_response(400, "http.dot-segment", "a request path may not contain '.' or '..' segments");
    return error_response(404, "http.not-found", "no such route (GET /v1/openapi.json lists them)");
  }
  if (!route) {
    Response res = error_response(405, "http.method-not-allowed", "this route does not answer " + request.method);
    for (const auto& r : routes())
      if (match_route_path(r.path, request.path, params)) res.headers.emplace_back("Allow", std::string(r.method));
    return res;
  }
  if (request.body.size() > limits_.max_body_bytes) {
    metrics_.count_refusal("request.too-large");
    return error_response(
        413, "request.too-large",
        "the request body is larger than the limit of " + std::to_string(limits_.max_body_bytes) + " bytes");
  }
  TokenInfo who;
  if (route->authenticated) {
    constexpr std::string_view bearer = "Bearer ";
    const std::string& auth = request.authorization;
    if (auth.empty()) {
      Response res = error_response(401, "auth.missing-token", "send an API token: Authorization: Bearer TOKEN");
      res.headers.emplace_back("WWW-Authenticate", "Bearer");
      return res;
    }
    std::optional<TokenInfo> token;
    if (auth.size() > bearer.size() && auth.compare(0, bearer.size(), bearer) == 0)
      token = store_.find_token(auth.substr(bearer.size()));
    if (!token) {
      Response res = error_response(401, "auth.invalid-token", "the API token is unknown or revoked");
      res.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return res;
    }
    who = *token;
  }
  if (!route_params.empty()) {
    Request with_params = request;
    with_params.params = std::move(route_params);
    return (this->*(route->handler))(with_params, who);
  }
  return (this->*(route->handler))(request, who);
}

Response Service::healthz(const Request&, const TokenInfo&) {
  return json_response(200, {{"status", "ok"}});
}

Response Service::templates(const Request&, const TokenInfo& who) {
  json list = json::array();
  for (const auto& name : engine_.templates())
    list.push_back({{"name", name}, {"kind", template_kind(name)}, {"allowed", may_render(who.role, name)}});
  return json_response(200, {{"templates", std::move(list)}});
}

Response Service::openapi(const Request&, const TokenInfo&) {
  return {200, "application/json", std::string(openapi_text()), {}};
}

std::unique_ptr<Renderer> Service::take_renderer() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto r = std::move(idle_.back());
      idle_.pop_back();
      return r;
    }
  }
  return engine_.renderer();
}

void Service::give_back(std::unique_ptr<Renderer> r) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(r));
}

Response Service::render(const Request& request, const TokenInfo& who) {
  auto started = std::chrono::steady_clock::now();
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "render";
  audit.edition = "full";
  // Audits the outcome and answers; a render whose audit row cannot be written is not answered.
  auto finish = [&](Response res, const Diagnostics* diags) {
    audit.status = res.status;
    audit.outcome = res.status == 200 ? "ok" : "failed";
    if (diags) audit.codes = error_codes(*diags);
    if (audit.codes.empty() && res.status != 200) {
      json body = json::parse(res.body, nullptr, false);
      if (body.contains("errors") && body["errors"].is_array() && !body["errors"].empty())
        audit.codes = body["errors"][0].value("code", "");
    }
    audit.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (!store_.record(audit))
      res = error_response(500, "service.audit", "the render could not be recorded in the audit, so it is withheld");
    metrics_.count_render(audit.template_name, audit.format, res.status);
    return res;
  };

  Diagnostics diags;
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    parse_render_job(request.body, diags, "request");  // for the syntax error's line and column
    if (!diags.has_errors()) diags.error(Origin::Usage, "usage.job-syntax", "the request body is not JSON");
    return finish(json_response(400, errors_json(diags)), &diags);
  }
  if (!body.is_object()) {
    diags.error(Origin::Usage, "usage.job-syntax", "the request body must be a JSON object");
    return finish(json_response(400, errors_json(diags)), &diags);
  }
  // "edition" is the service's: full (the default) or public, the version without
  // confidential sections. No template has a public edition yet.
  if (auto e = body.find("edition"); e != body.end()) {
    if (!e->is_string() || (*e != "full" && *e != "public")) {
      Diagnostic d{Severity::Error,
                   Origin::Usage,
                   "usage.job-field",
                   "\"edition\" must be \"full\" or \"public\"",
                   {},
                   "/edition",
                   {}};
      diags.add(d);
      return finish(json_response(400, errors_json(diags)), &diags);
    }
    audit.edition = e->get<std::string>();
    body.erase("edition");
  }
  if (who.public_only && audit.edition != "public")
    return finish(error_response(403, "auth.public-only", "this token may obtain public editions only"), nullptr);

  RenderJob job;
  if (!from_json(body, job, diags, "request")) return finish(json_response(400, errors_json(diags)), &diags);
  audit.format = format_name(job.format);
  if (auto data = body.find("data"); data != body.end()) audit.record_id = record_id_of(*data);

  auto built_in = engine_.templates();
  bool known = std::find(built_in.begin(), built_in.end(), job.template_ref) != built_in.end();
  if (known) {
    audit.template_name = job.template_ref;  // a name the caller typed is recorded only when it is ours
    if (!may_render(who.role, job.template_ref))
      return finish(
          error_response(403, "auth.forbidden",
                         "the role '" + who.role + "' may not render the template '" + job.template_ref + "'"),
          nullptr);
    if (audit.edition == "public")
      return finish(error_response(404, "usage.edition-unavailable",
                                   "the template '" + job.template_ref + "' has no public edition yet"),
                    nullptr);
  }

  // The service's limits bound what a job may ask for.
  job.allow_template_folders = false;
  job.deadline_ms = std::min(job.deadline_ms.value_or(limits_.deadline_ms), limits_.deadline_ms);
  job.max_pages = std::min(job.max_pages.value_or(limits_.max_pages), limits_.max_pages);

  // A token may have only so many renders in progress; one more is refused, not queued.
  TokenSlots::Slot slot = slots_.try_take(who.name);
  if (!slot) {
    metrics_.count_refusal("request.too-many");
    Response busy = error_response(429, "request.too-many",
                                   "this token already has " + std::to_string(limits_.max_concurrent_per_token) +
                                       " requests in progress; retry when one has finished");
    busy.headers.emplace_back("Retry-After", "1");
    return finish(std::move(busy), nullptr);
  }
  auto render_started = std::chrono::steady_clock::now();
  auto renderer = take_renderer();
  RenderResult result = renderer->render(job);
  give_back(std::move(renderer));
  metrics_.observe_render_seconds(
      audit.template_name, audit.format,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - render_started).count());
  for (std::string_view limit : {"job.deadline", "job.page-limit"})
    if (has_error_code(result.diagnostics, limit)) metrics_.count_refusal(limit);

  if (!result.ok()) {
    // Pointers of data problems are relative to the request body, where the data is at /data.
    bool embedded = body.contains("data");
    return finish(
        json_response(http_status_for(result.diagnostics), errors_json(result.diagnostics, embedded ? "/data" : "")),
        &result.diagnostics);
  }
  audit.locale = result.locale;
  audit.output_sha256 = sha256_hex(result.bytes);
  Response res{200, std::string(content_type_of(job.format)), std::move(result.bytes), {}};
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + job.template_ref + "." +
                                                      std::string(format_name(job.format)) + "\"");
  res.headers.emplace_back("X-Quire-Locale", result.locale);
  res.headers.emplace_back("X-Quire-Output-SHA256", audit.output_sha256);
  if (result.pages > 0) res.headers.emplace_back("X-Quire-Pages", std::to_string(result.pages));
  return finish(std::move(res), &result.diagnostics);
}

}  // namespace quire::service
