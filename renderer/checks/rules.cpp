// checks.yaml: a template's content rules as data (docs/CHECKS.md). yaml-cpp parses the
// text; this file walks the tree by hand so that every key, type and value it does not
// allow is reported at its line and column, all at once, and nothing is thrown out of it.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "checks/checks.hpp"

namespace quire::checks {

const Area* Rules::area(std::string_view id) const {
  for (const auto& a : areas)
    if (a.id == id) return &a;
  return nullptr;
}

namespace {

constexpr std::size_t kMaxListItems = 200;  // areas, fields, voices, language fields

class Reader {
 public:
  Reader(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  SourcePos pos(const YAML::Node& node) const {
    const auto mark = node.Mark();
    if (mark.is_null()) return {file_, 1, 1};
    return {file_, mark.line + 1, mark.column + 1};
  }
  void error(const YAML::Node& node, const std::string& message, const std::string& hint = {}) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.origin = Origin::Template;
    d.code = "template.checks";
    d.message = message;
    d.pos = pos(node);
    d.hint = hint;
    diags_.add(std::move(d));
    ++errors_;
  }
  [[nodiscard]] int errors() const { return errors_; }

  /// A map's keys, each checked against `allowed`; an unknown key is an error at the key.
  bool map(const YAML::Node& node, const std::string& what, const std::vector<std::string>& allowed) {
    if (!node.IsMap()) {
      error(node, what + " must be a mapping (key: value lines)");
      return false;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        error(it->first, "a key of " + what + " must be a plain word");
        continue;
      }
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(it->first, "unknown key '" + key + "' in " + what, "allowed: " + list);
      }
    }
    return true;
  }
  bool text(const YAML::Node& node, const std::string& what, std::string& out, bool required_nonempty = true) {
    if (!node.IsScalar()) {
      error(node, what + " must be text");
      return false;
    }
    out = node.Scalar();
    if (required_nonempty && out.empty()) {
      error(node, what + " must not be empty");
      return false;
    }
    return true;
  }
  bool boolean(const YAML::Node& node, const std::string& what, bool& out) {
    if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
      out = node.Scalar() == "true";
      return true;
    }
    error(node, what + " must be true or false");
    return false;
  }
  bool number(const YAML::Node& node, const std::string& what, double low, double high, double& out) {
    if (node.IsScalar()) {
      const std::string& s = node.Scalar();
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (!s.empty() && end == s.c_str() + s.size() && v >= low && v <= high) {
        out = v;
        return true;
      }
    }
    error(node, what + " must be a number from " + std::to_string(static_cast<int>(low)) + " to " +
                    std::to_string(static_cast<int>(high)));
    return false;
  }
  bool sequence(const YAML::Node& node, const std::string& what) {
    if (!node.IsSequence()) {
      error(node, what + " must be a list");
      return false;
    }
    if (node.size() > kMaxListItems) {
      error(node, what + " has more than " + std::to_string(kMaxListItems) + " items");
      return false;
    }
    return true;
  }
  /// A JSON pointer into the record: "/a/b", or with `*` for any array index when `wildcards`.
  bool pointer(const YAML::Node& node, const std::string& what, std::string& out, bool wildcards = false) {
    if (!text(node, what, out)) return false;
    bool ok = out.size() > 1 && out.front() == '/' && out.back() != '/';
    if (ok) {
      try {
        nlohmann::json::json_pointer p(out);
        (void)p;
      } catch (const nlohmann::json::exception&) {
        ok = false;
      }
    }
    if (ok && !wildcards && out.find("/*") != std::string::npos) ok = false;
    if (!ok) error(node, what + " must be a JSON pointer into the record, such as /plan/permanence");
    return ok;
  }

 private:
  std::string file_;
  Diagnostics& diags_;
  int errors_ = 0;
};

