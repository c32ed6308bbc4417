// The expression parser: a small hand-written lexer and precedence climber.
//   or > and > not > comparison > ~ (concat) > | filter > .member [index] > primary
#include <algorithm>
#include <cctype>
#include <charconv>

#include "quire/suggest.hpp"
#include "template/expr.hpp"

namespace quire::tmpl {
namespace {

enum class Tok : uint8_t { End, Ident, Number, String, Punct, Bad };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // identifier, punctuation, or the decoded string literal
  double number = 0;
  size_t at = 0;  // offset in the source text given to the parser
};

struct FnSpec {
  const char* name;
  Fn fn;
  bool is_filter;
  std::vector<const char*> params;  // parameter names after the input
  int required;                     // how many of them must be given
};

const std::vector<FnSpec>& functions() {
  static const std::vector<FnSpec> specs = {
      {"upper", Fn::Upper, true, {}, 0},
      {"lower", Fn::Lower, true, {}, 0},
      {"default", Fn::Default, true, {"value"}, 1},
      {"date", Fn::Date, true, {"style"}, 0},
      {"number", Fn::Number, true, {"decimals"}, 0},
      {"plural", Fn::Plural, true, {}, 0},
      {"length", Fn::Length, true, {}, 0},
      {"join", Fn::Join, true, {"sep"}, 0},
      {"trim", Fn::Trim, true, {}, 0},
      {"nobreak", Fn::NoBreak, true, {}, 0},
      {"first", Fn::First, true, {}, 0},
      {"last", Fn::Last, true, {}, 0},
      {"as_date", Fn::AsDate, true, {}, 0},
      {"time", Fn::Time, true, {"style", "zone"}, 0},
      {"datetime", Fn::DateTime, true, {"style", "zone"}, 0},
      {"sum", Fn::Sum, true, {"key"}, 0},
      {"count", Fn::Count, true, {"key", "value"}, 0},
      {"min", Fn::Min, true, {"key"}, 0},
      {"max", Fn::Max, true, {"key"}, 0},
      {"round", Fn::Round, true, {"decimals"}, 0},
      {"sort_by", Fn::SortBy, true, {"key", "order"}, 1},
      {"group_by", Fn::GroupBy, true, {"key"}, 1},
      {"filter", Fn::Where, true, {"key", "value"}, 1},
      {"t", Fn::T, false, {"id"}, 1},
      {"field", Fn::Field, false, {"kind"}, 1},
      {"age_at", Fn::AgeAt, false, {"birth", "on"}, 2},
      {"add_days", Fn::AddDays, false, {"date", "days"}, 2},
      {"add_working_days", Fn::AddWorkingDays, false, {"date", "days"}, 2},
      {"days_between", Fn::DaysBetween, false, {"from", "to"}, 2},
  };
  return specs;
}

}  // namespace

std::vector<std::string> function_names(bool filters) {
  std::vector<std::string> names;
  for (const auto& s : functions())
    if (s.is_filter == filters) names.emplace_back(s.name);
  return names;
}

namespace {

// The hint for an unknown filter or function: the other kind of the same name ("upper is
// a filter"), the closest name of the right kind, or the names there are.
std::string unknown_function_hint(const std::string& name, bool as_filter) {
  for (const auto& s : functions())
    if (name == s.name && s.is_filter != as_filter)
      return as_filter ? "'" + name + "' is a function, not a filter: write " + name + "(...)"
                       : "'" + name + "' is a filter, not a function: write {{ value | " + name + " }}";
  std::vector<std::string> names = function_names(as_filter);
  std::string best = closest_name(name, names);
  if (!best.empty()) return "did you mean '" + best + "'?";
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return (as_filter ? "the filters are: " : "the functions are: ") + all;
}

class Parser {
 public:
  Parser(std::string_view text, size_t offset, const TextMap& map, const Scope& scope, const Sources& sources,
         Diagnostics& diags)
      : src_(text), i_(offset), map_(map), scope_(scope), sources_(sources), diags_(diags) {
    next();
  }

