// The check job (quire/check.hpp): a template's content rules, loaded once per engine,
// run over one record. Renderer::render runs the same rules through Shared::run_checks.
#include <mutex>

#include "api/shared.hpp"
#include "data/json.hpp"

namespace quire {

namespace {

std::string parent_of(const std::string& dir) {
  const auto slash = dir.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : dir.substr(0, slash);
}

/// Reads and parses DIR/checks.yaml, following `extends` to sibling folders (bounded by
/// checks::kMaxExtendsDepth). nullopt with `*present` false when the folder has no rules.
std::optional<checks::Rules> load_rules(const World& world, const std::string& dir, int depth, Diagnostics& diags,
                                        bool* present) {
  auto text = world.read_file_within(dir, "checks.yaml");
  if (present) *present = text.has_value();
  if (!text) return std::nullopt;
  checks::RulesResolver resolve = [&world, &dir](const std::string& name, int d,
                                                 Diagnostics& ds) -> std::optional<checks::Rules> {
    if (!is_builtin_template_name(name)) {
      ds.error(Origin::Template, "template.checks",
               "extends names a template folder beside this one, not a path: '" + name + "'", {dir + "/checks.yaml"});
      return std::nullopt;
    }
    const std::string base = parent_of(dir) + "/" + name;
    bool found = false;
    auto rules = load_rules(world, base, d, ds, &found);
    if (!found)
      ds.error(Origin::Template, "template.checks", "the template '" + name + "' has no checks.yaml to extend",
               {dir + "/checks.yaml"});
    return rules;
  };
  return checks::parse_rules(*text, dir + "/checks.yaml", diags, resolve, depth);
}

std::string severity_name(Severity s) {
  return s == Severity::Error ? "error" : "warning";
}

}  // namespace

const checks::Rules* Engine::Shared::check_rules(const std::string& dir, Diagnostics& diags, bool* present) const {
  {
    std::lock_guard lock(checks_mutex);
    if (auto it = rules.find(dir); it != rules.end()) {
      if (present) *present = it->second.present;
      diags.append(it->second.problems);
      return it->second.rules.get();
    }
  }
  LoadedRules loaded;  // loaded outside the lock: `extends` reads other folders
  auto parsed = load_rules(world, dir, 0, loaded.problems, &loaded.present);
  if (parsed) loaded.rules = std::make_unique<checks::Rules>(std::move(*parsed));
  if (present) *present = loaded.present;
  diags.append(loaded.problems);
  std::lock_guard lock(checks_mutex);
  auto [it, inserted] = rules.emplace(dir, std::move(loaded));
  return it->second.rules.get();
}

const checks::Jargon* Engine::Shared::jargon(const std::string& tag, Diagnostics& diags) const {
  std::lock_guard lock(checks_mutex);
  if (auto it = jargons.find(tag); it != jargons.end()) return it->second.get();
  std::unique_ptr<checks::Jargon> list;
  const std::string file = config.locales_dir + "/" + tag + "/jargon.csv";
  if (auto text = world.read_file(file))
    list = std::make_unique<checks::Jargon>(checks::parse_jargon(*text, file, diags));
  return jargons.emplace(tag, std::move(list)).first->second.get();
}

std::vector<checks::ReadingEase> Engine::Shared::run_checks(const checks::Rules& r, const nlohmann::json& record,
                                                            const std::string& data_name, const std::string& tag,
                                                            Diagnostics& diags) const {
  checks::Context ctx;
  ctx.data_name = data_name;
  {
    std::lock_guard lock(locales_mutex);
    ctx.shipped_locales = locale_store.available();
  }
  // The locale's own list (a record written in its language), then English's: a council's
  // records are mostly written in English whatever the child reads.
  // Only a shipped locale's folder is read (a tag is the caller's text).
  if (auto own = i18n::closest_locale(tag, ctx.shipped_locales); own && *own != i18n::kSourceLocale)
    ctx.jargon.push_back(jargon(*own, diags));
  ctx.jargon.push_back(jargon(std::string(i18n::kSourceLocale), diags));
  return checks::check_record(r, record, ctx, diags);
}

CheckResult Engine::check(const CheckJob& job) const {
  CheckResult result;
  auto& diags = result.diagnostics;
  const Shared& shared = *shared_;
  try {
    // The same resolution as render (template roots, ./NAME folders, the same usage errors).
    const std::string dir = shared.resolve_template(job.template_ref, job.allow_template_folders, diags);
    if (dir.empty()) return result;
    auto with_rules = [&] {
      std::string names;
      std::vector<std::string> roots{shared.config.templates_dir};
      roots.insert(roots.end(), shared.config.template_roots.begin(), shared.config.template_roots.end());
      for (const auto& name : shared.templates_list())
        for (const auto& root : roots)
          if (shared.world.read_file(root + "/" + name + "/template.xml")) {
            if (shared.world.read_file(root + "/" + name + "/checks.yaml")) names += (names.empty() ? "" : ", ") + name;
            break;
          }
      return "templates with checks: " + names;
    };
    bool present = false;
    const checks::Rules* rules = shared.check_rules(dir, diags, &present);
    if (!rules) {
      if (!present) {
        Diagnostic d;
        d.origin = Origin::Usage;
        d.code = "usage.no-checks";
        d.message = "the template '" + job.template_ref + "' has no content checks (no checks.yaml)";
        d.hint = with_rules();
        diags.add(std::move(d));
      }
      return result;
    }
    Diagnostics data_diags;
    auto data = data::parse_json(job.data, job.data_name, data_diags);
    for (auto d : data_diags.items()) {
      if (d.pos.line > 0 && job.data_first_line > 1) d.pos.line += job.data_first_line - 1;
      diags.add(std::move(d));
    }
    if (!data) return result;
    std::string tag = job.locale;
    if (tag.empty() && data->is_object())
      if (auto it = data->find("locale"); it != data->end() && it->is_string()) tag = it->get<std::string>();
    if (tag.empty()) tag = std::string(i18n::kSourceLocale);
    for (auto& s : shared.run_checks(*rules, *data, job.data_name, tag, diags))
      result.reading_ease.push_back({std::move(s.pointer), std::move(s.area), s.score, s.words});
  } catch (const std::exception&) {  // memory: the job fails on its own
    result.diagnostics.error(Origin::Limit, "job.memory", "the check needed more memory than it may use");
  }
  return result;
}

nlohmann::json findings_json(const CheckResult& result) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& d : result.diagnostics.items()) {
    nlohmann::json f = {{"code", d.code},
                        {"severity", severity_name(d.severity)},
                        {"pointer", d.pointer},
                        {"message", d.message},
                        {"hint", d.hint}};
    if (d.pos.line > 0) {
      f["file"] = d.pos.file;
      f["line"] = d.pos.line;
      f["col"] = d.pos.column;
    }
    findings.push_back(std::move(f));
  }
  nlohmann::json scores = nlohmann::json::array();
  for (const auto& s : result.reading_ease)
    scores.push_back({{"pointer", s.pointer}, {"area", s.area}, {"score", s.score}, {"words", s.words}});
  return {{"findings", std::move(findings)}, {"reading_ease", std::move(scores)}};
}

}  // namespace quire
