// POST /v1/check: the content checks of one record (docs/CHECKS.md) through Engine::check,
// the job `quire check` runs; the findings are `quire check --format json`'s.
#include <algorithm>
#include <chrono>

#include "quire/check.hpp"
#include "quire/job_json.hpp"
#include "roles.hpp"
#include "service.hpp"

namespace quire::service {

using nlohmann::json;

Response Service::check(const Request& request, const TokenInfo& who) {
  auto started = std::chrono::steady_clock::now();
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "check";
  // Audits the outcome and answers; a check whose audit row cannot be written is not answered.
  auto finish = [&](Response res, const Diagnostics* diags) {
    audit.status = res.status;
    audit.outcome = res.status == 200 ? "ok" : "failed";
    if (diags) audit.codes = error_codes(*diags);
    audit.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (!store_.record(audit))
      res = error_response(500, "service.audit", "the check could not be recorded in the audit, so it is withheld");
    metrics_.count_check(audit.template_name, res.status);
    return res;
  };

  if (!role_may(who.role, "check"))
    return finish(error_response(403, "auth.forbidden", "the role '" + who.role + "' may not run checks"), nullptr);

  Diagnostics diags;
  std::optional<CheckJob> job = parse_check_job(request.body, diags, "request");
  if (!job) return finish(json_response(http_status_for(diags), errors_json(diags)), &diags);
  job->allow_template_folders = false;
  job->data_name = "data";
  if (json body = json::parse(request.body, nullptr, false); body.is_object())
    if (auto data = body.find("data"); data != body.end()) audit.record_id = record_id_of(*data);

  auto built_in = engine_.templates();
  if (std::find(built_in.begin(), built_in.end(), job->template_ref) != built_in.end()) {
    audit.template_name = job->template_ref;  // only a name that is ours is recorded
    if (!may_check(who.role, job->template_ref))
      return finish(error_response(403, "auth.forbidden",
                                   "the role '" + who.role + "' may not check records for '" + job->template_ref + "'"),
                    nullptr);
  }
  auto locales = engine_.locales();
  if (std::find(locales.begin(), locales.end(), job->locale) != locales.end()) audit.locale = job->locale;

  TokenSlots::Slot slot = slots_.try_take(who.name);
  if (!slot) {
    metrics_.count_refusal("request.too-many");
    Response busy = error_response(429, "request.too-many",
                                   "this token already has " + std::to_string(limits_.max_concurrent_per_token) +
                                       " requests in progress; retry when one has finished");
    busy.headers.emplace_back("Retry-After", "1");
    return finish(std::move(busy), nullptr);
  }
  CheckResult result = engine_.check(*job);
  // The checks ran: their findings are the answer, errors among them included (exit 5 for a
  // finding, 3 for a record the schema refuses). Anything else is a request or service failure.
  int code = result.exit_code();
  if (code == 0 || code == 3 || code == 5) {
    json out = findings_json(result);
    out["ok"] = result.ok();
    return finish(json_response(200, out), &result.diagnostics);
  }
  return finish(json_response(http_status_for(result.diagnostics), errors_json(result.diagnostics)),
                &result.diagnostics);
}

}  // namespace quire::service
