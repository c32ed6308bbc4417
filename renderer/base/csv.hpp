// Reading the small CSV files kept as data (a locale's glossary.csv, jargon.csv): one
// record at a time, as spreadsheets write them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::csv {

/// The record starting at `at` in `text` (RFC 4180: quoted fields may hold commas, doubled
/// quotes and line breaks) into `fields`; `at` moves past it and `line` counts the line
/// breaks read. False at the end of the text.
bool next_record(std::string_view text, std::size_t& at, int& line, std::vector<std::string>& fields);

/// `s` without white space at either end.
std::string trim(std::string s);

}  // namespace quire::csv
