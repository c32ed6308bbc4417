// JSON Schema validation with valijson. valijson reports every failed constraint,
// including the "failed to validate child" echo of each parent; we keep the
// specific ones and phrase them for the person who typed the data.
#define VALIJSON_USE_EXCEPTIONS 1  // a malformed schema must be a diagnostic, not abort()

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "data/json.hpp"

// valijson's check of "format": "date", "time" and "date-time" builds its std::regex afresh
// for every value it checks (no cache, unlike "pattern"): compiling those regexes was over a
// third of all the work of rendering a pathway plan. This explicit specialisation of that
// one member for the adapter quire validates with (every nested visitor is of the same
// type, so it applies throughout) matches the very same regular languages by hand, and
// reports exactly what valijson reports: the same messages, and valijson's own day-of-month
// check (validate_date_range) for dates.
namespace quire::data::format {

inline bool digit(char c) {
  return c >= '0' && c <= '9';
}

// ([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01]) from `i`; the month and day when it matches.
inline bool date(const std::string& s, std::size_t& i, int& month, int& day) {
  std::size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  if (i == start || i + 6 > s.size() || s[i] != '-' || s[i + 3] != '-') return false;
  char m0 = s[i + 1], m1 = s[i + 2], d0 = s[i + 4], d1 = s[i + 5];
  bool month_ok = (m0 == '0' && m1 >= '1' && m1 <= '9') || (m0 == '1' && m1 >= '0' && m1 <= '2');
  bool day_ok = (d0 == '0' && d1 >= '1' && d1 <= '9') || ((d0 == '1' || d0 == '2') && digit(d1)) ||
                (d0 == '3' && (d1 == '0' || d1 == '1'));
  if (!month_ok || !day_ok) return false;
  month = (m0 - '0') * 10 + (m1 - '0');
  day = (d0 - '0') * 10 + (d1 - '0');
  i += 6;
  return true;
}

// ([01][0-9]|2[0-3])
inline bool hour(const std::string& s, std::size_t i) {
  return i + 2 <= s.size() &&
         (((s[i] == '0' || s[i] == '1') && digit(s[i + 1])) || (s[i] == '2' && s[i + 1] >= '0' && s[i + 1] <= '3'));
}

// [0-5][0-9]
inline bool sixty(const std::string& s, std::size_t i) {
  return i + 2 <= s.size() && s[i] >= '0' && s[i] <= '5' && digit(s[i + 1]);
}

// hh:mm:(ss|60)(\.[0-9]+)?(Z|z|[+|-]hh:mm) from `i` to the end of `s`.
inline bool time_to_end(const std::string& s, std::size_t i) {
  if (!hour(s, i) || i + 8 > s.size() || s[i + 2] != ':' || !sixty(s, i + 3) || s[i + 5] != ':') return false;
  if (!sixty(s, i + 6) && s.compare(i + 6, 2, "60") != 0) return false;
  i += 8;
  if (i < s.size() && s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  // valijson's class [\+|\-] also admits '|'.
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == '|'))
    return i + 6 == s.size() && hour(s, i + 1) && s[i + 3] == ':' && sixty(s, i + 4);
  return false;
}

}  // namespace quire::data::format

template <>
bool valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter>::visit(
    const valijson::constraints::FormatConstraint& constraint) {
  namespace f = quire::data::format;
  const std::string s = m_target.asString();
  const std::string& kind = constraint.getFormat();
  int month = 0, day = 0;
  std::size_t i = 0;
  if (kind == "date") {
    if (f::date(s, i, month, day) && i == s.size()) return validate_date_range(month, day);
    if (m_results) m_results->pushError(m_context, "String should be a valid date");
    return false;
  }
  if (kind == "time") {
    if (f::time_to_end(s, 0)) return true;
    if (m_results) m_results->pushError(m_context, "String should be a valid time");
    return false;
  }
  if (kind == "date-time") {
    if (f::date(s, i, month, day) && i < s.size() && (s[i] == 'T' || s[i] == 't') && f::time_to_end(s, i + 1))
      return validate_date_range(month, day);
    if (m_results) m_results->pushError(m_context, "String should be a valid date-time");
    return false;
  }
  return true;
}

