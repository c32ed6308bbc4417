// Shared helpers for the template tests: in-memory template folders, a small
// English and Arabic catalogue (inline XLIFF), and one-call rendering.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "model/document.hpp"
#include "support/test_world.hpp"
#include "support/xliff.hpp"
#include "template/template.hpp"

namespace quire::testing {

/// English and Arabic catalogues with a few messages, and Localisers for them.
struct Locales {
  i18n::Catalogue english, arabic;
  std::unique_ptr<i18n::Localiser> en, ar;
  Locales();
};

/// The outcome of loading (and, if that worked, rendering) one template.
struct Rendered {
  bool loaded = false;
  model::Document doc;
  Diagnostics diags;
  [[nodiscard]] std::string dump() const { return model::dump(doc); }
  /// "file:line:col: error[code]: message" lines, one per diagnostic.
  [[nodiscard]] std::string errors() const;
  [[nodiscard]] bool has(std::string_view code) const;
};

/// Puts `files` (name -> contents, e.g. "template.xml", "partials/x.xml") in folder
/// `dir` of `world`, then loads and renders it with `data` (JSON text).
Rendered render_files(TestWorld& world, const std::string& dir, const std::map<std::string, std::string>& files,
                      const std::string& data, i18n::Localiser& loc, tmpl::Limits limits = {});

/// The same for a lone template.xml whose <document> wraps `body`.
Rendered render_body(const std::string& body, const std::string& data, i18n::Localiser& loc);

/// Renders `{{ expr }}` alone in a paragraph and returns its plain text. Diagnostics go to
/// `diags` when given; otherwise there must be none.
std::string value_of(const std::string& expr, const std::string& data, i18n::Localiser& loc,
                     Diagnostics* diags = nullptr);

/// `text` without bidi isolate controls (U+2066-U+2069): the words a test compares, where
/// the isolates around values are not what it is about (bidi_test.cpp checks those).
std::string without_isolates(std::string text);

/// Reads tests/unit/template/cases/NAME.txt.
std::string expected_case(const std::string& name);

}  // namespace quire::testing
