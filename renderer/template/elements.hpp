// The elements of the template language: their attributes, what they may contain
// and where they may appear. Control elements (<if>, <for>, <let>, <include>, <t>)
// are handled by the compiler itself and may appear anywhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "template/nodes.hpp"

namespace quire::tmpl {

/// What may appear inside an element.
enum class Cx : uint8_t {
  Document,  // sections, typography, blocks and loose inline text
  Section,   // header, footer, blocks and loose inline text
  Flow,      // blocks and inline text (loose text becomes a paragraph)
  Inline,    // inline text only
  List,      // <li>
  Table,     // <tr>
  Row,       // <td>, <th>
  Chart,     // <series>
  Columns,   // <column>
  Paras,     // <p> (headers and footers)
  Styles,    // <colour>, <paragraph-style>, <character-style>, <box-style>
  Empty,     // nothing
};

struct ElementSpec {
  std::string_view name;
  El el;
  Cx inner;
  std::vector<At> attrs;
  std::vector<At> required;
  int level = 0;
};

const ElementSpec* find_element(std::string_view name);
/// The name of every element of the table, then the control elements the compiler handles
/// itself (if, elif, else, for, let, include, t, partial).
std::vector<std::string> element_names();
/// May element `name` (or, when `inline_kind`, any inline) appear where `cx` applies?
bool allowed_in(std::string_view name, bool inline_kind, Cx cx);
bool text_allowed(Cx cx);
/// Block-level (or structural) element: whitespace next to it never shows.
bool is_block_element(std::string_view name);
/// What text directly inside element `name` is, for translators ("heading 2", "list item"),
/// or "" for elements that only wrap text (strong, span...).
std::string element_context(std::string_view name);
/// What an attribute's text is ("document title", "image alt text").
std::string attribute_context(std::string_view element, std::string_view attr);
/// "did you mean <strong>?" for common slips (<b>, <i>, <div>...) and near misspellings
/// (<stong>), else a pointer to the guide.
std::string suggestion(std::string_view name);

}  // namespace quire::tmpl
