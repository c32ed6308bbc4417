// The state of a loaded template, shared by the compiler (compile.cpp) and the
// renderer (render.cpp). Immutable after load, so threads may render it at once.
#pragma once

#include <memory>
#include <string>

#include "template/nodes.hpp"
#include "template/template.hpp"

namespace quire::tmpl {

struct Compiled {
  std::string name;  // folder name
  std::string dir;
  Limits limits;
  Sources sources;
  Node root;           // El::Document
  int frame_size = 0;  // slots needed by <let> and <for>
  int copy_slot = -1;  // the slot of `copy` (which copy is being rendered), bound over the whole document
  std::unique_ptr<data::Schema> schema;
  nlohmann::json schema_json;        // schema.json as written (null without one): the fields it names, for hints
  std::vector<MessageUse> messages;  // catalogue messages used, in document order
};

/// Reads `dir`/template.xml (and its includes, images, schema.json) into `out`.
/// Returns false if anything was wrong; every problem is in `diags`.
bool compile_template(const World& world, const std::string& dir, const Limits& limits, Diagnostics& diags,
                      Compiled& out);

model::Document render_template(const Compiled& t, const nlohmann::json& data, i18n::Localiser& loc, Diagnostics& diags,
                                const model::Theme* theme = nullptr, std::string_view highlight_message = {});

}  // namespace quire::tmpl
