// A small, safe arithmetic for templates: numbers (+ - * /), dates (age_at, add_days,
// add_working_days, days_between), times (time, datetime in a named zone) and lists
// (sum, count, min, max, round, sort_by, group_by, filter). Every function is total
// (a wrong type is a template error at file:line:col, never a crash) and costs at most
// a pass over its list, or a sort.
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "template/eval_detail.hpp"

namespace quire::tmpl {
namespace {

using K = Value::Kind;

#include "template/bank_holidays.inc"

Value date_value(const i18n::Date& d) {
  Value out = Value::null();
  out.kind = K::Date;
  out.date = d;
  return out;
}

/// A date, from a date value or a "YYYY-MM-DD" string; reports what it got otherwise.
std::optional<i18n::Date> need_date(const Value& v, const Expr& at, EvalContext& cx, const std::string& what) {
  if (!usable(v, at, cx)) return std::nullopt;
  if (auto d = date_of(v)) return d;
  type_error(at, cx,
             what + " must be a date (YYYY-MM-DD), not " +
                 (v.kind == K::String ? "'" + std::string(v.str()) + "'" : std::string(kind_name(v.kind))));
  return std::nullopt;
}

std::optional<double> need_number(const Value& v, const Expr& at, EvalContext& cx, const std::string& what) {
  if (!usable(v, at, cx)) return std::nullopt;
  if (auto n = number_of(v)) return n;
  type_error(at, cx, what + " must be a number, not " + std::string(kind_name(v.kind)));
  return std::nullopt;
}

/// Whole days are what date arithmetic takes: 1.5 days is a mistake, not a rounding.
std::optional<long> need_days(const Value& v, const Expr& at, EvalContext& cx) {
  auto n = need_number(v, at, cx, "the number of days");
  if (!n) return std::nullopt;
  if (*n != std::floor(*n) || std::fabs(*n) > 36600) {
    type_error(at, cx, "the number of days must be a whole number of at most 36600");
    return std::nullopt;
  }
  return static_cast<long>(*n);
}

bool is_bank_holiday(const i18n::Date& d) {
  char iso[11];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year, d.month, d.day);
  return std::any_of(std::begin(kBankHolidaysEnglandWales), std::end(kBankHolidaysEnglandWales),
                     [&](const char* h) { return std::string_view(h) == iso; });
}

/// Monday = 0 .. Sunday = 6 (1970-01-01 was a Thursday).
int weekday(long days) {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Value add_working_days(const i18n::Date& start, long n, const Expr& e, EvalContext& cx) {
  long day = i18n::days_from_epoch(start);
  const long step = n < 0 ? -1 : 1;
  for (long left = n < 0 ? -n : n; left > 0;) {
    day += step;
    const i18n::Date d = i18n::date_from_days(day);
    if (d.year < kBankHolidayFirstYear || d.year > kBankHolidayLastYear)
      return type_error(e, cx,
                        "add_working_days knows the bank holidays of England and Wales for " +
                            std::to_string(kBankHolidayFirstYear) + "-" + std::to_string(kBankHolidayLastYear) +
                            " only, not " + std::to_string(d.year));
    if (weekday(day) < 5 && !is_bank_holiday(d)) --left;
  }
  return date_value(i18n::date_from_days(day));
}

/// Whole years from `birth` to `on` (a birthday on 29 February counts on 1 March in other years).
Value age_at(const i18n::Date& birth, const i18n::Date& on, const Expr& e, EvalContext& cx) {
  if (i18n::days_from_epoch(on) < i18n::days_from_epoch(birth))
    return type_error(e, cx, "age_at: the date is before the date of birth");
  int years = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
  return Value::number(years);
}

/// The item's value under `key` (an object's member), or the item itself when there is no key.
Value keyed(const Value& item, const Value& key) {
  if (key.kind != K::String) return item;
  if (item.kind != K::Object || !item.j) return Value::undefined(nullptr);
  auto it = item.j->find(std::string(key.str()));
  return it == item.j->end() ? Value::undefined(nullptr) : Value::from_json(*it);
}

/// Orders two values of one kind: numbers, dates, or text by the locale's collation.
std::optional<int> order(const Value& a, const Value& b, const icu::Collator* collator) {
  if (a.kind == K::Number && b.kind == K::Number) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  auto da = date_of(a), db = date_of(b);
  if (da && db) {
    long x = i18n::days_from_epoch(*da), y = i18n::days_from_epoch(*db);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.kind == K::String && b.kind == K::String) {
    if (!collator) return a.str().compare(b.str()) < 0 ? -1 : a.str() == b.str() ? 0 : 1;
    UErrorCode status = U_ZERO_ERROR;
    auto r = collator->compareUTF8(icu::StringPiece(a.str().data(), static_cast<int32_t>(a.str().size())),
                                   icu::StringPiece(b.str().data(), static_cast<int32_t>(b.str().size())), status);
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
  }
  return std::nullopt;
}

std::unique_ptr<icu::Collator> collator_for(EvalContext& cx) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale(cx.loc.info().icu_id.c_str()), status));
  return U_SUCCESS(status) ? std::move(c) : nullptr;
}

