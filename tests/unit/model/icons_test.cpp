// The built-in icons: every name gives a drawing of visible paths on the 24-unit grid.
#include <doctest/doctest.h>

#include <algorithm>

#include "model/path.hpp"

using namespace quire;

TEST_CASE("every built-in icon is a non-empty drawing inside its 24 x 24 box, in the given colour") {
  const model::Color c{0x11, 0x22, 0x33};
  const auto& names = model::icon_names();
  CHECK(names.size() >= 19);
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (const char* wanted : {"home", "school", "health", "speech", "family", "people", "culture", "advocate", "book",
                             "star", "phone", "calendar", "money", "work", "pin", "heart", "lock", "question", "email"})
    CHECK_MESSAGE(std::find(names.begin(), names.end(), wanted) != names.end(), wanted);
  for (const auto& name : names) {
    INFO(name);
    auto d = model::icon_drawing(name, c);
    REQUIRE(d);
    CHECK(d->width == 24);
    REQUIRE_FALSE(d->paths.empty());
    for (const auto& p : d->paths) {
      CHECK(p.ops.size() >= 2);
      CHECK((p.fill || p.stroke));
      if (p.fill) CHECK(*p.fill == c);
      if (p.stroke) CHECK(*p.stroke == c);
      for (const auto& op : p.ops)
        if (op.kind != model::PathOp::Kind::Close) {
          CHECK(op.x1 >= 0);
          CHECK(op.x1 <= 24);
          CHECK(op.y1 >= 0);
          CHECK(op.y1 <= 24);
        }
    }
  }
  CHECK_FALSE(model::icon_drawing("unicorn", c));
}
