// Shared helpers of the checks stage's tests: the rules from the source tree's template
// folders (templates/<name>/checks.yaml, with extends), the fixture records beside these
// tests, and finding look-ups by code and exact pointer.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checks/checks.hpp"
#include "support/test_world.hpp"

namespace quire::checks::testing {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The rules of a template folder of the source tree, extends followed.
inline std::optional<Rules> load_rules(const std::string& name, Diagnostics& diags, int depth = 0) {
  const std::string file = quire::testing::source_dir() + "/templates/" + name + "/checks.yaml";
  RulesResolver resolve = [](const std::string& base, int d, Diagnostics& ds) { return load_rules(base, ds, d); };
  return parse_rules(read_text(file), file, diags, resolve, depth);
}

inline Rules rules(const std::string& name) {
  Diagnostics diags;
  auto r = load_rules(name, diags);
  for (const auto& d : diags.items()) INFO(format_diagnostic(d));
  REQUIRE(r);
  CHECK(diags.empty());
  return *r;
}

/// A fixture record of tests/unit/checks/records/.
inline nlohmann::json record(const std::string& name) {
  return nlohmann::json::parse(read_text(std::string(QUIRE_TEST_DIR) + "/unit/checks/records/" + name));
}

inline const Jargon& english_jargon() {
  static const Jargon list = [] {
    Diagnostics diags;
    const std::string file = quire::testing::source_dir() + "/locales/en-GB/jargon.csv";
    auto j = parse_jargon(read_text(file), file, diags);
    CHECK(diags.empty());
    return j;
  }();
  return list;
}

inline std::vector<std::string> shipped_locales() {
  std::vector<std::string> tags;
  for (const auto& e : std::filesystem::directory_iterator(quire::testing::source_dir() + "/locales"))
    if (e.is_directory()) tags.push_back(e.path().filename().string());
  return tags;
}

struct Outcome {
  Diagnostics diags;
  std::vector<ReadingEase> scores;

  [[nodiscard]] int count(const std::string& code) const {
    int n = 0;
    for (const auto& d : diags.items()) n += d.code == code;
    return n;
  }
  /// The finding with `code` at exactly `pointer`, or nullptr.
  [[nodiscard]] const Diagnostic* at(const std::string& code, const std::string& pointer) const {
    for (const auto& d : diags.items())
      if (d.code == code && d.pointer == pointer) return &d;
    return nullptr;
  }
  [[nodiscard]] std::string listing() const {
    std::string out;
    for (const auto& d : diags.items()) out += format_diagnostic(d) + "\n";
    return out;
  }
};

inline Outcome run(const Rules& rules, const nlohmann::json& record) {
  Outcome out;
  Context ctx;
  ctx.data_name = "plan.json";
  ctx.shipped_locales = shipped_locales();
  ctx.jargon.push_back(&english_jargon());
  out.scores = check_record(rules, record, ctx, out.diags);
  return out;
}

}  // namespace quire::checks::testing