  std::unique_ptr<Expr> parse_all() {
    auto e = expression();
    if (e && cur_.kind != Tok::End) return fail(cur_.at, "unexpected '" + cur_.text + "' in expression");
    return failed_ ? nullptr : std::move(e);
  }

  bool parse_for(ForHeader& out) {
    do {
      if (cur_.kind != Tok::Ident) return fail(cur_.at, "expected a variable name in 'each'"), false;
      out.vars.push_back(cur_.text);
      next();
    } while (accept(","));
    if (out.vars.size() > 2) return fail(cur_.at, "at most two names before 'in' (key, value)"), false;
    if (!(cur_.kind == Tok::Ident && cur_.text == "in")) return fail(cur_.at, "expected 'in'"), false;
    next();
    out.source = parse_all();
    return out.source != nullptr;
  }

 private:
  std::string_view src_;
  size_t i_;
  const TextMap& map_;
  const Scope& scope_;
  const Sources& sources_;
  Diagnostics& diags_;
  Token cur_;
  bool failed_ = false;
  int depth_ = 0;  // recursion depth of expression()/negation(), bounded by kMaxExprDepth

  // Counts one level of recursion for its lifetime.
  struct Nest {
    int& depth;
    explicit Nest(int& d) : depth(++d) {}
    ~Nest() { --depth; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
  };
  bool too_deep(size_t at) {
    if (depth_ <= kMaxExprDepth) return false;
    fail(map_.at(at), "the expression nests more than " + std::to_string(kMaxExprDepth) + " levels deep",
         "template.limit");
    return true;
  }
  // Sets e's height from its operands; refuses a tree deeper than the limit (chains such as
  // a.b.c... or x ~ y ~ ... grow the tree without recursing in the parser).
  std::unique_ptr<Expr> seal(std::unique_ptr<Expr> e) {
    if (!e) return e;
    int h = 0;
    for (const auto& a : e->args)
      if (a) h = std::max(h, a->height);
    e->height = h + 1;
    if (e->height > kMaxExprDepth)
      return fail(e->pos, "the expression nests more than " + std::to_string(kMaxExprDepth) + " levels deep",
                  "template.limit");
    return e;
  }

  std::nullptr_t fail(Pos pos, const std::string& message, const char* code = "template.syntax",
                      std::string hint = {}) {
    if (!failed_) {
      failed_ = true;
      diags_.add({Severity::Error, Origin::Template, code, message, sources_.source_pos(pos), {}, std::move(hint)});
    }
    return nullptr;
  }
  std::nullptr_t fail(size_t at, const std::string& message) { return fail(map_.at(at), message); }

  void next() {
    while (i_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[i_]))) ++i_;
    cur_ = Token{};
    cur_.at = i_;
    if (i_ >= src_.size()) return;
    char c = src_[i_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i_;
      while (i_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '_')) ++i_;
      cur_.kind = Tok::Ident;
      cur_.text = src_.substr(start, i_ - start);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {  // a minus sign is unary minus, folded below
      auto [end, ec] = std::from_chars(src_.data() + i_, src_.data() + src_.size(), cur_.number);
      cur_.kind = ec == std::errc() ? Tok::Number : Tok::Bad;
      size_t len = static_cast<size_t>(end - (src_.data() + i_));
      cur_.text = src_.substr(i_, std::max<size_t>(len, 1));
      i_ += std::max<size_t>(len, 1);
    } else if (c == '\'' || c == '"') {
      size_t start = i_++;
      while (i_ < src_.size() && src_[i_] != c) {
        if (src_[i_] == '\\' && i_ + 1 < src_.size()) ++i_;
        cur_.text += src_[i_++];
      }
      if (i_ >= src_.size()) {
        cur_.kind = Tok::Bad;
        cur_.text = "unterminated string";
        cur_.at = start;
        return;
      }
      ++i_;
      cur_.kind = Tok::String;
    } else {
      static const char* two[] = {"==", "!=", "<=", ">="};
      for (const char* t : two)
        if (src_.substr(i_, 2) == t) {
          cur_.kind = Tok::Punct;
          cur_.text = t;
          i_ += 2;
          return;
        }
      cur_.kind = std::string_view(".[](),|~<>=+-*/").find(c) != std::string_view::npos ? Tok::Punct : Tok::Bad;
      cur_.text = std::string(1, c);
      ++i_;
    }
  }

