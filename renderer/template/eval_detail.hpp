// Private to the template stage: what the evaluator's parts share (eval.cpp: paths,
// comparisons, text filters, t(); calc.cpp: arithmetic, dates and times, lists).
#pragma once

#include <optional>
#include <string>

#include "template/expr.hpp"

namespace quire::tmpl {

/// True if `v` can be used; otherwise reports why (once) and returns false.
bool usable(const Value& v, const Expr& at, EvalContext& cx);
/// Reports `template.limit` for a text that grew too long; returns an error value.
Value too_long(const Expr& at, EvalContext& cx);
/// Reports `template.type` at `at`; returns an error value.
Value type_error(const Expr& at, EvalContext& cx, const std::string& message);
/// Equality as templates see it (undefined equals null).
bool equal(const Value& a, const Value& b);
/// A date value, or a string "YYYY-MM-DD" (a date-time string gives its date as written).
std::optional<i18n::Date> date_of(const Value& v);
/// A number, or a string that is exactly one.
std::optional<double> number_of(const Value& v);

/// + - * / and unary minus on numbers; a non-finite result is an error.
Value arithmetic(const Expr& e, EvalContext& cx);
/// The filters of calc.cpp (time, datetime, sum, count, min, max, round, sort_by,
/// group_by, filter) applied to the input value `v` (already usable).
Value calc_filter(const Expr& e, const Value& v, EvalContext& cx);
/// The functions of calc.cpp: age_at, add_days, add_working_days, days_between.
Value calc_call(const Expr& e, EvalContext& cx);
/// The time zone a template's times are shown in unless a filter names another.
inline constexpr const char* kDefaultTimeZone = "Europe/London";

}  // namespace quire::tmpl