namespace quire::data {

struct Schema::Impl {
  nlohmann::json source;  // kept to explain "wrong type" and "not one of" errors
  valijson::Schema compiled;
};

Schema::Schema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Schema::~Schema() = default;

namespace {

std::string escape_pointer_token(std::string_view token);

// The subschemas that apply to the same value as `n` does: a $ref's target and the
// members of allOf/anyOf/oneOf/not/if/then/else. A cycle along these edges never
// reaches the data, so valijson's parser (a $ref chain) or its validator (allOf: $ref
// to an ancestor) would recurse until the stack runs out.
std::vector<const nlohmann::json*> same_value_edges(const nlohmann::json& root, const nlohmann::json& n) {
  std::vector<const nlohmann::json*> out;
  if (!n.is_object()) return out;
  if (auto r = n.find("$ref"); r != n.end() && r->is_string()) {
    const auto& ref = r->get_ref<const std::string&>();
    if (!ref.empty() && ref[0] == '#') try {
        out.push_back(&root.at(nlohmann::json::json_pointer(ref.substr(1))));
      } catch (const nlohmann::json::exception&) {  // valijson reports it
      }
  }
  for (const char* key : {"allOf", "anyOf", "oneOf"})
    if (auto a = n.find(key); a != n.end() && a->is_array())
      for (const auto& item : *a) out.push_back(&item);
  for (const char* key : {"not", "if", "then", "else"})
    if (auto a = n.find(key); a != n.end() && a->is_object()) out.push_back(&*a);
  return out;
}

// What is wrong with the schema's references (starting with the JSON pointer of the
// place: a $ref out of the document, or a subschema that refers back to itself without
// descending into the data), or nullopt. Iterative: the schema's own shape may be long chains.
std::optional<std::string> self_reference(const nlohmann::json& root) {
  std::unordered_map<const nlohmann::json*, std::string> path;
  std::vector<const nlohmann::json*> todo{&root};
  path[&root] = "";
  while (!todo.empty()) {  // every object in the document, with its pointer
    const nlohmann::json* n = todo.back();
    todo.pop_back();
    if (!n->is_structured()) continue;
    // Only references inside this document, by a plain JSON pointer that names something:
    // valijson would resolve anything else against a base URI, recursing through it.
    if (auto r = n->find("$ref"); n->is_object() && r != n->end()) {
      const std::string ref = r->is_string() ? r->get<std::string>() : std::string();
      bool ok = !ref.empty() && ref[0] == '#' && ref.find('%') == std::string::npos;
      if (ok) try {
          (void)root.at(nlohmann::json::json_pointer(ref.substr(1)));
        } catch (const nlohmann::json::exception&) {
          ok = false;
        }
      if (!ok) return "#" + path[n] + "' has a $ref that is not a pointer into this schema ('" + ref + "')";
    }
    for (auto it = n->begin(); it != n->end(); ++it) {
      const nlohmann::json* child = &*it;
      path[child] =
          path[n] + "/" + (n->is_object() ? escape_pointer_token(it.key()) : std::to_string(&*it - &*n->begin()));
      todo.push_back(child);
    }
  }
  enum Colour : uint8_t { White, Grey, Black };
  std::unordered_map<const nlohmann::json*, Colour> colour;
  struct Frame {
    const nlohmann::json* node;
    std::vector<const nlohmann::json*> next;
    size_t i = 0;
  };
  for (const auto& [start, ignored] : path) {
    if (colour[start] != White) continue;
    std::vector<Frame> stack;
    stack.push_back({start, same_value_edges(root, *start)});
    colour[start] = Grey;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.i == f.next.size()) {
        colour[f.node] = Black;
        stack.pop_back();
        continue;
      }
      const nlohmann::json* to = f.next[f.i++];
      Colour& c = colour[to];
      if (c == Grey)
        return (path.count(to) ? "#" + path[to] : "#") +
               "' refers back to itself ($ref, allOf, anyOf, oneOf, not, if) "
               "without descending into the data";
      if (c == White) {
        c = Grey;
        stack.push_back({to, same_value_edges(root, *to)});
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<Schema> Schema::compile(const nlohmann::json& schema, const std::string& file, Diagnostics& diags) {
  if (auto at = self_reference(schema)) {
    diags.error(Origin::Template, "template.limit", "the schema at '" + *at, SourcePos{file, 1, 1});
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->source = schema;
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(impl->source);
    parser.populateSchema(adapter, impl->compiled);
  } catch (const std::exception& e) {
    diags.error(Origin::Template, "template.schema", std::string("invalid JSON Schema: ") + e.what(),
                SourcePos{file, 1, 1});
    return nullptr;
  }
  return std::unique_ptr<Schema>(new Schema(std::move(impl)));
}

namespace {

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// valijson context ["<root>", "[child]", "[0]"] -> path segments {"child", "0"}.
std::vector<std::string> segments(const std::vector<std::string>& context) {
  std::vector<std::string> out;
  for (const auto& c : context) {
    if (c == "<root>") continue;
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']')
      out.push_back(c.substr(1, c.size() - 2));
    else
      out.push_back(c);
  }
  return out;
}

std::string pointer_of(const std::vector<std::string>& segs) {
  std::string out;
  for (const auto& s : segs) out += "/" + escape_pointer_token(s);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool under(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
  return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// Resolves "#/definitions/x" style references inside the same schema document.
const nlohmann::json* resolve_ref(const nlohmann::json& root, const nlohmann::json* node) {
  for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 16; ++hops) {
    const auto& ref = (*node)["$ref"];
    if (!ref.is_string()) return node;
    std::string s = ref.get<std::string>();
    if (s.empty() || s[0] != '#') return node;
    try {
      node = &root.at(nlohmann::json::json_pointer(s.substr(1)));
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }
  return node;
}

// Best effort: the subschema that applies to the value at `path`, following
// properties / additionalProperties / items. nullptr when the schema is too clever.
const nlohmann::json* subschema_at(const nlohmann::json& root, const std::vector<std::string>& path) {
  const nlohmann::json* node = resolve_ref(root, &root);
  for (const auto& seg : path) {
    if (!node || !node->is_object()) return nullptr;
    const nlohmann::json* next = nullptr;
    if (auto p = node->find("properties"); p != node->end() && p->is_object() && p->contains(seg)) {
      next = &(*p)[seg];
    } else if (auto items = node->find("items"); items != node->end()) {
      if (items->is_object())
        next = &*items;
      else if (items->is_array() && !seg.empty() && std::all_of(seg.begin(), seg.end(), ::isdigit)) {
        size_t i = std::stoul(seg);
        if (i < items->size()) next = &(*items)[i];
      }
    } else if (auto ap = node->find("additionalProperties"); ap != node->end() && ap->is_object()) {
      next = &*ap;
    }
    node = resolve_ref(root, next);
  }
  return node;
}

const char* type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "true/false";
    case nlohmann::json::value_t::string:
      return "text";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "a whole number";
    default:
      return "a number";
  }
}

std::string schema_type_name(const std::string& t) {
  if (t == "string") return "text";
  if (t == "integer") return "a whole number";
  if (t == "number") return "a number";
  if (t == "boolean") return "true or false";
  if (t == "array") return "a list";
  if (t == "object") return "an object";
  return t;
}

// Reformats the "5.000000" that valijson prints with std::to_string.
std::string tidy_number(std::string text) {
  auto pos = text.find_first_of("-0123456789");
  if (pos == std::string::npos) return text;
  size_t end = pos;
  while (end < text.size() && (isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' || text[end] == '-'))
    ++end;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::strtod(text.substr(pos, end - pos).c_str(), nullptr));
  return text.substr(0, pos) + buf + text.substr(end);
}

std::string characters(const std::string& n) {
  return n + (n == "1" ? " character" : " characters");
}

struct Problem {
  std::vector<std::string> path;
  std::string message;
};

// Turns one valijson error into a plain-language message (and perhaps a deeper path).
Problem explain(const valijson::ValidationResults::Error& e, const nlohmann::json& schema, const nlohmann::json& data) {
  Problem p{segments(e.context), e.description};
  std::string d = e.description;
  if (!d.empty() && d.back() == '.') d.pop_back();

  const nlohmann::json* value = nullptr;
  try {
    value = &data.at(nlohmann::json::json_pointer(pointer_of(p.path)));
  } catch (const nlohmann::json::exception&) {
  }

  if (starts_with(d, "Missing required property '")) {
    // The pointer names the object that lacks the property: the property itself does not exist.
    std::string name = d.substr(27, d.size() - 28);
    p.message = "missing required property '" + name + "'";
  } else if (starts_with(d, "Object contains a property that could not be validated")) {
    auto q = d.rfind(": '");
    std::string name = q == std::string::npos ? "" : d.substr(q + 3, d.size() - q - 4);
    p.path.push_back(name);
    p.message = "unexpected property '" + name + "'";
  } else if (starts_with(d, "Value type not permitted")) {
    std::string expected;
    const auto* sub = subschema_at(schema, p.path);
    if (sub && sub->contains("type")) {
      const auto& t = (*sub)["type"];
      if (t.is_string())
        expected = schema_type_name(t.get<std::string>());
      else if (t.is_array())
        for (const auto& x : t)
          if (x.is_string()) expected += (expected.empty() ? "" : " or ") + schema_type_name(x.get<std::string>());
    }
    p.message = "wrong type: ";
    p.message += expected.empty() ? std::string("not allowed here") : "expected " + expected;
    if (value) p.message += std::string(", got ") + type_name(*value);
  } else if (starts_with(d, "Failed to match against any enum values")) {
    std::string allowed;
    const auto* sub = subschema_at(schema, p.path);
    if (sub && sub->contains("enum") && (*sub)["enum"].is_array())
      for (const auto& x : (*sub)["enum"]) allowed += (allowed.empty() ? "" : ", ") + x.dump();
    p.message = allowed.empty() ? "not one of the allowed values" : "must be one of " + allowed;
    if (value) p.message += " (got " + value->dump() + ")";
  } else if (starts_with(d, "String should be a valid date-time")) {
    // valijson says "date-time" also for a date-only value whose day is out of range (2026-02-30).
    bool date_only = value && value->is_string() && value->get<std::string>().find('T') == std::string::npos &&
                     value->get<std::string>().size() == 10;
    p.message = date_only ? "must be a real date written YYYY-MM-DD (e.g. 2025-03-31)"
                          : "must be a date and time with seconds and its offset from UTC, like "
                            "2025-03-31T14:00:00+01:00 (schema format date-time; for London time without an "
                            "offset, give the schema a pattern instead: docs/TEMPLATES.md section 9)";
  } else if (starts_with(d, "String should be a valid date")) {
    p.message = "must be a real date written YYYY-MM-DD (e.g. 2025-03-31)";
  } else if (starts_with(d, "Failed to match regex")) {
    p.message = "is not in the expected format";
  } else if (starts_with(d, "String should be no fewer than")) {
    p.message = "is too short: at least " + characters(d.substr(31, d.find(" characters") - 31));
  } else if (starts_with(d, "String should be no more than")) {
    p.message = "is too long: at most " + characters(d.substr(30, d.find(" characters") - 30));
  } else if (starts_with(d, "Expected number greater than or equal to")) {
    p.message = tidy_number("must be at least " + d.substr(41));
  } else if (starts_with(d, "Expected number less than or equal to")) {
    p.message = tidy_number("must be at most " + d.substr(38));
  } else if (starts_with(d, "Expected number")) {
    p.message = tidy_number("must be a number " + d.substr(16));
  } else if (starts_with(d, "Failed to validate against any schemas allowed by anyOf") ||
             starts_with(d, "Failed to validate against any child schemas allowed by oneOf") ||
             starts_with(d, "Failed to validate against exactly one child schema")) {
    p.message = "does not match any of the allowed forms";
  } else {
    p.message = d;
    if (!p.message.empty() && p.message[0] >= 'A' && p.message[0] <= 'Z') p.message[0] = char(p.message[0] + 32);
  }
  return p;
}

// "Failed to validate item #2 in array" and friends only echo a deeper error.
bool is_echo(std::string_view d) {
  return starts_with(d, "Failed to validate against schema associated with") ||
         starts_with(d, "Failed to validate item #") || starts_with(d, "Failed to validate against child schema") ||
         starts_with(d, "Failed to validate against additional") ||
         starts_with(d, "Failed to validate against dependent schema") ||
         starts_with(d, "Failed to validate against a conditional schema");
}

bool is_alternatives(std::string_view d) {
  return starts_with(d, "Failed to validate against any schemas allowed by anyOf") ||
         starts_with(d, "Failed to validate against any child schemas allowed by oneOf") ||
         starts_with(d, "Failed to validate against exactly one child schema");
}

}  // namespace

bool Schema::validate(const nlohmann::json& data, const std::string& data_file, Diagnostics& diags) const {
  // The validator caches compiled regexes by pattern; one per thread keeps that cache warm.
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(data);
  try {
    if (validator.validate(impl_->compiled, target, &results)) return true;
  } catch (const std::exception& ex) {
    // valijson compiles some constraints lazily (a pattern's regex): a schema it accepted
    // at load can still throw here. That is the template's fault, never the data's.
    diags.error(Origin::Template, "template.schema",
                std::string("the template's schema.json cannot be applied to the data: ") + ex.what());
    return false;
  }

  std::vector<valijson::ValidationResults::Error> kept;
  valijson::ValidationResults::Error e;
  std::vector<valijson::ValidationResults::Error> all;
  while (results.popError(e)) all.push_back(e);

  for (const auto& err : all) {
    if (is_echo(err.description)) {
      // Keep an echo only if nothing more specific was said about that value.
      bool explained = false;
      for (const auto& other : all)
        if (&other != &err && !is_echo(other.description) && under(other.context, err.context)) explained = true;
      if (explained) continue;
    }
    if (is_alternatives(err.description)) {
      // valijson pushes each alternative's failures just before the summary: for a
      // reader, "matches none of the allowed forms" says it once.
      while (!kept.empty() && under(kept.back().context, err.context)) kept.pop_back();
    }
    kept.push_back(err);
  }

  for (const auto& err : kept) {
    Problem p = explain(err, impl_->source, data);
    Diagnostic d;
    d.severity = Severity::Error;
    d.origin = Origin::Data;
    d.code = "data.schema";
    d.pointer = pointer_of(p.path);
    d.message = p.message;
    d.pos.file = data_file;
    diags.add(std::move(d));
  }
  return false;
}

}  // namespace quire::data
