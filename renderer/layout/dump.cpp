// layout::dump: pages and items, the structure tree, the outline and placements, as
// stable text for tests and bug reports (`quire dump --stage layout`).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/frame.hpp"
#include "text/font.hpp"

namespace quire::layout {
namespace {

const char* role_name(Role r) {
  static const char* names[] = {"Document", "Sect",   "H1",      "H2",    "H3",    "H4",    "H5",    "H6",  "P",
                                "L",        "LI",     "Lbl",     "LBody", "Table", "THead", "TBody", "TR",  "TH",
                                "TD",       "Figure", "Caption", "TOC",   "TOCI",  "Link",  "Note",  "Span"};
  auto i = static_cast<size_t>(r);
  return i < sizeof names / sizeof names[0] ? names[i] : "?";
}

std::string num(float v) {
  char buf[32];
  float r = std::round(v * 10) / 10;
  if (r == 0) r = 0;  // no "-0.0"
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(r));
  return buf;
}

std::string color(const model::Color& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// The run's text in logical order (clusters are stored in visual order).
std::string run_text(const GlyphRun& g) {
  std::string out;
  if (g.rtl)
    for (auto it = g.clusters.rbegin(); it != g.clusters.rend(); ++it) out += it->text;
  else
    for (const auto& c : g.clusters) out += c.text;
  return out;
}

void structure(const LaidOutDocument& doc, int node, int depth, std::string& out) {
  const auto& n = doc.structure[static_cast<size_t>(node)];
  out += std::string(static_cast<size_t>(depth) * 2 + 2, ' ') + std::to_string(node) + " " + role_name(n.role);
  if (!n.lang.empty()) out += " lang=" + n.lang;
  if (!n.id.empty()) out += " id=" + n.id;
  if (!n.alt.empty()) out += " alt=" + quoted(n.alt);
  out += "\n";
  for (int c : n.children) structure(doc, c, depth + 1, out);
}

}  // namespace

std::string dump(const LaidOutDocument& doc) {
  std::string out;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const auto& page = doc.pages[p];
    out += "page " + std::to_string(p + 1) + " " + num(page.width) + "x" + num(page.height);
    if (!page.label.empty()) out += " label=" + quoted(page.label);
    out += "\n";
    for (const auto& item : page.items) {
      std::string line = "  ";
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, GlyphRun>) {
              float w = 0;
              for (const auto& g : v.glyphs) w += g.x_advance;
              line += "text " + (v.face ? v.face->postscript_name : std::string("?")) + " " + num(v.size) +
                      " x=" + num(v.x) + " y=" + num(v.y) + " w=" + num(w) + (v.rtl ? " rtl" : "");
              if (!(v.color == model::Color{})) line += " color=" + color(v.color);
              line += " " + quoted(run_text(v));
            } else if constexpr (std::is_same_v<T, Rect>) {
              line += "rect x=" + num(v.x) + " y=" + num(v.y) + " w=" + num(v.width) + " h=" + num(v.height);
              if (v.fill) line += " fill=" + color(*v.fill);
              if (v.stroke) line += " stroke=" + color(*v.stroke) + "/" + num(v.stroke_width);
            } else if constexpr (std::is_same_v<T, ImageBox>) {
              line += "image x=" + num(v.x) + " y=" + num(v.y) + " w=" + num(v.width) + " h=" + num(v.height);
            } else if constexpr (std::is_same_v<T, PathItem>) {
              line += "path x=" + num(v.x) + " y=" + num(v.y) + " scale=" + num(v.scale) +
                      " ops=" + std::to_string(v.path.ops.size());
              if (v.path.fill) line += " fill=" + color(*v.path.fill);
              if (v.path.stroke) line += " stroke=" + color(*v.path.stroke) + "/" + num(v.path.stroke_width * v.scale);
            } else if constexpr (std::is_same_v<T, LinkBox>) {
              line += "link x=" + num(v.x) + " y=" + num(v.y) + " w=" + num(v.width) + " h=" + num(v.height) + " -> " +
                      quoted(v.target);
            }
          },
          item.value);
      line += " tag=" + std::to_string(item.tag) + "\n";
      out += line;
    }
  }
  if (!doc.structure.empty()) {
    out += "structure\n";
    structure(doc, 0, 0, out);
  }
  if (!doc.outline.empty()) {
    out += "outline\n";
    for (const auto& o : doc.outline)
      out += "  " + std::to_string(o.level) + " " + quoted(o.title) + " page=" + std::to_string(o.page + 1) +
             " y=" + num(o.y) + "\n";
  }
  if (!doc.placements.empty()) {
    out += "placements\n";
    for (const auto& p : doc.placements)
      out += "  " + p.id + " pages=" + std::to_string(p.first_page + 1) + "-" + std::to_string(p.last_page + 1) +
             " y=" + num(p.y) + "\n";
  }
  return out;
}

}  // namespace quire::layout
