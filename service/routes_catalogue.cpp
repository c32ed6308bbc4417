// What the service tells about itself and its templates and languages: a template's data
// schema, the locales with how complete each is (the translators' status, quire/translations.hpp),
// and the Prometheus metrics.
#include <algorithm>
#include <cmath>
#include <map>

#include "i18n/locale.hpp"
#include "queue.hpp"
#include "quire/translations.hpp"
#include "roles.hpp"
#include "service.hpp"

namespace quire::service {

using nlohmann::json;

namespace {

/// A name that could be a template's: letters, digits, '-', '_', not starting with '.'.
bool plausible_name(const std::string& s) {
  if (s.empty() || s.size() > 100 || s[0] == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

/// As the documents of that locale are laid out (i18n's facts from ICU: prs reads as fa-AF).
std::string direction_of(const std::string& tag) {
  auto info = i18n::locale_info(tag);
  return info && info->direction == model::Direction::Rtl ? "rtl" : "ltr";
}

}  // namespace

Response Service::template_schema(const Request& request, const TokenInfo&) {
  const std::string name = request.params.empty() ? std::string() : request.params[0];
  auto built_in = engine_.templates();
  // Only a name from the engine's own list is ever looked up: nothing the caller typed
  // becomes part of a path.
  if (std::find(built_in.begin(), built_in.end(), name) == built_in.end()) {
    if (!plausible_name(name))
      return error_response(400, "usage.template-name",
                            "a template name is letters, digits, '-' and '_' (GET /v1/templates lists them), "
                            "never a path");
    return error_response(404, "usage.unknown-template",
                          "no template is called '" + name + "' (GET /v1/templates lists them)");
  }
  if (world_ && config_) {
    std::vector<std::string> roots{config_->templates_dir};
    roots.insert(roots.end(), config_->template_roots.begin(), config_->template_roots.end());
    for (const auto& root : roots) {
      if (root.empty() || !world_->is_directory(root + "/" + name)) continue;
      if (auto text = world_->read_file_within(root, name + "/schema.json")) {
        json schema = json::parse(*text, nullptr, false);
        if (schema.is_discarded())
          return error_response(500, "template.schema", "the template's schema.json is not valid JSON");
        return {200, "application/schema+json", schema.dump(), {}};
      }
      break;  // the first root with the folder is the template, as for a render
    }
  }
  return error_response(404, "usage.no-schema", "the template '" + name + "' has no schema.json");
}

Response Service::locales(const Request&, const TokenInfo&) {
  std::map<std::string, LocaleProgress> progress;
  int total = 0;
  if (world_ && config_) {
    Translations translations(*world_, *config_);
    Diagnostics diags;
    for (auto& p : translations.status({}, diags)) {
      total = p.total;
      progress[p.tag] = std::move(p);
    }
  }
  json list = json::array();
  for (const auto& tag : engine_.locales()) {
    json entry = {{"tag", tag}, {"direction", direction_of(tag)}};
    if (auto it = progress.find(tag); it != progress.end()) {
      const LocaleProgress& p = it->second;
      entry["name"] = p.name;
      entry["source"] = false;
      entry["translated"] = p.translated + p.reviewed + p.final_strings;
      entry["reviewed"] = p.reviewed + p.final_strings;
      entry["stale"] = p.stale;
      entry["missing"] = p.missing + p.new_strings;
      entry["broken"] = p.broken;
      entry["machine_drafted"] = p.machine_drafted;
      entry["total"] = p.total;
      entry["percent_complete"] = std::round(p.percent_complete * 10) / 10;
      entry["complete"] = p.percent_complete >= 100.0 - 1e-9;
    } else if (!progress.empty() && tag.rfind("en", 0) == 0) {
      // The English source: every string is its own.
      entry["name"] = "English";
      entry["source"] = true;
      entry["translated"] = total;
      entry["total"] = total;
      entry["percent_complete"] = 100.0;
      entry["complete"] = true;
    }
    list.push_back(std::move(entry));
  }
  return json_response(200, {{"locales", std::move(list)}});
}

Response Service::metrics_text(const Request&, const TokenInfo& who) {
  if (!role_may(who.role, "metrics"))
    return error_response(403, "auth.forbidden",
                          "the role '" + who.role + "' may not read the metrics (roles metrics and admin may)");
  // The depth is read from the queue now, so a scrape sees the records waiting at this moment.
  metrics_.set_queue_depth(JobQueue(store_).depth());
  return {200, "text/plain; version=0.0.4; charset=utf-8", metrics_.exposition(), {}};
}

}  // namespace quire::service
