// The record itself, before its content is checked: the names issue 11 fixed for a plan
// record, with their types; impossible dates; area ids the template does not know; a
// language quire does not ship. Every problem is a Data error with its JSON pointer.
#include "checks/record.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "i18n/locale.hpp"

namespace quire::checks {

std::optional<std::chrono::sys_days> parse_date(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int y = std::stoi(s.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

const nlohmann::json* at_pointer(const nlohmann::json& record, const std::string& pointer) {
  // Walks by hand: json_pointer's own lookup throws on a missing key or a non-object step.
  const nlohmann::json* v = &record;
  std::size_t at = 1;
  while (at <= pointer.size() && !pointer.empty()) {
    std::size_t end = pointer.find('/', at);
    if (end == std::string::npos) end = pointer.size();
    const std::string key = pointer.substr(at, end - at);
    if (v->is_object()) {
      auto it = v->find(key);
      if (it == v->end()) return nullptr;
      v = &*it;
    } else if (v->is_array()) {
      if (key.empty() || key.size() > 9 || key.find_first_not_of("0123456789") != std::string::npos) return nullptr;
      const std::size_t index = std::stoul(key);
      if (index >= v->size()) return nullptr;
      v = &(*v)[index];
    } else {
      return nullptr;
    }
    at = end + 1;
  }
  return v->is_null() ? nullptr : v;
}

namespace {

enum class Kind { Text, Boolean, Date, Language, Status, Object };

struct Spec {
  const char* key;
  Kind kind;
  std::vector<Spec> children;  // Kind::Object
};

class Validator {
 public:
  Validator(const Rules& rules, const Context& ctx, Diagnostics& diags) : rules_(rules), ctx_(ctx), diags_(diags) {}

  void error(const std::string& code, const std::string& pointer, const std::string& message,
             const std::string& hint = {}) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.origin = Origin::Data;
    d.code = code;
    d.message = message;
    d.pos.file = ctx_.data_name;
    d.pointer = pointer;
    d.hint = hint;
    diags_.add(std::move(d));
    ++errors_;
  }
  [[nodiscard]] int errors() const { return errors_; }

  void value(const nlohmann::json& v, const Spec& spec, const std::string& pointer) {
    if (v.is_null()) return;  // null is absent; whether it must be there is a content check
    switch (spec.kind) {
      case Kind::Text:
        if (!v.is_string()) error("data.type", pointer, "must be text, not " + std::string(v.type_name()));
        break;
      case Kind::Boolean:
        if (!v.is_boolean()) error("data.type", pointer, "must be true or false, not " + std::string(v.type_name()));
        break;
      case Kind::Date:
        if (!v.is_string())
          error("data.type", pointer, "must be a date (YYYY-MM-DD), not " + std::string(v.type_name()));
        else if (!parse_date(v))
          error("data.date", pointer, "'" + v.get<std::string>() + "' is not a date of the calendar",
                "dates are written YYYY-MM-DD, e.g. 2026-02-28");
        break;
      case Kind::Language:
        language(v, pointer);
        break;
      case Kind::Status:
        if (!v.is_string() || (v != "planned" && v != "in-progress" && v != "done"))
          error("data.enum", pointer, "an action's status is planned, in-progress or done, not " + v.dump());
        break;
      case Kind::Object:
        object(v, spec.children, pointer);
        break;
    }
  }

  void object(const nlohmann::json& v, const std::vector<Spec>& fields, const std::string& pointer) {
    if (!v.is_object()) {
      error("data.type", pointer, "must be an object, not " + std::string(v.type_name()));
      return;
    }
    for (const auto& f : fields)
      if (auto it = v.find(f.key); it != v.end()) value(*it, f, pointer + "/" + f.key);
  }

  void areas(const nlohmann::json& v) {
    if (!v.is_array()) {
      error("data.type", "/areas", "must be a list of areas, not " + std::string(v.type_name()));
      return;
    }
    static const Spec who{"who", Kind::Object, {{"name", Kind::Text, {}}, {"role", Kind::Text, {}}}};
    static const std::vector<Spec> action = {
        {"what", Kind::Text, {}}, who, {"by", Kind::Date, {}}, {"status", Kind::Status, {}}};
    static const std::vector<Spec> view = {{"by", Kind::Text, {}}, {"words", Kind::Text, {}}};
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string p = "/areas/" + std::to_string(i);
      const auto& area = v[i];
      if (!area.is_object()) {
        error("data.type", p, "an area must be an object, not " + std::string(area.type_name()));
        continue;
      }
      object(area,
             {{"needs", Kind::Text, {}}, {"not_applicable", Kind::Text, {}}, {"views_not_sought", Kind::Text, {}}}, p);
      area_id(area, p);
      list(area, "actions", action, p);
      list(area, "views", view, p);
    }
  }

 private:
  void list(const nlohmann::json& area, const char* key, const std::vector<Spec>& item, const std::string& p) {
    auto it = area.find(key);
    if (it == area.end() || it->is_null()) return;
    const std::string lp = p + "/" + key;
    if (!it->is_array()) {
      error("data.type", lp, "must be a list, not " + std::string(it->type_name()));
      return;
    }
    for (std::size_t j = 0; j < it->size(); ++j) object((*it)[j], item, lp + "/" + std::to_string(j));
  }

  void area_id(const nlohmann::json& area, const std::string& p) {
    auto it = area.find("area");
    if (it == area.end() || it->is_null()) {
      error("data.type", p, "an area needs its id in \"area\"", known_areas());
      return;
    }
    if (!it->is_string()) {
      error("data.type", p + "/area", "must be text (an area id), not " + std::string(it->type_name()));
      return;
    }
    if (!rules_.areas.empty() && !rules_.area(it->get<std::string>()))
      error("data.unknown-area", p + "/area", "'" + it->get<std::string>() + "' is not an area of this plan",
            known_areas());
  }

  std::string known_areas() const {
    std::string ids;
    for (const auto& a : rules_.areas) ids += (ids.empty() ? "" : ", ") + a.id;
    return ids.empty() ? std::string() : "the areas of this plan: " + ids;
  }

  void language(const nlohmann::json& v, const std::string& pointer) {
    if (!v.is_string()) {
      error("data.type", pointer, "must be a locale tag (text), not " + std::string(v.type_name()));
      return;
    }
    if (ctx_.shipped_locales.empty()) return;
    const auto& tag = v.get_ref<const std::string&>();
    const auto& shipped = ctx_.shipped_locales;
    if (std::find(shipped.begin(), shipped.end(), tag) != shipped.end()) return;
    if (i18n::locale_info(tag) && i18n::closest_locale(tag, shipped)) return;  // "ar-SA" -> ar
    std::string all;
    for (const auto& t : shipped) all += (all.empty() ? "" : ", ") + t;
    error("data.unknown-language", pointer, "quire has no catalogue for the language '" + tag + "'",
          "the languages quire ships: " + all);
  }

  const Rules& rules_;
  const Context& ctx_;
  Diagnostics& diags_;
  int errors_ = 0;
};

}  // namespace

bool validate_record(const Rules& rules, const nlohmann::json& record, const Context& ctx, Diagnostics& diags) {
  Validator v(rules, ctx, diags);
  if (!record.is_object()) {
    v.error("data.type", "", "a plan's record must be a JSON object, not " + std::string(record.type_name()));
    return false;
  }
  static const std::vector<Spec> top = {
      {"child",
       Kind::Object,
       {{"first_name", Kind::Text, {}},
        {"preferred_name", Kind::Text, {}},
        {"last_name", Kind::Text, {}},
        {"date_of_birth", Kind::Date, {}},
        {"language", Kind::Language, {}},
        {"pronouns", Kind::Text, {}},
        {"uasc", Kind::Boolean, {}},
        {"trafficking", Kind::Boolean, {}}}},
      {"council", Kind::Object, {{"name", Kind::Text, {}}}},
      {"worker",
       Kind::Object,
       {{"name", Kind::Text, {}}, {"role", Kind::Text, {}}, {"phone", Kind::Text, {}}, {"email", Kind::Text, {}}}},
      {"iro", Kind::Object, {{"name", Kind::Text, {}}}},
      {"plan",
       Kind::Object,
       {{"written", Kind::Date, {}}, {"review_due", Kind::Date, {}}, {"permanence", Kind::Text, {}}}},
      {"contingency", Kind::Text, {}},
      {"parallel_plan", Kind::Text, {}},
      {"sign_off",
       Kind::Object,
       {{"explained_on", Kind::Date, {}},
        {"agreed", Kind::Boolean, {}},
        {"comments", Kind::Text, {}},
        {"manager", Kind::Object, {{"name", Kind::Text, {}}, {"date", Kind::Date, {}}}}}},
  };
  v.object(record, top, "");
  if (auto it = record.find("areas"); it != record.end() && !it->is_null()) v.areas(*it);
  return v.errors() == 0;
}

}  // namespace quire::checks
