// "Did you mean": only close names are suggested, and the work is bounded.
#include "quire/suggest.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace quire;

TEST_CASE("edit distance counts a swap of neighbours as one edit and ignores ASCII case") {
  CHECK(edit_distance("frist_name", "first_name", 3) == 1);
  CHECK(edit_distance("First_Name", "first_name", 3) == 0);
  CHECK(edit_distance("stong", "strong", 3) == 1);
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("", "abc", 5) == 3);
}

TEST_CASE("edit distance stops at its limit and refuses very long names") {
  CHECK(edit_distance("abcdefgh", "zyxwvuts", 2) == 3);  // limit + 1: certainly more than 2
  CHECK(edit_distance("a", "abcdefgh", 2) == 3);         // the lengths alone say so
  const std::string longer(200, 'a');
  CHECK(edit_distance(longer, longer, 2) == 3);
}

TEST_CASE("the closest name is suggested only when it is close for its length") {
  const std::vector<std::string> filters{"upper", "lower", "date", "default", "join", "length"};
  CHECK(closest_name("uper", filters) == "upper");
  CHECK(closest_name("defualt", filters) == "default");
  CHECK(closest_name("lenght", filters) == "length");
  CHECK(closest_name("capitalise", filters).empty());  // nothing near
  CHECK(closest_name("x", filters).empty());           // one letter is close to everything
  CHECK(closest_name("upper", filters).empty());       // never the name itself
  CHECK(closest_name("dat", filters) == "date");       // the first of the closest
}
