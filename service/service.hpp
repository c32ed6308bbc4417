// The service's requests and answers, independent of the HTTP library: the HTTP shell
// (http.hpp) turns each request into a Request and writes the Response back, so every
// route can be tested without a socket. Rendering goes through the job API only
// (quire/render.hpp): a request body is a RenderJob's JSON form (quire/job_json.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics.hpp"
#include "quire/diagnostic.hpp"
#include "quire/render.hpp"
#include "quire/world.hpp"
#include "store.hpp"

namespace quire::service {

struct JobSpec;

struct Request {
  std::string method;         ///< "GET", "POST"...
  std::string path;           ///< without the query string
  std::string authorization;  ///< the Authorization header, as sent
  std::string body;
  /// The values of the route's {parameters}, in order; filled by Service::handle.
  std::vector<std::string> params = {};
  std::string content_type = {};  ///< the Content-Type header, as sent
  /// The query string's parameters ("?format=tmx"), decoded; a repeated name keeps its first value.
  std::map<std::string, std::string> query = {};
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// What one request may cost. A request over a limit is refused with a JSON error.
struct Limits {
  std::size_t max_body_bytes = 2 * 1024 * 1024;  ///< larger bodies: 413 request.too-large
  long long deadline_ms = 10000;            ///< each render's time budget (job.deadline, 422); a job may ask for less
  int max_pages = 200;                      ///< pages of a PDF (job.page-limit, 422); a job may ask for fewer
  std::size_t max_records_per_job = 10000;  ///< records of one POST /v1/jobs (413 job.too-many-records)
  int max_concurrent_per_token = 4;  ///< renders and checks one token may have in progress (429 above); 0 = no limit
  int max_jobs_per_token = 4;  ///< jobs one token may have queued or running (429 on POST /v1/jobs above); 0 = no limit
};

class Service;

/// One route: what the server answers, and the single list the OpenAPI test checks.
struct Route {
  std::string_view method;
  std::string_view path;  ///< a "{name}" segment matches any one segment (Request::params)
  bool authenticated;     ///< false only for /healthz
  Response (Service::*handler)(const Request&, const TokenInfo&);
};

/// Every route the server answers. A path segment "{name}" matches any one segment (match_route_path).
const std::vector<Route>& routes();

/// Whether `path` matches the route pattern `pattern` segment by segment ("{x}" matches one
/// non-empty segment); the matched segments go to `params`.
bool match_route_path(std::string_view pattern, std::string_view path, std::vector<std::string>& params);

/// service/openapi.json, compiled in.
std::string_view openapi_text();

/// The HTTP status for a job that failed with these diagnostics (docs/SERVICE.md has the table):
/// by the exit code of the worst error (usage 400, data 422, template/locale 500, check 422,
/// limit 422, internal 500), with an unknown template or a template path 404.
int http_status_for(const Diagnostics& diags);

/// The record id to audit: the data's /child/id, else its top-level "id", when it is a
/// number or a short string of letters, digits and ._:- (anything else could be content);
/// else empty.
std::string record_id_of(const nlohmann::json& data);

/// A JSON error body {"errors": [{"code", "message", "pointer"}]} (no pointer when empty).
std::string error_body(std::string_view code, std::string_view message, std::string_view pointer = {});
/// A response with `body` as JSON.
Response json_response(int status, const nlohmann::json& body);
/// A response with error_body(code, message, pointer).
Response error_response(int status, std::string_view code, std::string_view message, std::string_view pointer = {});
/// Whether `diags` has an error with this code.
bool has_error_code(const Diagnostics& diags, std::string_view code);
/// The error codes in `diags`, each once, comma-separated (for the audit: never the messages).
std::string error_codes(const Diagnostics& diags);

class Service {
 public:
  /// The engine and store must outlive the service.
  Service(const Engine& engine, Store& store, Limits limits = {});
  ~Service();

  /// Answers one request. Thread-safe; never throws.
  Response handle(const Request& request);

  [[nodiscard]] const Limits& limits() const { return limits_; }

  /// Where templates and catalogues are read from, for GET /v1/templates/{name}/schema and the
  /// completeness in GET /v1/locales (`quire serve` passes its World and EngineConfig). Without
  /// it the schema route answers 404 and the locales carry no counts. Both must outlive the service.
  void set_sources(const World& world, const EngineConfig& config);

  /// The counters GET /metrics shows (it sets the queue depth from the store when answered).
  Metrics& metrics() { return metrics_; }
  /// The renders each token has in progress (max_concurrent_per_token).
  TokenSlots& token_slots() { return slots_; }

  // Route handlers (public for the route table).
  Response healthz(const Request&, const TokenInfo&);
  Response render(const Request&, const TokenInfo&);
  Response templates(const Request&, const TokenInfo&);
  Response locales(const Request&, const TokenInfo&);
  Response openapi(const Request&, const TokenInfo&);
  // Jobs (jobs.cpp).
  Response submit_job(const Request&, const TokenInfo&);
  Response job_status(const Request&, const TokenInfo&);
  Response job_artefact(const Request&, const TokenInfo&);
  Response cancel_job(const Request&, const TokenInfo&);
  /// A pack job (submit_job with "kind": "pack"): one job, one record (the pack's spec), one PDF.
  Response submit_pack(const nlohmann::json& body, const TokenInfo& who);

  /// Called after a job is queued (`quire serve` wakes its worker threads with it).
  std::function<void()> on_job_submitted;
  Response check(const Request&, const TokenInfo&);            // routes_check.cpp
  Response template_schema(const Request&, const TokenInfo&);  // routes_catalogue.cpp
  Response metrics_text(const Request&, const TokenInfo&);     // routes_catalogue.cpp
  Response locale_export(const Request&, const TokenInfo&);    // routes_locales.cpp
  Response locale_import(const Request&, const TokenInfo&);    // routes_locales.cpp
  Response locale_imports(const Request&, const TokenInfo&);   // routes_locales.cpp

 private:
  Response handle_unguarded(const Request& request);
  /// A refused job request, audited as failed (with its first error code): `res`, or 500
  /// when the audit could not be written.
  Response refuse_job(AuditEntry& audit, Response res);
  /// Stores `spec` for the workers and answers 202 with `accepted(id)` and the job's
  /// Location; or 429 (audited through refuse_job, nothing stored) when the token already
  /// has its limit of jobs queued or running.
  Response enqueue(JobSpec& spec, AuditEntry& audit,
                   const std::function<nlohmann::json(const std::string& id)>& accepted);
  std::unique_ptr<Renderer> take_renderer();
  void give_back(std::unique_ptr<Renderer> r);

  const Engine& engine_;
  Store& store_;
  Limits limits_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Renderer>> idle_;  ///< renderers not in use (one per busy thread at most)
  const World* world_ = nullptr;                 ///< set_sources
  const EngineConfig* config_ = nullptr;         ///< set_sources
  Metrics metrics_;
  TokenSlots slots_;
};

}  // namespace quire::service
