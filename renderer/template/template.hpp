// The template engine: template (XML, see docs/TEMPLATES.md) + JSON data +
// locale -> document model. A template is parsed once and rendered many times.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data/json.hpp"
#include "i18n/locale.hpp"
#include "model/document.hpp"
#include "quire/diagnostic.hpp"
#include "quire/world.hpp"

namespace quire::tmpl {

/// Bounds that keep a template from running forever or eating memory.
struct Limits {
  long max_loop_iterations = 100000;  ///< over the whole render
  int max_include_depth = 16;
  long max_blocks = 200000;
  int max_nesting = 100;                        ///< elements inside elements (partials included)
  long max_template_nodes = 200000;             ///< compiled nodes, a partial counted each time it is included
  long max_template_bytes = 16L * 1024 * 1024;  ///< template.xml and partials, each time included
  long max_string_bytes = 16L * 1024 * 1024;    ///< any one string built while rendering (~, join, ...)
  long max_output_bytes = 64L * 1024 * 1024;    ///< all text expressions produce in one render
  int max_copies = 20;                          ///< `<copy>`s of one document (their blocks count in max_blocks)
};

/// One translatable string a template uses: `<t id="...">English</t>`. The locale
/// tools gather these into the English source catalogue (`quire locales extract`).
struct MessageUse {
  std::string id;
  std::string english;  ///< the English written inside <t>; empty if the template gives none
  std::string note;     ///< `note` attribute: context for translators
  int max_width = 0;    ///< `max-width` attribute, in characters; 0 = none
  SourcePos pos;        ///< where the <t> is
  std::string context;  ///< what it is on the page: "heading 1", "paragraph", "list item", "footer"...
};

/// A template folder's schema.json, compiled on its own.
struct LoadedSchema {
  std::unique_ptr<data::Schema> schema;  ///< nullptr when the folder has none or it is broken
  nlohmann::json json;                   ///< schema.json as written (null without a schema)
};

/// Reads and compiles `dir`/schema.json; its problems are Template diagnostics
/// (`template.schema`). Template::load does this too; a caller uses it alone to check a
/// record against the schema of a template that did not load, so that the data's problems
/// are reported with the template's, in one round.
LoadedSchema load_schema(const World& world, const std::string& dir, Diagnostics& diags);

/// A parsed template folder: `template.xml` (+ partials it includes) and `schema.json`.
class Template {
 public:
  /// Loads the template in folder `dir` through `world`. Includes may only name files
  /// inside `dir` (no absolute paths, no "..", no symlinked escapes via the World).
  /// Syntax errors are Template diagnostics with file:line:col; returns nullptr on error.
  static std::unique_ptr<Template> load(const World& world, const std::string& dir, Diagnostics& diags,
                                        Limits limits = {});
  ~Template();

  /// The folder name ("pledge").
  [[nodiscard]] const std::string& name() const;
  /// The compiled schema, or nullptr when the template has none.
  [[nodiscard]] const data::Schema* schema() const;

  /// Every <t> in the template and its partials, in document order.
  [[nodiscard]] std::vector<MessageUse> messages() const;

  /// Evaluates the template against `data` for the locale of `loc`. Runtime errors
  /// (unknown filter, wrong type) are Template diagnostics with file:line:col; messages
  /// that fell back to English are recorded by `loc`.
  /// `theme` (may be null: quire's default colours) gives the palette's primary and accent
  /// colours and the logo (`<img src="theme:logo">`); templates read it as data (`theme.*`).
  /// `highlight_message`: the id of a message to print in the "translation-preview" character
  /// style (a translator's preview of one string in its place); empty = none.
  model::Document render(const nlohmann::json& data, i18n::Localiser& loc, Diagnostics& diags,
                         const model::Theme* theme = nullptr, std::string_view highlight_message = {}) const;

 private:
  struct Impl;
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quire::tmpl
