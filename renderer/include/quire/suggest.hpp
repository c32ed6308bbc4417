// "Did you mean ...?": the known name closest to a misspelt one, for diagnostics' hints.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire {

/// Edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count 1; ASCII letters compare without case), or `limit` + 1
/// once it is certain to be more than `limit`. Bounded: names longer than 128 bytes are
/// never close to anything.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate most likely meant by `wanted`, or "" when none is close: at most 1 edit for
/// names up to 4 characters, 2 up to 8, 3 beyond, and never for a one-character name.
/// The first of equally close candidates wins; `wanted` itself is never suggested.
std::string closest_name(std::string_view wanted, const std::vector<std::string>& candidates);

}  // namespace quire