Value list_filter(const Expr& e, const Value& v, EvalContext& cx, const Value& key, const Value& second) {
  if (v.kind != K::Array)
    return type_error(e, cx, "'" + e.name + "' needs a list, not " + std::string(kind_name(v.kind)));
  if (key.kind != K::Undefined && key.kind != K::String)
    return type_error(e, cx, "'" + e.name + "': the key must be a member name in quotes");
  const size_t n = v.size();
  switch (e.fn) {
    case Fn::Sum: {
      double total = 0;
      for (size_t i = 0; i < n; ++i) {
        Value x = keyed(v.item(i), key);
        if (x.kind == K::Undefined || x.kind == K::Null) continue;  // a blank cell adds nothing
        auto num = number_of(x);
        if (!num) return type_error(e, cx, "sum: item " + std::to_string(i + 1) + " is not a number");
        total += *num;
      }
      if (!std::isfinite(total)) return type_error(e, cx, "sum: the total is too large");
      return Value::number(total);
    }
    case Fn::Count: {
      if (key.kind != K::String) return Value::number(static_cast<double>(n));
      double count = 0;
      for (size_t i = 0; i < n; ++i) {
        Value x = keyed(v.item(i), key);
        count += second.kind == K::Undefined ? x.truthy() : equal(x, second);
      }
      return Value::number(count);
    }
    case Fn::Min:
    case Fn::Max: {
      Value best = Value::undefined(&e);
      auto collator = collator_for(cx);
      for (size_t i = 0; i < n; ++i) {
        Value x = keyed(v.item(i), key);
        if (x.kind == K::Undefined || x.kind == K::Null) continue;
        if (best.kind == K::Undefined) {
          best = x;
          continue;
        }
        auto c = order(x, best, collator.get());
        if (!c) return type_error(e, cx, e.name + ": the items cannot be compared (numbers, dates or texts)");
        if ((e.fn == Fn::Min && *c < 0) || (e.fn == Fn::Max && *c > 0)) best = x;
      }
      return best;  // undefined for an empty list: | default(...) decides what to show
    }
    case Fn::SortBy: {
      if (second.kind != K::Undefined &&
          (second.kind != K::String || (second.str() != "asc" && second.str() != "desc")))
        return type_error(e, cx, "sort_by: the order is 'asc' or 'desc'");
      const bool desc = second.kind == K::String && second.str() == "desc";
      std::vector<Value> items;
      items.reserve(n);
      for (size_t i = 0; i < n; ++i) items.push_back(v.item(i));
      auto collator = collator_for(cx);
      bool incomparable = false;
      std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
        Value ka = keyed(a, key), kb = keyed(b, key);
        const bool ma = ka.kind == K::Undefined || ka.kind == K::Null,
                   mb = kb.kind == K::Undefined || kb.kind == K::Null;
        if (ma || mb) return !ma && mb;  // items without the key go last
        auto c = order(ka, kb, collator.get());
        if (!c) incomparable = true;
        return c && (desc ? *c > 0 : *c < 0);
      });
      if (incomparable) return type_error(e, cx, "sort_by: the values cannot be compared (numbers, dates or texts)");
      return Value::array(std::move(items));
    }
    case Fn::Where: {
      std::vector<Value> items;
      for (size_t i = 0; i < n; ++i) {
        Value x = keyed(v.item(i), key);
        if (second.kind == K::Undefined ? x.truthy() : equal(x, second)) items.push_back(v.item(i));
      }
      return Value::array(std::move(items));
    }
    case Fn::GroupBy: {
      // [{"key": k, "items": [...]}, ...] in order of first appearance; the items are copies.
      auto groups = std::make_shared<nlohmann::json>(nlohmann::json::array());
      std::map<std::string, size_t> at;
      for (size_t i = 0; i < n; ++i) {
        Value item = v.item(i);
        Value k = keyed(item, key);
        if (k.kind == K::Array || k.kind == K::Object)
          return type_error(e, cx, "group_by: the key of item " + std::to_string(i + 1) + " is not text or a number");
        std::string text;
        if (k.kind != K::Undefined) append_scalar(k, text);
        auto [it, fresh] = at.emplace(text, groups->size());
        if (fresh) {
          nlohmann::json g = nlohmann::json::object();
          g["key"] = k.kind == K::Number ? nlohmann::json(k.n) : nlohmann::json(text);
          g["items"] = nlohmann::json::array();
          groups->push_back(std::move(g));
        }
        if (item.j)
          (*groups)[it->second]["items"].push_back(*item.j);
        else
          return type_error(e, cx, "group_by works on lists from the data");
      }
      Value out = Value::from_json(*groups);
      out.owned = groups;
      return out;
    }
    default:
      return Value::error();
  }
}

}  // namespace