void read_areas(Reader& r, const YAML::Node& node, std::vector<Area>& out) {
  out.clear();
  if (!r.sequence(node, "areas")) return;
  std::set<std::string> seen;
  for (const auto& item : node) {
    if (!r.map(item, "an area", {"id", "title", "source"})) continue;
    Area a;
    if (!item["id"]) r.error(item, "an area needs an id (the value records give as areas[].area)");
    if (!item["source"]) r.error(item, "an area needs its legal source", "e.g. source: CPPCR 2010 reg 5(b)(i)");
    if (item["id"] && r.text(item["id"], "an area's id", a.id) && !seen.insert(a.id).second)
      r.error(item["id"], "the area '" + a.id + "' is listed twice");
    if (item["title"]) r.text(item["title"], "an area's title", a.title);
    if (item["source"]) r.text(item["source"], "an area's source", a.source);
    out.push_back(std::move(a));
  }
}

void read_fields(Reader& r, const YAML::Node& node, std::vector<Field>& out) {
  out.clear();
  if (!r.sequence(node, "fields")) return;
  for (const auto& item : node) {
    if (!r.map(item, "a field", {"pointer", "title", "source", "type"})) continue;
    Field f;
    if (!item["pointer"]) r.error(item, "a field needs the pointer of the record's value");
    if (!item["source"]) r.error(item, "a field needs its legal source");
    if (item["pointer"]) r.pointer(item["pointer"], "a field's pointer", f.pointer);
    if (item["title"]) r.text(item["title"], "a field's title", f.title);
    if (item["source"]) r.text(item["source"], "a field's source", f.source);
    if (item["type"]) {
      std::string type;
      if (r.text(item["type"], "a field's type", type)) {
        if (type == "boolean")
          f.kind = Field::Kind::Boolean;
        else if (type != "text")
          r.error(item["type"], "a field's type is text or boolean, not '" + type + "'");
      }
    }
    out.push_back(std::move(f));
  }
}

void read_voice(Reader& r, const YAML::Node& node, std::vector<std::string>& out) {
  out.clear();
  if (!r.map(node, "voice", {"by"})) return;
  if (!node["by"]) {
    r.error(node, "voice needs `by`: whose views count as the child's own (child, young-person)");
    return;
  }
  if (!r.sequence(node["by"], "voice.by")) return;
  for (const auto& item : node["by"]) {
    std::string who;
    if (r.text(item, "a voice", who)) out.push_back(std::move(who));
  }
}

void read_review(Reader& r, const YAML::Node& node, ReviewRule& out) {
  out = ReviewRule{};
  if (!r.map(node, "review", {"due", "from", "max_months", "source"})) return;
  out.enabled = true;
  if (node["due"]) r.pointer(node["due"], "review.due", out.due);
  if (node["from"]) r.pointer(node["from"], "review.from", out.from);
  if (node["max_months"]) {
    double months = 6;
    if (r.number(node["max_months"], "review.max_months", 1, 36, months)) {
      out.max_months = static_cast<int>(months);
      if (months != out.max_months) r.error(node["max_months"], "review.max_months must be a whole number");
    }
  }
  if (!node["source"])
    r.error(node, "review needs its legal source");
  else
    r.text(node["source"], "review.source", out.source);
}

void read_conditional(Reader& r, const YAML::Node& node, ConditionalRule& out) {
  out = ConditionalRule{};
  if (!r.map(node, "parallel_plan", {"when", "field", "source"})) return;
  out.enabled = true;
  if (!node["when"] || !node["field"] || !node["source"])
    r.error(node, "parallel_plan needs when (a boolean's pointer), field (the text's pointer) and source");
  if (node["when"]) r.pointer(node["when"], "parallel_plan.when", out.when);
  if (node["field"]) r.pointer(node["field"], "parallel_plan.field", out.field);
  if (node["source"]) r.text(node["source"], "parallel_plan.source", out.source);
}

