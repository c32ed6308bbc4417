// Expression evaluation: paths into the data, operators, filters and t()/field().
// Undefined values travel silently until they are used (shown, filtered, looped
// over); only then are they an error, so `default` and <if> can guard them.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>

#include "template/eval_detail.hpp"
#include "template/expr.hpp"

namespace quire::tmpl {
namespace {

using K = Value::Kind;

}  // namespace

// True if `v` can be used; otherwise reports why (once) and returns false.
bool usable(const Value& v, const Expr& at, EvalContext& cx) {
  if (v.kind == K::Undefined) {
    cx.undefined(v, at.pos);
    return false;
  }
  return v.kind != K::Error;
}

namespace {

// U+202A-U+202E (embeddings, overrides, PDF) and U+2066-U+2069 (isolates, PDI) in UTF-8.
bool is_bidi_control(std::string_view s, size_t i) {
  if (i + 2 >= s.size() || static_cast<unsigned char>(s[i]) != 0xE2) return false;
  const auto b = static_cast<unsigned char>(s[i + 1]), c = static_cast<unsigned char>(s[i + 2]);
  return (b == 0x80 && c >= 0xAA && c <= 0xAE) || (b == 0x81 && c >= 0xA6 && c <= 0xA9);
}
bool has_bidi_control(std::string_view s) {
  for (size_t i = s.find('\xE2'); i != std::string_view::npos; i = s.find('\xE2', i + 1))
    if (is_bidi_control(s, i)) return true;
  return false;
}

// Text from the data with directional controls in it is isolated (FSI ... PDI), and its
// controls balanced, so that a name like "\u202Eevil" cannot reorder the sentence around it:
// closers without an opener are dropped, openers left open are closed before the PDI.
void append_isolated(std::string_view s, std::string& out) {
  out += "\u2068";
  std::vector<bool> open;  // true: an isolate (closed by PDI), false: an embedding (closed by PDF)
  for (size_t i = 0; i < s.size();) {
    if (!is_bidi_control(s, i)) {
      out += s[i++];
      continue;
    }
    const auto b = static_cast<unsigned char>(s[i + 1]), c = static_cast<unsigned char>(s[i + 2]);
    const bool pdf = b == 0x80 && c == 0xAC, pdi = b == 0x81 && c == 0xA9;
    if (pdi) {  // closes the innermost isolate and every embedding inside it
      auto it = std::find(open.rbegin(), open.rend(), true);
      if (it == open.rend()) {
        i += 3;
        continue;
      }
      open.erase(std::next(it).base(), open.end());
    } else if (pdf) {
      if (open.empty() || open.back()) {
        i += 3;
        continue;
      }
      open.pop_back();
    } else {
      open.push_back(b == 0x81);
    }
    out.append(s.substr(i, 3));
    i += 3;
  }
  for (auto it = open.rbegin(); it != open.rend(); ++it) out += *it ? "\u2069" : "\u202C";
  out += "\u2069";
}

}  // namespace

Value too_long(const Expr& at, EvalContext& cx) {
  cx.error(at.pos, "template.limit",
           "this text grows beyond the limit of " + std::to_string(cx.max_string) +
               " bytes for one text (or the render's total for text)");
  return Value::error();
}

Value type_error(const Expr& at, EvalContext& cx, const std::string& message) {
  cx.error(at.pos, "template.type", message);
  return Value::error();
}

namespace {

Value member(const Value& obj, const std::string& key, const Expr& e) {
  if (obj.kind == K::Error) return obj;
  if (obj.kind == K::Object && obj.j) {
    auto it = obj.j->find(key);
    return it == obj.j->end() ? Value::undefined(&e) : Value::from_json(*it);
  }
  if (obj.kind == K::Loop) {
    if (key == "index") return Value::number(obj.n);
    if (key == "number") return Value::number(obj.n + 1);
    if (key == "first") return Value::boolean(obj.n == 0);
    if (key == "last") return Value::boolean(obj.n + 1 == obj.length);
    if (key == "length") return Value::number(obj.length);
  }
  return Value::undefined(&e);  // also for members of undefined: the message names the whole path
}

Value index(const Value& obj, const Value& key, const Expr& e, EvalContext& cx) {
  if (obj.kind == K::Error || key.kind == K::Error) return Value::error();
  if (key.kind == K::String) return member(obj, std::string(key.str()), e);
  if (key.kind == K::Number && obj.kind == K::Array) {
    long i = static_cast<long>(key.n);
    long n = static_cast<long>(obj.size());
    if (i < 0) i += n;  // a[-1] is the last item
    return i >= 0 && i < n ? obj.item(static_cast<size_t>(i)) : Value::undefined(&e);
  }
  if (obj.kind == K::Undefined) return Value::undefined(&e);
  if (!usable(key, *e.args[1], cx)) return Value::error();
  return type_error(e, cx, std::string("cannot look up ") + kind_name(key.kind) + " in " + kind_name(obj.kind));
}

}  // namespace

// Undefined compares like null: <if test="status == 'open'"> must not fail on a missing status.
bool equal(const Value& a, const Value& b) {
  K ka = a.kind == K::Undefined ? K::Null : a.kind, kb = b.kind == K::Undefined ? K::Null : b.kind;
  if (ka != kb) return false;
  switch (ka) {
    case K::Null:
      return true;
    case K::Bool:
      return a.b == b.b;
    case K::Number:
      return a.n == b.n;
    case K::String:
      return a.str() == b.str();
    case K::Date:
      return a.date == b.date;
    case K::Array:
    case K::Object:
      return a.j && a.j == b.j;
    default:
      return false;
  }
}

namespace {

Value compare(const Expr& e, EvalContext& cx) {
  Value a = eval(*e.args[0], cx), b = eval(*e.args[1], cx);
  if (a.kind == K::Error || b.kind == K::Error) return Value::error();
  if (e.op == Op::Eq) return Value::boolean(equal(a, b));
  if (e.op == Op::Ne) return Value::boolean(!equal(a, b));
  int c;
  if (a.kind == K::Number && b.kind == K::Number)
    c = a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  else if (a.kind == K::String && b.kind == K::String)
    c = a.str().compare(b.str());
  else if (a.kind == K::Date && b.kind == K::Date)
    c = a.date.year != b.date.year     ? a.date.year - b.date.year
        : a.date.month != b.date.month ? a.date.month - b.date.month
                                       : a.date.day - b.date.day;
  else if (!usable(a, *e.args[0], cx) || !usable(b, *e.args[1], cx))
    return Value::error();
  else
    return type_error(e, cx, std::string("cannot order ") + kind_name(a.kind) + " and " + kind_name(b.kind));
  switch (e.op) {
    case Op::Lt:
      return Value::boolean(c < 0);
    case Op::Le:
      return Value::boolean(c <= 0);
    case Op::Gt:
      return Value::boolean(c > 0);
    default:
      return Value::boolean(c >= 0);
  }
}

std::string case_map(std::string_view s, bool upper, EvalContext& cx) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::Locale locale(cx.loc.info().icu_id.c_str());
  if (upper)
    u.toUpper(locale);
  else
    u.toLower(locale);
  std::string out;
  return u.toUTF8String(out);
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<i18n::Date> date_of(const Value& v) {
  if (v.kind == K::Date) return v.date;
  if (v.kind != K::String) return std::nullopt;
  std::string_view s = v.str();
  if (s.size() > 10 && s[10] == 'T') s = s.substr(0, 10);  // a date-time: its date
  return i18n::parse_date(s);
}

std::optional<double> number_of(const Value& v) {
  if (v.kind == K::Number) return v.n;
  if (v.kind == K::String) {
    std::string_view s = v.str();
    double d;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return d;
  }
  return std::nullopt;
}

namespace {

Value apply_filter(const Expr& e, EvalContext& cx) {
  const Expr& input = *e.args[0];
  Value v = eval(input, cx);
  if (e.fn == Fn::Default) {
    bool missing = v.kind == K::Undefined || v.kind == K::Null || (v.kind == K::String && v.str().empty());
    return missing ? eval(*e.args[1], cx) : v;
  }
  if (!usable(v, input, cx)) return Value::error();
  auto arg = [&](size_t i) {
    return e.args.size() > i && e.args[i] ? eval(*e.args[i], cx) : Value::undefined(nullptr);
  };
  auto wrong = [&](const char* wanted) {
    return type_error(e, cx, "'" + e.name + "' needs " + wanted + ", not " + kind_name(v.kind));
  };
  // A string from the data that is no date (2026-02-31) is the data's fault, not the template's.
  auto not_a_date = [&] {
    const std::string_view text = v.kind == K::String ? v.str() : std::string_view();
    const bool date_shaped = text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
                             std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (!v.j || !date_shaped) return wrong("a date written YYYY-MM-DD");
    cx.data_error(v.j, e.pos, "'" + std::string(v.str()) + "' is not a date (YYYY-MM-DD, a day that exists)");
    return Value::error();
  };
  switch (e.fn) {
    case Fn::Upper:
    case Fn::Lower: {
      if (v.kind != K::String && v.kind != K::Number) return wrong("text");
      std::string s;
      append_scalar(v, s);
      return Value::string(case_map(s, e.fn == Fn::Upper, cx));
    }
    case Fn::NoBreak: {
      // A phone number or postcode stays on one line: spaces become no-break spaces (U+00A0),
      // which are also common separators for bidi, so "01632 960 412" keeps its order in
      // right-to-left text.
      if (v.kind != K::String && v.kind != K::Number) return wrong("text");
      std::string s, out;
      append_scalar(v, s);
      for (char c : s) c == ' ' ? out += "\u00A0" : out += c;
      return Value::string(std::move(out));
    }
    case Fn::Trim: {
      if (v.kind != K::String) return wrong("text");
      std::string_view s = v.str();
      size_t b = s.find_first_not_of(" \t\r\n"), en = s.find_last_not_of(" \t\r\n");
      return Value::string(b == std::string_view::npos ? "" : std::string(s.substr(b, en - b + 1)));
    }
    case Fn::Date: {
      // A date-time shown as a date would drop its time without a word (a review at 16:00).
      if (v.kind == K::String && v.str().size() > 10 && v.str()[10] == 'T')
        return type_error(e, cx,
                          "'date' shows a date, but '" + std::string(v.str()) +
                              "' is a date and time: use | datetime for both, | time for the time, or | as_date | "
                              "date if only the day matters");
      auto d = date_of(v);
      if (!d) return not_a_date();
      Value style = arg(1);
      std::string st = style.kind == K::String ? std::string(style.str()) : "long";
      if (st == "short" || st == "medium" || st == "long" || st == "full")
        return Value::string(cx.loc.format_date(*d, st));
      // An ICU skeleton ("yMMMd", "EEEEd MMMM"): date fields only, arranged as the locale writes them.
      if (st.find_first_of("HhKkjJCmsSaAbBzZvVOXx") != std::string::npos)
        return type_error(e, cx, "date style '" + st + "' asks for a time, but a date has none: use | datetime");
      if (st.empty() || st.find_first_not_of("GyYuUrQqMLlwWdDFgEec ,./-") != std::string::npos)
        return type_error(e, cx,
                          "date style must be 'short', 'medium', 'long', 'full' or an ICU skeleton of date fields "
                          "('yMMMd', 'EEEEd MMMM'), not '" +
                              st + "'");
      std::string error;
      auto out = cx.loc.format_date_skeleton(*d, st, error);
      if (!out) return type_error(e, cx, "date: " + error);
      return Value::string(std::move(*out));
    }
    case Fn::AsDate: {
      auto d = date_of(v);
      if (!d) return not_a_date();
      Value out = Value::null();
      out.kind = K::Date;
      out.date = *d;
      return out;
    }
    case Fn::Number: {
      auto n = number_of(v);
      if (!n) return wrong("a number");
      Value dec = arg(1);
      int decimals = dec.kind == K::Number ? static_cast<int>(dec.n) : 2;
      return Value::string(cx.loc.format_number(*n, std::clamp(decimals, 0, 10)));
    }
    case Fn::Plural: {
      auto n = number_of(v);
      if (!n) return wrong("a number");
      return Value::string(cx.loc.plural_category(*n));
    }
    case Fn::Length:
      if (v.kind == K::String) return Value::number(static_cast<double>(code_points(v.str())));
      if (v.kind == K::Array || v.kind == K::Object) return Value::number(static_cast<double>(v.size()));
      return wrong("a list or text");
    case Fn::Join: {
      if (v.kind != K::Array) return wrong("a list");
      Value sepv = arg(1);
      std::string sep = sepv.kind == K::String ? std::string(sepv.str()) : ", ";
      std::string out;
      for (size_t i = 0; i < v.size(); ++i) {
        Value item = v.item(i);
        if (item.kind == K::Array || item.kind == K::Object) return wrong("a list of texts or numbers");
        if (i) out += sep;
        append_scalar(item, out);
        if (out.size() > cx.max_string) return too_long(e, cx);
      }
      return Value::string(std::move(out));
    }
    case Fn::First:
    case Fn::Last:
      if (v.kind == K::Array) {
        if (v.size() == 0) return Value::undefined(&e);
        return v.item(e.fn == Fn::First ? 0 : v.size() - 1);
      }
      return wrong("a list");
    default:
      return calc_filter(e, v, cx);
  }
}

Value call(const Expr& e, EvalContext& cx) {
  if (e.fn != Fn::T && e.fn != Fn::Field) return calc_call(e, cx);
  Value first = eval(*e.args[0], cx);
  if (!usable(first, *e.args[0], cx)) return Value::error();
  if (first.kind != K::String)
    return type_error(e, cx, e.name + "() needs text, not " + std::string(kind_name(first.kind)));
  std::string_view id = first.str();
  if (e.fn == Fn::Field) {
    char kind = id == "page" ? 'p' : id == "pages" ? 'n' : id == "part-pages" ? 'q' : id == "section" ? 's' : 0;
    if (!kind) return type_error(e, cx, "field() takes 'page', 'pages', 'part-pages' or 'section'");
    return Value::string(std::string(kFieldMark) + kind);
  }
  if (!cx.loc.has_message(id)) {
    cx.error(e.pos, "template.unknown-message", "no message '" + std::string(id) + "' in the English catalogue",
             "write its English inside <t id=\"" + std::string(id) +
                 "\">...</t> and run `quire locales extract`, or check the id for typos");
    return Value::string(std::string(id));
  }
  i18n::Args args;
  args.reserve(e.arg_names.size());
  for (size_t i = 0; i < e.arg_names.size(); ++i) {
    const Expr& ae = *e.args[i + 1];
    Value v = eval(ae, cx);
    if (!usable(v, ae, cx)) return Value::error();
    switch (v.kind) {
      case K::Number:
        args.emplace_back(e.arg_names[i], v.n);
        break;
      case K::Date:
        args.emplace_back(e.arg_names[i], v.date);
        break;
      case K::String:
        if (v.j && has_bidi_control(v.str())) {  // balanced, so it cannot escape the argument's isolate
          std::string balanced;
          append_isolated(v.str(), balanced);
          args.emplace_back(e.arg_names[i], std::move(balanced));
        } else {
          args.emplace_back(e.arg_names[i], std::string(v.str()));
        }
        break;
      case K::Bool:
      case K::Null: {
        std::string s;
        append_scalar(v, s);
        args.emplace_back(e.arg_names[i], std::move(s));
        break;
      }
      default:
        return type_error(ae, cx, "message argument '" + e.arg_names[i] + "' cannot be " + kind_name(v.kind));
    }
  }
  const std::size_t fallbacks = cx.loc.fallbacks().size();
  Diagnostics formatted;
  std::string text = cx.loc.message(id, args, formatted, cx.in_text);
  for (auto d : formatted.items()) {  // the catalogue cannot know where t() was called: say it
    if (d.pos.file.empty()) d.pos = cx.sources.source_pos(e.pos);
    cx.diags.add(std::move(d));
  }
  // English shown in a right-to-left document is a left-to-right island (LRI ... PDI):
  // otherwise its full stop lands on the wrong side ("why you live there." read as ".why...").
  if (cx.loc.fallbacks().size() > fallbacks && cx.loc.info().direction == model::Direction::Rtl)
    text = "\u2066" + text + "\u2069";
  if (!cx.highlight_message.empty() && id == cx.highlight_message)
    text = std::string(kFieldMark) + "h" + text + std::string(kFieldMark) + "H";
  return Value::string(std::move(text));
}

}  // namespace

Value eval(const Expr& e, EvalContext& cx) {
  switch (e.op) {
    case Op::Literal:
      if (e.literal.kind == K::String) {  // borrow, don't copy, the literal's text
        Value v = Value::string({});
        v.sref = &e.literal.s;
        return v;
      }
      return e.literal;
    case Op::Local:
      return cx.frame[static_cast<size_t>(e.slot)];
    case Op::Root: {
      if (!cx.data.is_object()) return Value::undefined(&e);
      auto it = cx.data.find(e.name);
      return it == cx.data.end() ? Value::undefined(&e) : Value::from_json(*it);
    }
    case Op::Member:
      return member(eval(*e.args[0], cx), e.literal.s, e);
    case Op::Index: {
      Value obj = eval(*e.args[0], cx);
      return index(obj, eval(*e.args[1], cx), e, cx);
    }
    case Op::Not: {
      Value v = eval(*e.args[0], cx);
      return v.kind == K::Error ? v : Value::boolean(!v.truthy());
    }
    case Op::And:
    case Op::Or: {
      Value l = eval(*e.args[0], cx);
      if (l.kind == K::Error) return l;
      if (l.truthy() == (e.op == Op::Or)) return Value::boolean(l.truthy());
      Value r = eval(*e.args[1], cx);
      return r.kind == K::Error ? r : Value::boolean(r.truthy());
    }
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return compare(e, cx);
    case Op::Concat: {
      std::string out;
      bool ok = eval_text(*e.args[0], cx, out);
      ok = eval_text(*e.args[1], cx, out) && ok;
      return ok ? Value::string(std::move(out)) : Value::error();
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Neg:
      return arithmetic(e, cx);
    case Op::Filter:
      return apply_filter(e, cx);
    case Op::Call:
      return call(e, cx);
    case Op::List: {
      std::vector<Value> items;
      items.reserve(e.args.size());
      for (const auto& a : e.args) items.push_back(eval(*a, cx));
      return Value::array(std::move(items));
    }
  }
  return Value::error();
}

bool eval_text(const Expr& e, EvalContext& cx, std::string& out) {
  return value_text(eval(e, cx), e, cx, out);
}

bool value_text(const Value& v, const Expr& e, EvalContext& cx, std::string& out) {
  // Strings grow only here and in join: check before appending, so that no doubling
  // <let> or loop can ask for more memory than the limits allow.
  if (v.kind == K::String) {
    const size_t n = v.str().size();
    if (out.size() + n > cx.max_string || n > cx.text_budget) {
      too_long(e, cx);
      return false;
    }
    cx.text_budget -= n;
  }
  switch (v.kind) {
    case K::Undefined:
      cx.undefined(v, e.pos);
      return false;
    case K::Error:
      return false;
    case K::Date:
      out += cx.loc.format_date(v.date, "long");
      return true;
    case K::Array:
    case K::Object:
    case K::Loop:
      type_error(e, cx, std::string("cannot show ") + kind_name(v.kind) + " as text");
      return false;
    default:
      if (v.kind == K::String && v.j && has_bidi_control(v.str())) {
        append_isolated(v.str(), out);
        return true;
      }
      append_scalar(v, out);
      return true;
  }
}

}  // namespace quire::tmpl
