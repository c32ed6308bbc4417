// Hostile templates (issue 12): whatever a template folder holds, loading and rendering
// end with a clear `template.limit` error at file:line:col, never a crash or a hang.
#include <doctest/doctest.h>

#include <string>

#include "fixture.hpp"
#include "template/expr.hpp"

using namespace quire;

namespace {

testing::Rendered load(const std::string& xml, const std::string& data = "{}", tmpl::Limits limits = {}) {
  testing::Locales l;
  testing::TestWorld world;
  return testing::render_files(world, "mem/h", {{"template.xml", xml}}, data, *l.en, limits);
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string in_p(const std::string& expr) {
  return "<document>\n<p>{{ " + expr + " }}</p>\n</document>";
}

}  // namespace

TEST_CASE("100,000 nested parentheses, brackets or nots are a limit error, not a stack overflow") {
  for (const auto& [open, close] : {std::pair{"(", ")"}, std::pair{"[", "]"}, std::pair{"not ", ""}}) {
    auto r = load(in_p(repeat(open, 100000) + "1" + repeat(close, 100000)));
    CHECK_FALSE(r.loaded);
    CHECK(r.has("template.limit"));
    CHECK(r.errors().find("mem/h/template.xml:2:") == 0);
  }
}

TEST_CASE("long chains (a.b.c..., x ~ x ~ ...) and nested calls are bounded too") {
  auto members = load(in_p("a" + repeat(".b", 100000)));
  CHECK(members.has("template.limit"));
  auto concat = load(in_p("'x'" + repeat(" ~ 'x'", 100000)));
  CHECK(concat.has("template.limit"));
  auto indexes = load(in_p(repeat("a[", 50000) + "0" + repeat("]", 50000)));
  CHECK(indexes.has("template.limit"));
  auto calls = load(in_p(repeat("t(", 50000) + "'x'" + repeat(")", 50000)));
  CHECK(calls.has("template.limit"));
}

TEST_CASE("an expression at the depth limit still parses") {
  const int n = tmpl::kMaxExprDepth - 2;
  auto r = load(in_p(repeat("(", n) + "'ok'" + repeat(")", n)));
  CHECK(r.errors() == "");
  CHECK(r.dump().find("ok") != std::string::npos);
}

TEST_CASE("20,000 nested elements are a limit error at the element that goes too deep") {
  auto r = load("<document>\n<p>" + repeat("<span>", 20000) + "x" + repeat("</span>", 20000) + "</p>\n</document>");
  CHECK_FALSE(r.loaded);
  CHECK(r.has("template.limit"));
  CHECK(r.errors().find("mem/h/template.xml:2:") == 0);
  CHECK(r.errors().find("more than 100 levels") != std::string::npos);
}

TEST_CASE("includes that fan out ten times per level stop at the node limit, quickly") {
  testing::Locales l;
  testing::TestWorld world;
  std::map<std::string, std::string> files;
  files["template.xml"] = "<document>\n<include src=\"p0.xml\"/>\n</document>";
  for (int level = 0; level < 12; ++level) {
    std::string body = "<partial>";
    for (int k = 0; k < 10; ++k) body += "<include src=\"p" + std::to_string(level + 1) + ".xml\"/>";
    files["p" + std::to_string(level) + ".xml"] = body + "</partial>";
  }
  files["p12.xml"] = "<partial><p>leaf</p></partial>";
  auto r = testing::render_files(world, "mem/fan", files, "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.has("template.limit"));
}

TEST_CASE("a <let> doubling a string forty times is a limit error, not bad_alloc") {
  std::string lets = "<let name=\"s\" value=\"'xxxxxxxx'\"/>";
  for (int i = 0; i < 40; ++i) lets += "<let name=\"s\" value=\"s ~ s\"/>";
  auto r = load("<document>\n" + lets + "<p>{{ s }}</p>\n</document>");
  CHECK(r.has("template.limit"));
  CHECK(r.errors().find("grows beyond the limit") != std::string::npos);
}

TEST_CASE("an impossible date in the data is the data's error, with its pointer") {
  auto r = load(in_p("issued | date"), R"({"issued": "2026-02-31"})");
  CHECK(r.has("data.type"));
  CHECK_FALSE(r.has("template.type"));
  bool pointed = false;
  for (const auto& d : r.diags.items())
    if (d.code == "data.type") pointed = d.pointer == "/issued" && d.origin == Origin::Data;
  CHECK(pointed);
}

TEST_CASE("directional controls in the data are isolated and balanced, so they cannot reorder the text around") {
  // RLO without its PDF, and a stray PDI that would close an isolate around the name.
  auto r = load(in_p("'Dear ' ~ name ~ ', welcome'"), "{\"name\": \"\\u202Eevil\\u2069x\"}");
  CHECK(r.errors() == "");
  const std::string want = "Dear \u2068\u202Eevilx\u202C\u2069, welcome";
  CHECK(r.dump().find(want) != std::string::npos);
  auto plain = load(in_p("name"), "{\"name\": \"Amani\"}");
  CHECK(plain.dump().find("\u2068") == std::string::npos);
}
