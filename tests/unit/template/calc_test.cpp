// The template language's arithmetic: numbers, dates, times in a zone, and lists.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace quire;
using testing::render_body;
using testing::value_of;

namespace {

// The error a lone expression gives: its code and message.
std::string error_of(const std::string& expr, const std::string& data, i18n::Localiser& loc) {
  Diagnostics d;
  value_of(expr, data, loc, &d);
  REQUIRE_FALSE(d.items().empty());
  return d.items().front().code + ": " + d.items().front().message;
}

const char* kData = R"({
  "child": {"date_of_birth": "2010-12-07"},
  "review": {"date": "2026-12-06", "at": "2026-12-06T16:00", "summer": "2026-07-01T10:30", "utc": "2026-07-01T09:30Z"},
  "rows": [{"name": "Zoë", "n": 3, "status": "done"}, {"name": "Amani", "n": 4.5, "status": "open"},
           {"name": "Émile", "n": 1, "status": "done"}, {"name": "Bilal", "status": "open"}],
  "text": "7", "leap": "2012-02-29"
})";

}  // namespace

TEST_CASE("numbers add, subtract, multiply and divide with the usual precedence; filters bind tighter") {
  testing::Locales l;
  CHECK(value_of("1 + 2 * 3", kData, *l.en) == "7");
  CHECK(value_of("(1 + 2) * 3", kData, *l.en) == "9");
  CHECK(value_of("10 - 4 - 3", kData, *l.en) == "3");
  CHECK(value_of("-3 + 10", kData, *l.en) == "7");
  CHECK(value_of("7 / 2", kData, *l.en) == "3.5");
  CHECK(value_of("rows[-1].name", kData, *l.en) == "Bilal");  // a negative index still works
  CHECK(value_of("(rows | sum('n')) / (rows | count) | round(2)", kData, *l.en) == "2.125");
  CHECK(error_of("1 / 0", kData, *l.en).find("division by zero") != std::string::npos);
  CHECK(error_of("text + 1", kData, *l.en).find("works on numbers, not text") != std::string::npos);
  CHECK(error_of("review.date + 1", kData, *l.en).find("add_days") != std::string::npos);
}

TEST_CASE("age_at counts whole years, across a birthday and on 29 February") {
  testing::Locales l;
  CHECK(value_of("age_at(child.date_of_birth, '2026-12-06')", kData, *l.en) == "15");
  CHECK(value_of("age_at(child.date_of_birth, '2026-12-07')", kData, *l.en) == "16");
  CHECK(value_of("age_at(leap, '2013-02-28')", kData, *l.en) == "0");
  CHECK(value_of("age_at(leap, '2013-03-01')", kData, *l.en) == "1");
  CHECK(value_of("age_at(leap, '2016-02-29')", kData, *l.en) == "4");
  CHECK(error_of("age_at('2026-01-01', '2025-01-01')", kData, *l.en).find("before the date of birth") !=
        std::string::npos);
  CHECK(error_of("age_at('yesterday', review.date)", kData, *l.en).find("must be a date") != std::string::npos);
}

TEST_CASE("add_days and days_between are calendar arithmetic; add_working_days skips weekends and bank holidays") {
  testing::Locales l;
  CHECK(value_of("add_days('2026-02-27', 2) | date('short')", kData, *l.en) == "01/03/2026");
  CHECK(value_of("add_days('2024-03-01', -1) | date('short')", kData, *l.en) == "29/02/2024");
  CHECK(value_of("days_between('2026-01-01', '2026-12-25')", kData, *l.en) == "358");
  // 24 Dec 2026 is a Thursday; 25 Dec and 28 Dec (Boxing Day, substitute) are bank holidays.
  CHECK(value_of("add_working_days('2026-12-23', 3) | date('short')", kData, *l.en) == "30/12/2026");
  // Good Friday 3 April and Easter Monday 6 April 2026.
  CHECK(value_of("add_working_days('2026-04-02', 1) | date('short')", kData, *l.en) == "07/04/2026");
  CHECK(value_of("add_working_days('2026-04-07', -1) | date('short')", kData, *l.en) == "02/04/2026");
  CHECK(error_of("add_working_days('2030-12-20', 10)", kData, *l.en).find("2031") != std::string::npos);
  CHECK(error_of("add_days(review.date, 1.5)", kData, *l.en).find("whole number") != std::string::npos);
}

