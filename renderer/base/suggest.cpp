// "Did you mean ...?" (see quire/suggest.hpp).
#include "quire/suggest.hpp"

#include <algorithm>

namespace quire {

namespace {

constexpr std::size_t kMaxName = 128;          // longer names are never close to anything
constexpr std::size_t kMaxCandidates = 10000;  // a bound on the work one hint may do

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::size_t allowed_edits(std::size_t length) {
  if (length <= 1) return 0;
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t over = limit + 1;
  if (a.size() > kMaxName || b.size() > kMaxName) return over;
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return over;
  // Optimal string alignment: three rows of the Levenshtein table, plus swaps ("frist").
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  std::size_t prev_best = 0;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      std::size_t d = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        d = std::min(d, before[j - 2] + 1);
      row[j] = d;
      best = std::min(best, d);
    }
    // Every path through these two rows already costs too much (a swap reaches back two rows).
    if (best > limit && prev_best > limit) return over;
    prev_best = best;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[b.size()], over);
}

std::string closest_name(std::string_view wanted, const std::vector<std::string>& candidates) {
  const std::size_t limit = allowed_edits(wanted.size());
  if (limit == 0) return {};
  std::string best;
  std::size_t best_d = limit + 1;
  std::size_t seen = 0;
  for (const auto& c : candidates) {
    if (++seen > kMaxCandidates) break;
    if (c == wanted || c.empty()) continue;
    const std::size_t d = edit_distance(wanted, c, best_d - 1);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace quire
