// Values: borrowing from the JSON data, truthiness, and the plain text of scalars.
#include <charconv>
#include <cmath>
#include <optional>

#include "template/expr.hpp"

namespace quire::tmpl {

Value Value::from_json(const nlohmann::json& j) {
  using T = nlohmann::json::value_t;
  switch (j.type()) {
    case T::null:
      return null();
    case T::boolean:
      return boolean(j.get<bool>());
    case T::number_integer:
    case T::number_unsigned:
    case T::number_float:
      return number(j.get<double>());
    case T::string: {
      Value v = make(Kind::String);
      v.j = &j;
      return v;
    }
    case T::array: {
      Value v = make(Kind::Array);
      v.j = &j;
      return v;
    }
    case T::object: {
      Value v = make(Kind::Object);
      v.j = &j;
      return v;
    }
    default:
      return null();  // binary / discarded: not produced by our parser
  }
}

size_t Value::size() const {
  if (j && (kind == Kind::Array || kind == Kind::Object)) return j->size();
  if (list) return list->size();
  return 0;
}

Value Value::item(size_t i) const {
  if (j && kind == Kind::Array) return from_json((*j)[i]);
  if (list && i < list->size()) return (*list)[i];
  return null();
}

bool Value::truthy() const {
  switch (kind) {
    case Kind::Undefined:
    case Kind::Error:
    case Kind::Null:
      return false;
    case Kind::Bool:
      return b;
    case Kind::Number:
      return n != 0;
    case Kind::String:
      return !str().empty();
    case Kind::Array:
    case Kind::Object:
      return size() > 0;
    case Kind::Date:
    case Kind::Loop:
      return true;
  }
  return false;
}

void append_scalar(const Value& v, std::string& out) {
  switch (v.kind) {
    case Value::Kind::Bool:
      out += v.b ? "true" : "false";
      break;
    case Value::Kind::Number: {
      char buf[32];
      double n = v.n;
      std::to_chars_result r;
      if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(n));
      else
        r = std::to_chars(buf, buf + sizeof buf, n);
      out.append(buf, r.ptr);
      break;
    }
    case Value::Kind::String:
      out += v.str();
      break;
    case Value::Kind::Date: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.date.year, v.date.month, v.date.day);
      out += buf;
      break;
    }
    default:
      break;  // null and undefined print nothing
  }
}

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Undefined:
      return "nothing (undefined)";
    case Value::Kind::Error:
      return "an error";
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return "true/false";
    case Value::Kind::Number:
      return "a number";
    case Value::Kind::String:
      return "text";
    case Value::Kind::Array:
      return "a list";
    case Value::Kind::Object:
      return "an object";
    case Value::Kind::Date:
      return "a date";
    case Value::Kind::Loop:
      return "the loop variable";
  }
  return "?";
}

void EvalContext::error(Pos pos, const std::string& code, const std::string& message, std::string hint) {
  for (const auto& [p, c] : reported)
    if (p == pos && c == code) return;  // a loop repeats the same mistake; say it once
  reported.emplace_back(pos, code);
  diags.add({Severity::Error, Origin::Template, code, message, sources.source_pos(pos), {}, std::move(hint)});
}

namespace {

// The JSON pointer of `target` inside `root`, or "" when it is not there. Iterative: only
// called on an error.
std::optional<std::string> pointer_to(const nlohmann::json& root, const nlohmann::json* target) {
  std::vector<std::pair<const nlohmann::json*, std::string>> todo{{&root, ""}};
  while (!todo.empty()) {
    auto [n, path] = std::move(todo.back());
    todo.pop_back();
    if (n == target) return path;
    if (n->is_object()) {
      for (auto it = n->begin(); it != n->end(); ++it) {
        std::string key;
        for (char c : it.key()) key += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        todo.emplace_back(&*it, path + "/" + key);
      }
    } else if (n->is_array()) {
      for (size_t i = 0; i < n->size(); ++i) todo.emplace_back(&(*n)[i], path + "/" + std::to_string(i));
    }
  }
  return std::nullopt;
}

}  // namespace

void EvalContext::data_error(const nlohmann::json* at, Pos pos, const std::string& message) {
  auto pointer = at ? pointer_to(data, at) : std::nullopt;
  if (!pointer) {
    error(pos, "template.type", message);
    return;
  }
  for (const auto& [p, c] : reported)
    if (p == pos && c == "data.type") return;
  reported.emplace_back(pos, "data.type");
  const SourcePos where = sources.source_pos(pos);
  diags.add({Severity::Error,
             Origin::Data,
             "data.type",
             message,
             {},
             pointer->empty() ? "/" : *pointer,
             "used at " + where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column)});
}

}  // namespace quire::tmpl