void read_language(Reader& r, const YAML::Node& node, LanguageRule& out) {
  out = LanguageRule{};
  if (!r.map(node, "language", {"jargon", "max_sentence_words", "min_reading_ease", "fields"})) return;
  out.enabled = true;
  if (node["jargon"]) r.boolean(node["jargon"], "language.jargon", out.jargon);
  if (node["max_sentence_words"]) {
    double words = 20;
    if (r.number(node["max_sentence_words"], "language.max_sentence_words", 5, 100, words))
      out.max_sentence_words = static_cast<int>(words);
  }
  if (node["min_reading_ease"])
    r.number(node["min_reading_ease"], "language.min_reading_ease", 0, 100, out.min_reading_ease);
  if (!node["fields"]) {
    r.error(node, "language needs `fields`: the pointers of the record texts the child's edition prints");
    return;
  }
  if (!r.sequence(node["fields"], "language.fields")) return;
  for (const auto& item : node["fields"]) {
    std::string p;
    if (!r.pointer(item, "a language field", p, true)) continue;
    // The child's own words are quoted as they said them: never checked, never changed.
    if (p.find("/views") != std::string::npos || p.ends_with("/words")) {
      r.error(item, "the child's own words (views) are never checked for language",
              "list the texts the council writes: needs, actions' what, the plans");
      continue;
    }
    out.fields.push_back(std::move(p));
  }
}

}  // namespace

std::optional<Rules> parse_rules(std::string_view yaml, const std::string& file, Diagnostics& diags,
                                 const RulesResolver& resolve, int depth) {
  if (yaml.size() > kMaxRulesBytes) {
    diags.error(Origin::Template, "template.checks",
                "the rules file is larger than " + std::to_string(kMaxRulesBytes / 1024) + " KiB", {file, 1, 1});
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    SourcePos at{file, e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1};
    diags.error(Origin::Template, "template.checks-syntax", "not valid YAML: " + e.msg, at);
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.error(Origin::Template, "template.checks-syntax", std::string("not valid YAML: ") + e.what(), {file, 1, 1});
    return std::nullopt;
  }

  Reader r(file, diags);
  Rules rules;
  try {
    if (!r.map(root, "the rules file",
               {"extends", "edition", "areas", "fields", "voice", "review", "parallel_plan", "language"}))
      return std::nullopt;
    if (const auto base = root["extends"]) {
      std::string name;
      if (r.text(base, "extends", name)) {
        if (!resolve) {
          r.error(base, "extends is not available here");
        } else if (depth + 1 > kMaxExtendsDepth) {
          r.error(base, "more than " + std::to_string(kMaxExtendsDepth) + " rules files extend one another",
                  "is there a loop of extends?");
        } else {
          Diagnostics base_diags;
          auto loaded = resolve(name, depth + 1, base_diags);
          diags.append(base_diags);
          if (loaded)
            rules = std::move(*loaded);
          else
            r.error(base, "the rules this file extends ('" + name + "') could not be loaded");
        }
      }
    }
    rules.file = file;
    if (const auto n = root["edition"]) {
      if (r.text(n, "edition", rules.edition) && rules.edition != "professional" && rules.edition != "child")
        r.error(n, "edition is professional or child, not '" + rules.edition + "'");
    }
    if (rules.edition.empty()) rules.edition = "professional";
    if (const auto n = root["areas"]) read_areas(r, n, rules.areas);
    if (const auto n = root["fields"]) read_fields(r, n, rules.fields);
    if (const auto n = root["voice"]) read_voice(r, n, rules.voice_by);
    if (const auto n = root["review"]) read_review(r, n, rules.review);
    if (const auto n = root["parallel_plan"]) read_conditional(r, n, rules.parallel_plan);
    if (const auto n = root["language"]) read_language(r, n, rules.language);
    if (rules.language.enabled && rules.edition != "child")
      r.error(root["language"] ? root["language"] : root,
              "language rules apply to an edition written to the child (edition: child)");
  } catch (const std::exception& e) {  // yaml-cpp's accessors; never expected, never let out
    diags.error(Origin::Template, "template.checks", std::string("the rules could not be read: ") + e.what(),
                {file, 1, 1});
    return std::nullopt;
  }
  if (r.errors() > 0) return std::nullopt;
  return rules;
}

}  // namespace quire::checks
