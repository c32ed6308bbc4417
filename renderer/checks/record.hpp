// The plan record's shape (private to the checks stage).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checks/checks.hpp"

namespace quire::checks {

/// A date written YYYY-MM-DD that the calendar has (2026-02-30 has none); nullopt otherwise.
std::optional<std::chrono::sys_days> parse_date(const nlohmann::json& value);

/// The value at `pointer` (no escapes, array indices as numbers), or nullptr when it is
/// absent or null. Never throws.
const nlohmann::json* at_pointer(const nlohmann::json& record, const std::string& pointer);

/// Every type, date, area id and language problem of the record, as Data errors; true if none.
bool validate_record(const Rules& rules, const nlohmann::json& record, const Context& ctx, Diagnostics& diags);

}  // namespace quire::checks
