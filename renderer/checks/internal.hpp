// Helpers shared by the checks stage's files (private).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "checks/checks.hpp"

namespace quire::checks {

/// The byte ranges where `term` occurs in `text` as whole words (a plural "s" allowed),
/// outside quotation marks. `lowered` is `text` in ASCII lower case (for terms without capitals).
std::vector<std::pair<std::size_t, std::size_t>> find_term(std::string_view text, std::string_view lowered,
                                                           const JargonTerm& term);

}  // namespace quire::checks
