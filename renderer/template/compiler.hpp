// The template compiler: template.xml (and the partials it includes) -> a tree of
// Nodes. Every problem found is reported, with file:line:col, before giving up.
// compile.cpp holds elements, attributes and text; compile_control.cpp the control
// elements (<if>, <for>, <let>, <include>, <t>) and the catalogue of messages used.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "template/compiled.hpp"
#include "template/elements.hpp"

namespace quire::tmpl {

/// An attribute as written, with where its name and value are in the file.
struct RawAttr {
  std::string_view name;
  std::string_view value;
  Pos name_pos;
  TextMap map;
};

/// The context children are compiled in.
struct Where {
  Cx cx;
  std::string_view parent;  // for messages: "inside <p>"
  bool real;                // a content element, not <if>/<for>/a partial: its edges trim whitespace
};

class Compiler {
 public:
  Compiler(const World& world, const Limits& limits, Diagnostics& diags, Compiled& out)
      : world_(world), limits_(limits), diags_(diags), out_(out) {}
  void run();
  /// For each diagnostic added (by index), the include chain of the partial it is in
  /// ("tpl/template.xml:20:5", innermost first), or "" (shorter than the diagnostics when
  /// the last ones are in template.xml).
  [[nodiscard]] const std::vector<std::string>& chains() const { return chains_; }

 private:
  const World& world_;
  const Limits& limits_;
  Diagnostics& diags_;
  Compiled& out_;
  Scope scope_;                          // names bound by <let>/<for> here
  std::vector<std::string> includes_;    // the chain of partials being compiled
  std::vector<std::string> include_at_;  // "file:line:col" of each open <include>, outermost first
  std::vector<std::string> chains_;      // see chains()
  std::vector<std::string_view> stack_;  // enclosing content elements, for MessageUse::context
  int depth_ = 0;                        // children() nesting, bounded by limits_.max_nesting
  long nodes_ = 0;                       // nodes compiled, bounded by limits_.max_template_nodes
  long bytes_ = 0;                       // source bytes loaded, bounded by limits_.max_template_bytes
  bool over_limit_ = false;              // a size limit was reported: stop compiling

  // compile.cpp
  void error(Pos pos, const char* code, std::string message, std::string hint = {});
  Pos element_pos(pugi::xml_node n, int file) const;
  int load(const std::string& rel, Pos at, pugi::xml_document& doc);
  int push(const std::string& name);
  std::vector<RawAttr> raw_attributes(pugi::xml_node el, int file);
  std::vector<Attr> attributes(pugi::xml_node el, int file, const ElementSpec& spec);
  void unknown_attribute(const RawAttr& raw, std::string_view element, std::string known);
  std::unique_ptr<Expr> expression(const RawAttr& raw);
  bool misplaced(pugi::xml_node n, int file, Where w, bool inline_kind);
  void children(pugi::xml_node parent, int file, Where w, std::vector<Node>& out);
  void text(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void element(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void image(Node& node);
  void icon(pugi::xml_node el, int file, const Node& node);
  void chart(const Node& node);

  // compile_control.cpp
  const RawAttr* only(const std::vector<RawAttr>& raws, std::initializer_list<std::string_view> allowed,
                      std::string_view element, std::string_view wanted);
  bool need(const RawAttr* r, pugi::xml_node el, int file, const char* attr);
  pugi::xml_node if_chain(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void for_loop(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void let(pugi::xml_node n, int file, std::vector<Node>& out);
  void include(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void translate(pugi::xml_node n, int file, Where w, std::vector<Node>& out);
  void english_text(pugi::xml_node n, int file, std::string& out, int depth);
  /// Records the t('literal id') calls in `e` as message uses; `attr` names the attribute it is in.
  void collect(const Expr* e, std::string_view attr);
  void record(MessageUse use);
  std::string context(std::string_view attr) const;
};

/// True if `s` has nothing but spaces, tabs and newlines.
bool whitespace_only(std::string_view s);
/// Runs of whitespace -> one space (the edges keep one space, for the paragraph builder).
std::string collapse(std::string_view s);
/// Include paths name files inside the template folder: relative, no "..", no tricks.
bool safe_relative(std::string_view p);

}  // namespace quire::tmpl