TEST_CASE("a time is shown as written, in Europe/London, or in another zone; a date-time is never cut to a date") {
  testing::Locales l;
  CHECK(value_of("review.at | time", kData, *l.en) == "16:00");
  CHECK(value_of("review.summer | time", kData, *l.en) == "10:30");
  CHECK(value_of("review.utc | time", kData, *l.en) == "10:30");  // 09:30 UTC is 10:30 British Summer Time
  CHECK(value_of("review.at | time('short', 'Asia/Kabul')", kData, *l.en) == "20:30");
  CHECK(value_of("review.at | datetime", kData, *l.en) == "6 December 2026 at 16:00");
  CHECK(value_of("review.at | time", kData, *l.ar).find("٤:٠٠") != std::string::npos);
  CHECK(value_of("review.date | date('EEEEd MMMM')", kData, *l.en) == "Sunday, 6 December");
  CHECK(error_of("review.at | date", kData, *l.en).find("is a date and time") != std::string::npos);
  CHECK(error_of("review.date | date('Hm')", kData, *l.en).find("asks for a time") != std::string::npos);
  CHECK(error_of("review.at | time('short', 'Mars/Olympus')", kData, *l.en).find("not a time zone") !=
        std::string::npos);
  Diagnostics d;
  value_of("'2026-12-06T25:00' | time", kData, *l.en, &d);
  CHECK(d.has_errors());
}

TEST_CASE("lists sum, count, min, max, sort by a key in the locale's order, group and filter") {
  testing::Locales l;
  CHECK(value_of("rows | sum('n')", kData, *l.en) == "8.5");  // Bilal's missing n adds nothing
  CHECK(value_of("rows | count", kData, *l.en) == "4");
  CHECK(value_of("rows | count('status', 'done')", kData, *l.en) == "2");
  CHECK(value_of("rows | max('n')", kData, *l.en) == "4.5");
  CHECK(value_of("rows | min('name')", kData, *l.en) == "Amani");
  auto r = render_body("<for each=\"r in rows | sort_by('name')\"><p>{{ r.name }}</p></for>", kData, *l.en);
  REQUIRE(r.diags.empty());
  std::string order;
  for (const auto& b : r.doc.sections[0].blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) order += model::plain_text(p->content) + " ";
  CHECK(order == "Amani Bilal Émile Zoë ");  // É sorts with E, not after Z
  auto g = render_body(
      "<for each=\"g in rows | group_by('status')\"><p>{{ g.key }} {{ g.items | count }}</p></for>"
      "<for each=\"r in rows | filter('status', 'open') | sort_by('name', 'desc')\"><p>{{ r.name }}</p></for>",
      kData, *l.en);
  REQUIRE_MESSAGE(g.diags.empty(), g.errors());
  std::string groups;
  for (const auto& b : g.doc.sections[0].blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value))
      groups += testing::without_isolates(model::plain_text(p->content)) + "|";
  CHECK(groups == "done 2|open 2|Bilal|Amani|");
  CHECK(error_of("rows | sort_by('name', 'sideways')", kData, *l.en).find("'asc' or 'desc'") != std::string::npos);
}

TEST_CASE("nobreak keeps a phone number on one line: its spaces become no-break spaces") {
  testing::Locales l;
  CHECK(value_of("'01632 960 412' | nobreak", kData, *l.en) == "01632\u00A0960\u00A0412");
  CHECK(error_of("rows | nobreak", kData, *l.en).find("needs text") != std::string::npos);
}