Value arithmetic(const Expr& e, EvalContext& cx) {
  const char* names[] = {"+", "-", "*", "/", "-"};
  const char* name = names[static_cast<int>(e.op) - static_cast<int>(Op::Add)];
  auto operand = [&](size_t i) -> std::optional<double> {
    Value v = eval(*e.args[i], cx);
    if (!usable(v, *e.args[i], cx)) return std::nullopt;
    if (v.kind == K::Number) return v.n;
    type_error(*e.args[i], cx,
               std::string("'") + name + "' works on numbers, not " + kind_name(v.kind) +
                   (date_of(v)            ? " (for dates: add_days, add_working_days, days_between, age_at)"
                    : v.kind == K::String ? " (join texts with ~)"
                                          : ""));
    return std::nullopt;
  };
  auto a = operand(0);
  if (e.op == Op::Neg) return a ? Value::number(-*a) : Value::error();
  auto b = operand(1);
  if (!a || !b) return Value::error();
  double r = 0;
  switch (e.op) {
    case Op::Add:
      r = *a + *b;
      break;
    case Op::Sub:
      r = *a - *b;
      break;
    case Op::Mul:
      r = *a * *b;
      break;
    default:
      if (*b == 0) return type_error(e, cx, "division by zero");
      r = *a / *b;
  }
  if (!std::isfinite(r)) return type_error(e, cx, std::string("the result of '") + name + "' is too large");
  return Value::number(r);
}

Value calc_filter(const Expr& e, const Value& v, EvalContext& cx) {
  auto arg = [&](size_t i) {
    return e.args.size() > i && e.args[i] ? eval(*e.args[i], cx) : Value::undefined(nullptr);
  };
  switch (e.fn) {
    case Fn::Time:
    case Fn::DateTime: {
      const std::string_view text = v.kind == K::String ? v.str() : std::string_view();
      auto moment = i18n::parse_datetime(text);
      if (!moment) {
        if (v.kind == K::String && v.j && text.size() > 10 && text[10] == 'T') {
          cx.data_error(v.j, e.pos,
                        "'" + std::string(text) + "' is not a date and time (YYYY-MM-DDTHH:MM, a real one)");
          return Value::error();
        }
        return type_error(e, cx,
                          "'" + e.name + "' needs a date and time written YYYY-MM-DDTHH:MM (zone optional), not " +
                              (v.kind == K::String ? "'" + std::string(text) + "'" : std::string(kind_name(v.kind))));
      }
      Value style = arg(1), zone = arg(2);
      // By default the day in words and the time in hours and minutes ("6 December 2026 at 16:00").
      std::string pattern = style.kind == K::String ? std::string(style.str())
                            : e.fn == Fn::Time      ? "short"
                                                    : "yMMMMdjmm";
      std::string tz = zone.kind == K::String ? std::string(zone.str()) : kDefaultTimeZone;
      std::string error;
      auto out = cx.loc.format_moment(*moment, pattern, e.fn == Fn::DateTime, true, tz, kDefaultTimeZone, error);
      if (!out) return type_error(e, cx, e.name + ": " + error);
      return Value::string(std::move(*out));
    }
    case Fn::Round: {
      auto n = number_of(v);
      if (!n) return type_error(e, cx, "'round' needs a number, not " + std::string(kind_name(v.kind)));
      Value d = arg(1);
      const int decimals = d.kind == K::Number ? std::clamp(static_cast<int>(d.n), 0, 10) : 0;
      const double scale = std::pow(10.0, decimals);
      return Value::number(std::round(*n * scale) / scale);
    }
    default:
      return list_filter(e, v, cx, arg(1), arg(2));
  }
}

Value calc_call(const Expr& e, EvalContext& cx) {
  Value a = eval(*e.args[0], cx), b = eval(*e.args[1], cx);
  switch (e.fn) {
    case Fn::AgeAt: {
      auto birth = need_date(a, *e.args[0], cx, "age_at's date of birth");
      auto on = need_date(b, *e.args[1], cx, "age_at's second argument");
      return birth && on ? age_at(*birth, *on, e, cx) : Value::error();
    }
    case Fn::AddDays: {
      auto d = need_date(a, *e.args[0], cx, "add_days's first argument");
      auto n = need_days(b, *e.args[1], cx);
      return d && n ? date_value(i18n::date_from_days(i18n::days_from_epoch(*d) + *n)) : Value::error();
    }
    case Fn::AddWorkingDays: {
      auto d = need_date(a, *e.args[0], cx, "add_working_days's first argument");
      auto n = need_days(b, *e.args[1], cx);
      return d && n ? add_working_days(*d, *n, e, cx) : Value::error();
    }
    case Fn::DaysBetween: {
      auto from = need_date(a, *e.args[0], cx, "days_between's first argument");
      auto to = need_date(b, *e.args[1], cx, "days_between's second argument");
      return from && to ? Value::number(static_cast<double>(i18n::days_from_epoch(*to) - i18n::days_from_epoch(*from)))
                        : Value::error();
    }
    default:
      return Value::error();
  }
}

}  // namespace quire::tmpl