  bool is(const char* p) const { return (cur_.kind == Tok::Punct || cur_.kind == Tok::Ident) && cur_.text == p; }
  bool accept(const char* p) {
    if (!is(p)) return false;
    next();
    return true;
  }
  bool expect(const char* p) {
    if (accept(p)) return true;
    fail(cur_.at, std::string("expected '") + p + "'" + (cur_.kind == Tok::End ? " before the end" : ""));
    return false;
  }

  std::unique_ptr<Expr> node(Op op, size_t at) {
    auto e = std::make_unique<Expr>();
    e->op = op;
    e->pos = map_.at(at);
    return e;
  }
  std::unique_ptr<Expr> binary(Op op, size_t at, std::unique_ptr<Expr> l, std::unique_ptr<Expr> r) {
    if (!l || !r) return nullptr;
    auto e = node(op, at);
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return seal(std::move(e));
  }

  std::unique_ptr<Expr> expression() {
    Nest nest(depth_);
    if (too_deep(cur_.at)) return nullptr;
    return disjunction();
  }

  std::unique_ptr<Expr> disjunction() {
    auto l = conjunction();
    while (l && is("or")) {
      size_t at = cur_.at;
      next();
      l = binary(Op::Or, at, std::move(l), conjunction());
    }
    return l;
  }
  std::unique_ptr<Expr> conjunction() {
    auto l = negation();
    while (l && is("and")) {
      size_t at = cur_.at;
      next();
      l = binary(Op::And, at, std::move(l), negation());
    }
    return l;
  }
  std::unique_ptr<Expr> negation() {
    if (!is("not")) return comparison();
    Nest nest(depth_);
    if (too_deep(cur_.at)) return nullptr;
    auto e = node(Op::Not, cur_.at);
    next();
    auto operand = negation();
    if (!operand) return nullptr;
    e->args.push_back(std::move(operand));
    return seal(std::move(e));
  }
  std::unique_ptr<Expr> comparison() {
    auto l = concatenation();
    static const std::pair<const char*, Op> ops[] = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<=", Op::Le},
                                                     {">=", Op::Ge}, {"<", Op::Lt},  {">", Op::Gt}};
    for (auto [text, op] : ops)
      if (l && cur_.kind == Tok::Punct && cur_.text == text) {
        size_t at = cur_.at;
        next();
        return binary(op, at, std::move(l), concatenation());
      }
    return l;
  }
  std::unique_ptr<Expr> concatenation() {
    auto l = additive();
    while (l && is("~")) {
      size_t at = cur_.at;
      next();
      l = binary(Op::Concat, at, std::move(l), additive());
    }
    return l;
  }
  // Arithmetic on numbers (docs/TEMPLATES.md): + and - bind looser than * and /, all
  // looser than filters, so `a + b | round` rounds b.
  std::unique_ptr<Expr> additive() {
    auto l = multiplicative();
    while (l && (is("+") || is("-"))) {
      const Op op = is("+") ? Op::Add : Op::Sub;
      size_t at = cur_.at;
      next();
      l = binary(op, at, std::move(l), multiplicative());
    }
    return l;
  }
  std::unique_ptr<Expr> multiplicative() {
    auto l = unary();
    while (l && (is("*") || is("/"))) {
      const Op op = is("*") ? Op::Mul : Op::Div;
      size_t at = cur_.at;
      next();
      l = binary(op, at, std::move(l), unary());
    }
    return l;
  }
  std::unique_ptr<Expr> unary() {
    if (!is("-")) return filtered();
    Nest nest(depth_);
    if (too_deep(cur_.at)) return nullptr;
    size_t at = cur_.at;
    next();
    auto operand = unary();
    if (!operand) return nullptr;
    if (operand->op == Op::Literal && operand->literal.kind == Value::Kind::Number) {  // -1 is a number
      operand->literal.n = -operand->literal.n;
      operand->name = "-" + operand->name;
      operand->pos = map_.at(at);
      return operand;
    }
    auto e = node(Op::Neg, at);
    e->args.push_back(std::move(operand));
    return seal(std::move(e));
  }
  std::unique_ptr<Expr> filtered() {
    auto l = postfix();
    while (l && is("|")) {
      next();
      if (cur_.kind != Tok::Ident) return fail(cur_.at, "expected a filter name after '|'");
      auto f = node(Op::Filter, cur_.at);
      f->name = cur_.text;
      next();
      f->args.push_back(std::move(l));
      if (!call_args(*f, true)) return nullptr;
      l = seal(std::move(f));
    }
    return l;
  }

  // Resolves a filter or function name and its arguments into fixed parameter slots.
  bool call_args(Expr& e, bool as_filter) {
    const FnSpec* spec = nullptr;
    for (const auto& s : functions())
      if (e.name == s.name && s.is_filter == as_filter) spec = &s;
    if (!spec) {
      fail(e.pos, std::string("unknown ") + (as_filter ? "filter '" : "function '") + e.name + "'",
           "template.unknown-filter", unknown_function_hint(e.name, as_filter));
      return false;
    }
    e.fn = spec->fn;
    size_t base = e.args.size();  // 1 for filters (the input), 0 for functions
    e.args.resize(base + spec->params.size());
    bool open = accept("(");
    if (!open) return spec->required == 0 || (fail(e.pos, e.name + "() needs an argument"), false);
    size_t positional = 0;
    while (!is(")")) {
      if (cur_.kind == Tok::End) return expect(")");
      std::string key;
      size_t at = cur_.at;
      if (cur_.kind == Tok::Ident && peek_is_assign()) {
        key = cur_.text;
        next();
        next();  // '='
      }
      auto value = expression();
      if (!value) return false;
      if (e.fn == Fn::T && key.empty() && positional == 1 && e.arg_names.empty()) {
        // t('id', 'English'): the English for the catalogue (`quire locales extract`), as the
        // text inside a <t> is; rendering always takes the catalogue's.
        if (value->op != Op::Literal || value->literal.kind != Value::Kind::String)
          return fail(at, "t()'s second argument is the English, written in quotes: t('id', 'English', name=value)"),
                 false;
        e.literal = std::move(value->literal);
        ++positional;
      } else if (e.fn == Fn::T && (!key.empty() || positional > 0)) {
        if (key.empty())
          return fail(at, "t() arguments after the id and its English must be named: t('id', 'English', name=value)"),
                 false;
        e.arg_names.push_back(key);
        e.args.push_back(std::move(value));
      } else {
        size_t slot = positional;
        if (!key.empty()) {
          slot = spec->params.size();
          for (size_t k = 0; k < spec->params.size(); ++k)
            if (key == spec->params[k]) slot = k;
          if (slot == spec->params.size()) return fail(at, e.name + "() has no argument '" + key + "'"), false;
        } else {
          ++positional;
        }
        if (slot >= spec->params.size()) return fail(at, "too many arguments to " + e.name + "()"), false;
        e.args[base + slot] = std::move(value);
      }
      if (!accept(",")) break;
    }
    if (!expect(")")) return false;
    for (int k = 0; k < spec->required; ++k)
      if (!e.args[base + static_cast<size_t>(k)]) return fail(e.pos, e.name + "() needs an argument"), false;
    if (e.fn == Fn::Field && e.args[0]->op == Op::Literal) {
      const Value& kind = e.args[0]->literal;
      if (kind.kind != Value::Kind::String ||
          (kind.s != "page" && kind.s != "pages" && kind.s != "part-pages" && kind.s != "section"))
        return fail(e.args[0]->pos, "field() takes 'page', 'pages', 'part-pages' or 'section'"), false;
    }
    return true;
  }
  bool peek_is_assign() const {
    size_t k = i_;
    while (k < src_.size() && std::isspace(static_cast<unsigned char>(src_[k]))) ++k;
    return k < src_.size() && src_[k] == '=' && (k + 1 >= src_.size() || src_[k + 1] != '=');
  }

  std::unique_ptr<Expr> postfix() {
    auto e = primary();
    while (e) {
      if (is(".")) {
        next();
        if (cur_.kind != Tok::Ident) return fail(cur_.at, "expected a name after '.'");
        auto m = node(Op::Member, cur_.at);
        m->pos = e->pos;  // messages point at the start of the path
        m->name = e->name + "." + cur_.text;
        m->literal = Value::string(cur_.text);
        next();
        m->args.push_back(std::move(e));
        e = seal(std::move(m));
      } else if (is("[")) {
        size_t at = cur_.at;
        next();
        auto index = expression();
        if (!index || !expect("]")) return nullptr;
        auto m = node(Op::Index, at);
        m->pos = e->pos;
        m->name = e->name + "[" + (index->op == Op::Literal ? literal_text(index->literal) : "...") + "]";
        m->args.push_back(std::move(e));
        m->args.push_back(std::move(index));
        e = seal(std::move(m));
      } else {
        break;
      }
    }
    return e;
  }

  static std::string literal_text(const Value& v) {
    std::string out;
    if (v.kind == Value::Kind::String) return "'" + v.s + "'";
    append_scalar(v, out);
    return out;
  }

  std::unique_ptr<Expr> primary() {
    size_t at = cur_.at;
    switch (cur_.kind) {
      case Tok::End:
        return fail(at, "expected a value");
      case Tok::Bad:
        return fail(at, cur_.text == "unterminated string" ? "unterminated string" : "unexpected '" + cur_.text + "'");
      case Tok::Number: {
        auto e = node(Op::Literal, at);
        e->literal = Value::number(cur_.number);
        e->name = cur_.text;
        next();
        return e;
      }
      case Tok::String: {
        auto e = node(Op::Literal, at);
        e->literal = Value::string(cur_.text);
        e->name = "'" + cur_.text + "'";
        next();
        return e;
      }
      case Tok::Punct:
        if (accept("(")) {
          auto e = expression();
          if (!e || !expect(")")) return nullptr;
          return e;
        }
        if (accept("[")) {
          auto e = node(Op::List, at);
          while (!is("]")) {
            auto item = expression();
            if (!item) return nullptr;
            e->args.push_back(std::move(item));
            if (!accept(",")) break;
          }
          if (!expect("]")) return nullptr;
          return seal(std::move(e));
        }
        return fail(at, "unexpected '" + cur_.text + "'");
      case Tok::Ident:
        break;
    }
    std::string name = cur_.text;
    next();
    if (name == "true" || name == "false" || name == "null") {
      auto e = node(Op::Literal, at);
      e->literal = name == "null" ? Value::null() : Value::boolean(name == "true");
      e->name = name;
      return e;
    }
    if (name == "and" || name == "or" || name == "not" || name == "in") return fail(at, "unexpected '" + name + "'");
    if (is("(")) {
      auto e = node(Op::Call, at);
      e->name = name;
      if (!call_args(*e, false)) return nullptr;
      return seal(std::move(e));
    }
    auto e = node(Op::Root, at);
    e->name = name;
    for (size_t k = scope_.size(); k-- > 0;)
      if (scope_[k] == name) {
        e->op = Op::Local;
        e->slot = static_cast<int>(k);
        break;
      }
    return e;
  }
};

}  // namespace

std::unique_ptr<Expr> parse_expression(std::string_view text, size_t offset, const TextMap& map, const Scope& scope,
                                       const Sources& sources, Diagnostics& diags) {
  return Parser(text, offset, map, scope, sources, diags).parse_all();
}

bool parse_for(std::string_view text, const TextMap& map, const Scope& scope, const Sources& sources,
               Diagnostics& diags, ForHeader& out) {
  return Parser(text, 0, map, scope, sources, diags).parse_for(out);
}

}  // namespace quire::tmpl
