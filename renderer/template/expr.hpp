// Expressions of the template language ({{ child.first_name | upper }}): values,
// the parsed expression tree, the parser and the evaluator. Expressions are parsed
// once at load; names bound by <let> and <for> are resolved to frame slots then,
// so evaluation does no name lookups beyond the JSON data itself.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/locale.hpp"
#include "template/source.hpp"

namespace quire::tmpl {

struct Expr;

/// A value during evaluation. Strings, lists and objects from the data are borrowed
/// (pointers into the JSON), never copied.
struct Value {
  enum class Kind : uint8_t { Undefined, Error, Null, Bool, Number, String, Array, Object, Date, Loop };
  Kind kind = Kind::Undefined;
  bool b = false;
  double n = 0;                                    // Number; Loop: index
  int length = 0;                                  // Loop: iteration count
  const nlohmann::json* j = nullptr;               // borrowed string, array or object
  const std::string* sref = nullptr;               // borrowed string (an object key)
  std::string s;                                   // owned string
  std::shared_ptr<const std::vector<Value>> list;  // owned array (literals, filter results)
  std::shared_ptr<const nlohmann::json> owned;     // an object built while rendering (group_by); j points into it
  i18n::Date date;
  const Expr* origin = nullptr;  // Undefined: the path that named nothing

  static Value undefined(const Expr* origin) {
    Value v;
    v.origin = origin;
    return v;
  }
  static Value error() { return make(Kind::Error); }
  static Value null() { return make(Kind::Null); }
  static Value boolean(bool x) {
    Value v = make(Kind::Bool);
    v.b = x;
    return v;
  }
  static Value number(double x) {
    Value v = make(Kind::Number);
    v.n = x;
    return v;
  }
  static Value string(std::string x) {
    Value v = make(Kind::String);
    v.s = std::move(x);
    return v;
  }
  static Value array(std::vector<Value> items) {
    Value v = make(Kind::Array);
    v.list = std::make_shared<const std::vector<Value>>(std::move(items));
    return v;
  }
  static Value from_json(const nlohmann::json& j);

  [[nodiscard]] std::string_view str() const {
    return j ? std::string_view(j->get_ref<const std::string&>()) : sref ? std::string_view(*sref) : s;
  }
  [[nodiscard]] size_t size() const;         // Array or Object
  [[nodiscard]] Value item(size_t i) const;  // Array element
  [[nodiscard]] bool truthy() const;

 private:
  static Value make(Kind k) {
    Value v;
    v.kind = k;
    return v;
  }
};

/// Text form of scalars: numbers without needless decimals, null as "".
void append_scalar(const Value& v, std::string& out);
const char* kind_name(Value::Kind k);

enum class Op : uint8_t {
  Literal,
  Local,
  Root,
  Member,
  Index,
  Not,
  And,
  Or,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Concat,
  Add,
  Sub,
  Mul,
  Div,
  Neg,
  Filter,
  Call,
  List
};
/// Filters (after |) and functions (t(), field()). Unknown names are load errors.
enum class Fn : uint8_t {
  Upper,
  Lower,
  Default,
  Date,
  Number,
  Plural,
  Length,
  Join,
  Trim,
  NoBreak,
  First,
  Last,
  AsDate,
  Time,
  DateTime,
  Sum,
  Count,
  Min,
  Max,
  Round,
  SortBy,
  GroupBy,
  Where,
  T,
  Field,
  AgeAt,
  AddDays,
  AddWorkingDays,
  DaysBetween
};

struct Expr {
  Op op = Op::Literal;
  Fn fn = Fn::Upper;
  Pos pos;
  int slot = -1;                            // Local
  std::string name;                         // Root and Member name; path text for messages
  Value literal;                            // Literal; Call t: the English of t('id', 'English'), if given
  std::vector<std::unique_ptr<Expr>> args;  // operands; Filter: [input, params...]; Call t: [id, named...]
  std::vector<std::string> arg_names;       // Call t: names of args[1..]
  int height = 1;                           // levels in this tree, at most kMaxExprDepth
};

/// How deeply an expression may nest (parentheses, lists, `not`, calls, and chains such as
/// a.b.c or x ~ y ~ z): evaluation and destruction recurse over the tree, so the parser
/// refuses deeper ones with `template.limit` instead of letting them exhaust the stack.
inline constexpr int kMaxExprDepth = 100;

/// Names bound by <let> and <for> at the point an expression appears: slot = index.
using Scope = std::vector<std::string>;

/// The names of the filters (`filters`) or of the functions, in the order of their table.
std::vector<std::string> function_names(bool filters);

/// Parses one expression (the inside of {{ }}); errors go to `diags` at their position.
std::unique_ptr<Expr> parse_expression(std::string_view text, size_t offset, const TextMap& map, const Scope& scope,
                                       const Sources& sources, Diagnostics& diags);

/// Parses "item in expr" or "key, value in expr" of <for each>.
struct ForHeader {
  std::vector<std::string> vars;
  std::unique_ptr<Expr> source;
};
bool parse_for(std::string_view text, const TextMap& map, const Scope& scope, const Sources& sources,
               Diagnostics& diags, ForHeader& out);

/// Literal text and {{ expressions }} of a text node or attribute value, in order.
struct Part {
  std::string text;            // literal text (when expr is null)
  std::unique_ptr<Expr> expr;  // or an expression
};
std::vector<Part> parse_interpolated(std::string_view text, const TextMap& map, const Scope& scope,
                                     const Sources& sources, Diagnostics& diags);

/// Everything evaluation needs; one per render (templates are shared between threads).
struct EvalContext {
  const Sources& sources;
  const nlohmann::json& data;
  i18n::Localiser& loc;
  Diagnostics& diags;
  std::vector<Value> frame;
  std::vector<std::pair<Pos, std::string>> reported;  // one diagnostic per place and code
  size_t max_string = 16u << 20;                      // Limits::max_string_bytes
  size_t text_budget = 64u << 20;                     // text expressions may still produce in this render
  std::string_view highlight_message;                 // a message id to mark for a translator's preview
  const nlohmann::json* schema = nullptr;             // the template's schema.json: fields for "did you mean"
  /// What each frame slot was last bound to, for those hints: a <let>'s value, or (true) an
  /// item of a <for>'s list.
  std::vector<std::pair<const Expr*, bool>> slot_origin;
  bool in_text = false;  // evaluating a paragraph's text (not an attribute): messages isolate their arguments

  void error(Pos pos, const std::string& code, const std::string& message, std::string hint = {});
  /// Reports a value of the data (`at`, inside `data`) that the template cannot use as it
  /// must (an impossible date): the data's fault, so a Data error with its JSON pointer;
  /// `pos` (where the template uses it) goes into the hint.
  void data_error(const nlohmann::json* at, Pos pos, const std::string& message);
  /// Reports `v` as undefined (unless an error was already reported for it), with the field
  /// of the data or of `schema` its path most likely meant (undefined.cpp).
  void undefined(const Value& v, Pos fallback);
};

Value eval(const Expr& e, EvalContext& cx);
/// Appends the text of `e`'s value to `out`; false (and a diagnostic) if it has none.
bool eval_text(const Expr& e, EvalContext& cx, std::string& out);
/// The same for a value already computed from `e`.
bool value_text(const Value& v, const Expr& e, EvalContext& cx, std::string& out);

/// Field placeholders inside strings: U+E000 followed by 'p' (page), 'n' (pages), 's' (section title);
/// 'h' ... 'H' around the message a translator previews (the "translation-preview" character style).
inline constexpr std::string_view kFieldMark = "\xEE\x80\x80";

}  // namespace quire::tmpl
