// Every alternative of BlockVariant reaches model::dump with its own line: a block type
// that the dump forgot would be missing or look like another one.
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "model/document.hpp"

using namespace quire::model;

namespace {

template <size_t... I>
std::vector<Block> one_of_each(std::index_sequence<I...>) {
  return {Block{BlockVariant(std::in_place_index<I>)}...};
}

}  // namespace

TEST_CASE("each of the block types dumps as a distinct line") {
  constexpr size_t kinds = std::variant_size_v<BlockVariant>;
  CHECK(kinds == 12);
  Document doc;
  doc.sections.emplace_back();
  doc.sections.back().blocks = one_of_each(std::make_index_sequence<kinds>{});
  const std::string text = dump(doc);
  INFO(text);
  // block lines are the section's children: indented by four spaces
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("    ", 0) == 0 && line[4] != ' ') lines.push_back(line.substr(4));
  REQUIRE(lines.size() == kinds);
  std::set<std::string> words;
  for (const auto& line : lines) words.insert(line.substr(0, line.find(' ')));
  CHECK(words.size() == kinds);
}
