// The job routes: POST /v1/jobs, GET /v1/jobs/{id}, GET /v1/jobs/{id}/artefacts/{index},
// DELETE /v1/jobs/{id}. They only check and translate: the records are stored in the queue
// (queue.hpp) and rendered by worker threads through Engine::run_batch (worker.hpp). A pack
// ("kind": "pack") is one job whose one record is the pack's spec, rendered through
// Engine::run_pack into one PDF.
#include <algorithm>
#include <charconv>

#include "queue.hpp"
#include "quire/job_json.hpp"
#include "roles.hpp"
#include "service.hpp"

namespace quire::service {

using nlohmann::json;

namespace {

/// The path's segments after "/v1/jobs/": {id} or {id, "artefacts", index}.
std::vector<std::string> job_path(const std::string& path) {
  std::vector<std::string> out;
  std::string_view rest = std::string_view(path).substr(std::string_view("/v1/jobs/").size());
  while (!rest.empty() && out.size() < 4) {
    auto slash = rest.find('/');
    out.emplace_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  return out;
}

bool may_see(const TokenInfo& who, const JobInfo& job) {
  return job.owner == who.name || who.role == "admin";
}

Response not_found() {
  // The same answer for a job that does not exist and another token's job: ids are not disclosed.
  return error_response(404, "job.not-found", "no such job for this token");
}

}  // namespace

Response Service::submit_job(const Request& request, const TokenInfo& who) {
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "job-submit";
  audit.edition = "full";
  // Refusals are audited here; an accepted job is audited by the queue, in its transaction.
  auto refuse = [&](Response res) { return refuse_job(audit, std::move(res)); };

  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return refuse(error_response(400, "usage.job-syntax", "the request body must be a JSON object"));
  if (auto kind = body.find("kind"); kind != body.end() && *kind == "pack") return submit_pack(body, who);
  static const std::vector<std::string> known = {"kind", "template", "locale", "format", "edition", "records"};
  for (const auto& [key, value] : body.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      return refuse(error_response(400, "usage.job-field", "unknown field \"" + key + "\"", "/" + key));
  std::string kind = body.value("kind", "batch");
  if (!body.value("kind", json("batch")).is_string() || kind != "batch")
    return refuse(error_response(400, "usage.job-field", "\"kind\" must be \"batch\" or \"pack\"", "/kind"));
  auto text_field = [&](const char* key, std::string fallback) -> std::optional<std::string> {
    auto it = body.find(key);
    if (it == body.end()) return fallback;
    if (!it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto template_name = text_field("template", "");
  auto locale = text_field("locale", "");
  auto format = text_field("format", "pdf");
  auto edition = text_field("edition", "full");
  if (!template_name || template_name->empty())
    return refuse(error_response(400, "usage.job-field", "\"template\" must be a template's name", "/template"));
  if (!locale) return refuse(error_response(400, "usage.job-field", "\"locale\" must be a string", "/locale"));
  if (!format || (*format != "pdf" && *format != "docx"))
    return refuse(error_response(400, "usage.job-field", "\"format\" must be \"pdf\" or \"docx\"", "/format"));
  if (!edition || (*edition != "full" && *edition != "public"))
    return refuse(error_response(400, "usage.job-field", "\"edition\" must be \"full\" or \"public\"", "/edition"));
  audit.edition = *edition;
  audit.format = *format;
  audit.locale = *locale;

  auto built_in = engine_.templates();
  if (std::find(built_in.begin(), built_in.end(), *template_name) == built_in.end())
    return refuse(error_response(404, "usage.unknown-template", "there is no template by that name", "/template"));
  audit.template_name = *template_name;
  if (!may_render(who.role, *template_name))
    return refuse(error_response(403, "auth.forbidden",
                                 "the role '" + who.role + "' may not render the template '" + *template_name + "'"));
  if (who.public_only && *edition != "public")
    return refuse(error_response(403, "auth.public-only", "this token may obtain public editions only"));
  if (*edition == "public")
    return refuse(error_response(404, "usage.edition-unavailable",
                                 "the template '" + *template_name + "' has no public edition yet", "/edition"));

  auto records = body.find("records");
  if (records == body.end() || !records->is_array() || records->empty())
    return refuse(
        error_response(422, "usage.job-records", "\"records\" must be a list of one or more records", "/records"));
  if (records->size() > limits_.max_records_per_job)
    return refuse(error_response(413, "job.too-many-records",
                                 "a job may have at most " + std::to_string(limits_.max_records_per_job) +
                                     " records; split it into several jobs",
                                 "/records"));
  JobSpec spec;
  spec.owner = who.name;
  spec.template_name = *template_name;
  spec.locale = *locale;
  spec.format = *format;
  spec.edition = *edition;
  for (std::size_t i = 0; i < records->size(); ++i) {
    const json& r = (*records)[i];
    if (!r.is_object())
      return refuse(
          error_response(422, "data.not-object", "each record must be a JSON object", "/records/" + std::to_string(i)));
    spec.records.push_back(r.dump());
    spec.record_ids.push_back(record_id_of(r));
  }
  return enqueue(spec, audit, [&](const std::string& id) {
    return json{{"id", id}, {"state", "queued"}, {"records", spec.records.size()}};
  });
}

Response Service::submit_pack(const json& body, const TokenInfo& who) {
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "job-submit";
  audit.template_name = "pack";
  audit.format = "pdf";
  audit.edition = body.value("edition", json("full")).is_string() ? body.value("edition", "full") : "full";
  auto refuse = [&](Response res) { return refuse_job(audit, std::move(res)); };
  if (!role_may(who.role, "pack"))
    return refuse(error_response(403, "auth.forbidden", "the role '" + who.role + "' may not make packs"));

  // The pack's spec is read by the job API's own JSON form: every bad field at once, with its pointer.
  json spec = body;
  spec.erase("kind");
  Diagnostics diags;
  PackJob job;
  if (!from_json(spec, job, diags, "pack")) {
    int status = has_error_code(diags, "job.too-many-documents") ? 413 : 400;
    Response res = json_response(status, errors_json(diags));
    return refuse(std::move(res));
  }
  audit.edition = job.edition == PackEdition::Public ? "public" : "full";
  if (who.public_only && job.edition != PackEdition::Public)
    return refuse(error_response(403, "auth.public-only", "this token may obtain public editions only", "/edition"));
  if (job.format != OutputFormat::Pdf)
    return refuse(error_response(400, "usage.pack-format", "a pack is made as one PDF only", "/format"));

  // Every document's template: a built-in one the role may put in a pack (a withheld
  // document's is not read, so it is not asked about).
  auto built_in = engine_.templates();
  json errors = json::array();
  bool unknown = false, forbidden = false;
  for (std::size_t i = 0; i < job.documents.size(); ++i) {
    PackDocument& d = job.documents[i];
    const std::string at = "/documents/" + std::to_string(i) + "/template";
    if (job.edition == PackEdition::Public && d.confidential) {
      // Nothing of a withheld document is stored: the queue keeps only that it was there.
      d = PackDocument{};
      d.data = "{}";
      d.confidential = true;
      continue;
    }
    if (std::find(built_in.begin(), built_in.end(), d.template_ref) == built_in.end()) {
      unknown = true;
      errors.push_back(
          {{"code", "usage.unknown-template"}, {"message", "there is no template by that name"}, {"pointer", at}});
    } else if (!may_pack(who.role, d.template_ref)) {
      forbidden = true;
      errors.push_back(
          {{"code", "auth.forbidden"},
           {"message", "the role '" + who.role + "' may not put the template '" + d.template_ref + "' in a pack"},
           {"pointer", at}});
    }
  }
  if (!errors.empty()) return refuse(json_response(forbidden ? 403 : unknown ? 404 : 400, {{"errors", errors}}));

  JobSpec spec_row;
  spec_row.owner = who.name;
  spec_row.kind = "pack";
  spec_row.template_name = "pack";
  spec_row.format = "pdf";
  spec_row.edition = audit.edition;
  spec_row.records.push_back(json(job).dump());
  spec_row.record_ids.emplace_back();
  return enqueue(spec_row, audit, [&](const std::string& id) {
    return json{{"id", id},
                {"kind", "pack"},
                {"state", "queued"},
                {"edition", audit.edition},
                {"documents", job.documents.size()},
                {"artefact", "/v1/jobs/" + id + "/artefacts/0"}};
  });
}

Response Service::refuse_job(AuditEntry& audit, Response res) {
  audit.status = res.status;
  audit.outcome = "failed";
  json answer = json::parse(res.body, nullptr, false);
  if (answer.contains("errors") && !answer["errors"].empty()) audit.codes = answer["errors"][0].value("code", "");
  if (!store_.record(audit))
    return error_response(500, "service.audit", "the request could not be recorded in the audit");
  return res;
}

Response Service::enqueue(JobSpec& spec, AuditEntry& audit,
                          const std::function<json(const std::string& id)>& accepted) {
  spec.max_unfinished = limits_.max_jobs_per_token;
  std::string error;
  bool over_limit = false;
  auto id = JobQueue(store_).submit(spec, error, &over_limit);
  if (over_limit) {
    // Refused like a render over --max-concurrent: nothing stored, retry when a job has finished.
    metrics_.count_refusal("request.too-many");
    Response busy = error_response(429, "request.too-many",
                                   "this token already has " + std::to_string(limits_.max_jobs_per_token) +
                                       " jobs queued or running; retry when one has finished");
    busy.headers.emplace_back("Retry-After", "1");
    return refuse_job(audit, std::move(busy));
  }
  if (!id) return error_response(500, "service.db", "the job could not be stored");
  if (on_job_submitted) on_job_submitted();
  Response res = json_response(202, accepted(*id));
  res.headers.emplace_back("Location", "/v1/jobs/" + *id);
  return res;
}

Response Service::job_status(const Request& request, const TokenInfo& who) {
  auto parts = job_path(request.path);
  JobQueue queue(store_);
  auto job = parts.size() == 1 ? queue.job(parts[0]) : std::nullopt;
  if (!job || !may_see(who, *job)) return not_found();
  json records = json::array();
  for (const auto& r : queue.records(job->id)) {
    json one = {{"index", r.index}, {"state", r.state}};
    if (!r.sha256.empty()) {
      one["sha256"] = r.sha256;
      one["artefact"] = "/v1/jobs/" + job->id + "/artefacts/" + std::to_string(r.index);
    }
    if (!r.errors.empty()) one["errors"] = json::parse(r.errors, nullptr, false);
    if (r.attempts > 1) one["attempts"] = r.attempts;
    records.push_back(std::move(one));
  }
  json out = {{"id", job->id},
              {"kind", job->kind},
              {"template", job->template_name},
              {"locale", job->locale},
              {"format", job->format},
              {"edition", job->edition},
              {"state", job->state},
              {"created", job->created},
              {"progress",
               {{"total", job->total},
                {"queued", job->queued},
                {"running", job->running},
                {"done", job->done},
                {"failed", job->failed},
                {"cancelled", job->cancelled}}},
              {"records", std::move(records)}};
  if (!job->finished.empty()) out["finished"] = job->finished;
  if (who.role == "admin") out["owner"] = job->owner;
  return json_response(200, out);
}

Response Service::job_artefact(const Request& request, const TokenInfo& who) {
  auto parts = job_path(request.path);
  JobQueue queue(store_);
  auto job = parts.size() == 3 && parts[1] == "artefacts" ? queue.job(parts[0]) : std::nullopt;
  if (!job || !may_see(who, *job)) return not_found();
  long long index = -1;
  const std::string& n = parts[2];
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), index);
  if (ec != std::errc() || end != n.data() + n.size() || index < 0)
    return error_response(404, "job.no-artefact", "the artefact's index must be a record's position (0, 1, ...)");
  auto bytes = queue.artefact(job->id, index);
  if (!bytes) return error_response(404, "job.no-artefact", "that record has no document (not rendered, or expired)");
  AuditEntry audit;
  audit.who = who.name;
  audit.action = "job-artefact";
  audit.template_name = job->template_name;
  audit.format = job->format;
  audit.edition = job->edition;
  audit.status = 200;
  audit.outcome = "ok";
  audit.job = job->id;
  audit.record_index = index;
  if (!store_.record(audit))
    return error_response(500, "service.audit", "the download could not be recorded in the audit, so it is withheld");
  bool docx = job->format == "docx";
  Response res{200,
               docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/pdf",
               std::move(*bytes),
               {}};
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + job->template_name + "-" +
                                                      std::to_string(index) + (docx ? ".docx\"" : ".pdf\""));
  return res;
}

Response Service::cancel_job(const Request& request, const TokenInfo& who) {
  auto parts = job_path(request.path);
  JobQueue queue(store_);
  auto job = parts.size() == 1 ? queue.job(parts[0]) : std::nullopt;
  if (!job || !may_see(who, *job)) return not_found();
  if (!queue.cancel(job->id, who.name))
    return error_response(409, "job.finished", "the job has finished already (state " + job->state + ")");
  return json_response(200, {{"id", job->id}, {"state", "cancelled"}});
}

}  // namespace quire::service
