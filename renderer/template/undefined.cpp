// `template.undefined`: a path that names nothing in the data, and the hint that teaches
// the fix. A typo gets "did you mean child.first_name?", from the fields the data has at
// that place and those the template's schema.json declares there; a field the schema
// declares but this record lacks is optional, and only then is `default` the advice.
#include <algorithm>

#include "quire/suggest.hpp"
#include "template/expr.hpp"

namespace quire::tmpl {
namespace {

constexpr size_t kMaxSchemaNodes = 64;  // subschemas visited for one step ($ref, allOf...)
constexpr size_t kMaxListed = 8;        // fields named in a hint
constexpr int kMaxNameHops = 16;        // <let>/<for> names followed back to the data's path

// One step of a path: a key of an object or an item of a list.
struct Step {
  const Expr* at;  // the Member or Index (or Root) expression the step ends at
  std::string key;
  long index = -1;  // >= 0: a list item
};

// The steps of `e` from its start, or false when a step is not a fixed key or index
// (a[i]: a variable; a filter's result). `start` is the Root or Local it begins with.
bool steps_of(const Expr* e, std::vector<Step>& out, const Expr*& start) {
  std::vector<Step> rev;
  for (int guard = 0; e && guard <= kMaxExprDepth; ++guard) {
    if (e->op == Op::Root || e->op == Op::Local) {
      if (e->op == Op::Root) rev.push_back({e, e->name});
      start = e;
      out.assign(rev.rbegin(), rev.rend());
      return true;
    }
    if (e->op == Op::Member) {
      rev.push_back({e, e->literal.s});
    } else if (e->op == Op::Index && e->args.size() == 2 && e->args[1]->op == Op::Literal) {
      const Value& k = e->args[1]->literal;
      if (k.kind == Value::Kind::String)
        rev.push_back({e, k.s});
      else if (k.kind == Value::Kind::Number && k.n >= 0)
        rev.push_back({e, {}, static_cast<long>(k.n)});
      else
        return false;
    } else {
      return false;
    }
    e = e->args.empty() ? nullptr : e->args[0].get();
  }
  return false;
}

// The subschemas that describe the same value as `n`: itself, its $ref's target, the
// members of allOf/anyOf/oneOf, and theirs; bounded.
std::vector<const nlohmann::json*> same_value(const nlohmann::json& root, const nlohmann::json* n) {
  std::vector<const nlohmann::json*> out;
  std::vector<const nlohmann::json*> todo{n};
  while (!todo.empty() && out.size() < kMaxSchemaNodes) {
    const nlohmann::json* s = todo.back();
    todo.pop_back();
    if (!s || !s->is_object() || std::find(out.begin(), out.end(), s) != out.end()) continue;
    out.push_back(s);
    if (auto r = s->find("$ref"); r != s->end() && r->is_string()) {
      const auto& ref = r->get_ref<const std::string&>();
      if (!ref.empty() && ref[0] == '#') try {
          todo.push_back(&root.at(nlohmann::json::json_pointer(ref.substr(1))));
        } catch (const nlohmann::json::exception&) {  // the schema's own error, reported at load
        }
    }
    for (const char* key : {"allOf", "anyOf", "oneOf"})
      if (auto a = s->find(key); a != s->end() && a->is_array())
        for (const auto& item : *a) todo.push_back(&item);
  }
  return out;
}

// The schemas for the value one step below `schemas` (a property, or a list's items).
std::vector<const nlohmann::json*> descend(const nlohmann::json& root,
                                           const std::vector<const nlohmann::json*>& schemas, const Step& step) {
  std::vector<const nlohmann::json*> out;
  for (const nlohmann::json* s : schemas) {
    const nlohmann::json* next = nullptr;
    if (step.index >= 0) {
      if (auto it = s->find("items"); it != s->end() && it->is_object()) next = &*it;
    } else if (auto props = s->find("properties"); props != s->end() && props->is_object()) {
      if (auto it = props->find(step.key); it != props->end()) next = &*it;
    }
    if (next)
      for (const nlohmann::json* n : same_value(root, next)) out.push_back(n);
  }
  return out;
}

// The property names `schemas` declare, in the order written.
void declared(const std::vector<const nlohmann::json*>& schemas, std::vector<std::string>& names) {
  for (const nlohmann::json* s : schemas)
    if (auto props = s->find("properties"); props != s->end() && props->is_object())
      for (auto it = props->begin(); it != props->end(); ++it)
        if (std::find(names.begin(), names.end(), it.key()) == names.end()) names.push_back(it.key());
}

// What a failed lookup of `step` could have meant, and how to say it.
struct Finding {
  const Step* step = nullptr;       // the first step that names nothing
  std::vector<std::string> fields;  // the fields there are at that place (data, then schema)
  bool in_schema = false;           // the schema declares the missing field: it is optional
};

// The schemas describing the value of `e` (a path from the data, or from a <let> or <for>
// name bound to one), following at most `hops` names back.
std::vector<const nlohmann::json*> schemas_of(const EvalContext& cx, const Expr* e, int hops) {
  std::vector<Step> steps;
  const Expr* start = nullptr;
  if (!cx.schema || !e || hops <= 0 || !steps_of(e, steps, start)) return {};
  std::vector<const nlohmann::json*> schemas;
  if (start->op == Op::Root) {
    schemas = same_value(*cx.schema, cx.schema);
  } else if (static_cast<size_t>(start->slot) < cx.slot_origin.size()) {
    const auto& [bound, item] = cx.slot_origin[static_cast<size_t>(start->slot)];
    schemas = schemas_of(cx, bound, hops - 1);
    if (item) schemas = descend(*cx.schema, schemas, Step{nullptr, {}, 0});
  }
  for (const Step& step : steps) schemas = descend(*cx.schema, schemas, step);
  return schemas;
}

Finding find_missing(const EvalContext& cx, const std::vector<Step>& steps, const Expr* start) {
  Finding f;
  const nlohmann::json* here = nullptr;        // the data at the place reached
  std::vector<const nlohmann::json*> schemas;  // what the schema says of it (the steps start at the root)
  if (cx.schema)
    schemas = start->op == Op::Root ? same_value(*cx.schema, cx.schema) : schemas_of(cx, start, kMaxNameHops);
  bool loop = false;
  if (start->op == Op::Local) {
    const Value& v = cx.frame[static_cast<size_t>(start->slot)];
    if (v.kind == Value::Kind::Loop) loop = true;
    if ((v.kind == Value::Kind::Object || v.kind == Value::Kind::Array) && v.j) here = v.j;
  } else {
    here = &cx.data;
  }
  for (const Step& step : steps) {
    const nlohmann::json* next = nullptr;
    if (here && step.index >= 0 && here->is_array() && static_cast<size_t>(step.index) < here->size())
      next = &(*here)[static_cast<size_t>(step.index)];
    else if (here && step.index < 0 && here->is_object())
      if (auto it = here->find(step.key); it != here->end()) next = &*it;
    if (next) {
      here = next;
      if (cx.schema) schemas = descend(*cx.schema, schemas, step);
      continue;
    }
    f.step = &step;
    if (step.index >= 0) return f;
    if (loop && &step == &steps.front()) f.fields = {"index", "number", "first", "last", "length"};
    if (here && here->is_object())
      for (auto it = here->begin(); it != here->end(); ++it) f.fields.push_back(it.key());
    std::vector<std::string> from_schema;
    declared(schemas, from_schema);
    f.in_schema = std::find(from_schema.begin(), from_schema.end(), step.key) != from_schema.end();
    for (auto& n : from_schema)
      if (std::find(f.fields.begin(), f.fields.end(), n) == f.fields.end()) f.fields.push_back(std::move(n));
    return f;
  }
  return f;
}

std::string undefined_hint(const EvalContext& cx, const Expr* origin) {
  if (origin->op == Op::Filter && !origin->args.empty() && origin->args[0]) {  // first or last of an empty list
    const std::string& list = origin->args[0]->name;
    return "the list is empty, so it has no " + origin->name +
           " item; show it only when the list has items (<if test=\"" + list + "\">)";
  }
  const std::string& path = origin->name;
  const std::string optional = "if it is optional, show it only when present (<if test=\"" + path +
                               "\">) or give a value for when it is missing ({{ " + path + " | default('...') }})";
  std::vector<Step> steps;
  const Expr* start = nullptr;
  if (!steps_of(origin, steps, start)) return optional;
  Finding f = find_missing(cx, steps, start);
  if (!f.step) return optional;
  const std::string& at = f.step->at->name;  // the path up to the missing field
  if (f.in_schema) return "'" + at + "' is in schema.json but this record has none; " + optional;
  if (f.step->index >= 0) return "the list has fewer items; " + optional;
  std::string best = closest_name(f.step->key, f.fields);
  if (!best.empty()) {
    // The path as written, with the misspelt name replaced.
    std::string before = f.step->at->op == Op::Root ? "" : f.step->at->args[0]->name;
    std::string written = f.step->at->op == Op::Member || f.step->at->op == Op::Root ? best : "['" + best + "']";
    if (!before.empty() && f.step->at->op == Op::Member) before += ".";
    return "did you mean " + before + written + path.substr(std::min(at.size(), path.size())) + "?";
  }
  if (f.fields.empty()) return optional;
  std::string listed;
  for (size_t i = 0; i < f.fields.size() && i < kMaxListed; ++i) listed += (i ? ", " : "") + f.fields[i];
  if (f.fields.size() > kMaxListed) listed += ", ...";
  return "the fields there are: " + listed + "; " + optional;
}

}  // namespace

void EvalContext::undefined(const Value& v, Pos fallback) {
  if (v.kind == Value::Kind::Error) return;
  const Expr* origin = v.origin;
  Pos pos = origin ? origin->pos : fallback;
  std::string name = origin ? origin->name : "value";
  for (const auto& [p, c] : reported)
    if (p == pos && c == "template.undefined") return;
  reported.emplace_back(pos, "template.undefined");
  Diagnostic d{Severity::Error,
               Origin::Template,
               "template.undefined",
               "'" + name + "' is not defined in the data",
               sources.source_pos(pos),
               {},
               {}};
  d.hint = origin ? undefined_hint(*this, origin) : std::string();
  diags.add(std::move(d));
}

}  // namespace quire::tmpl
