#include "text/dump.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>

#include "text/font.hpp"

namespace quire::text {
namespace {

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

// The text of the cluster starting at `cluster` in a piece: up to the next cluster value.
std::string cluster_text(const Itemized& items, const LineRun& piece, std::uint32_t cluster) {
  if (cluster == kInsertedHyphen) return "-";
  std::uint32_t next = piece.end;
  for (const auto& g : piece.glyphs)
    if (g.cluster != kInsertedHyphen && g.cluster > cluster) next = std::min(next, g.cluster);
  return slice_utf8(items, cluster, next);
}

}  // namespace

std::string dump(const SetParagraph& set) {
  const auto& items = set.items;
  std::string out;
  char buf[160];
  out += "text: " + quoted(slice_utf8(items, 0, static_cast<std::uint32_t>(items.text.size()))) + "\n";
  out += std::string("direction: ") + (items.rtl() ? "rtl" : "ltr") + "\n";
  out += "scripts:";
  std::vector<std::string> seen;
  for (const auto& r : items.runs) {
    std::string tag = script_tag(r.script);
    if (std::find(seen.begin(), seen.end(), tag) == seen.end()) seen.push_back(tag);
  }
  for (const auto& s : seen) out += " " + s;
  out += "\nruns:\n";
  for (size_t i = 0; i < items.runs.size(); ++i) {
    const auto& r = items.runs[i];
    std::snprintf(buf, sizeof buf, "  %zu [%u,%u) %s level=%u %s %s lang=%s ", i, r.start, r.end,
                  r.rtl() ? "rtl" : "ltr", r.level, script_tag(r.script), r.face->postscript_name.c_str(),
                  items.langs[r.span].c_str());
    out += buf + quoted(slice_utf8(items, r.start, r.end)) + "\n";
  }
  for (size_t l = 0; l < set.lines.size(); ++l) {
    const auto& line = set.lines[l];
    std::snprintf(buf, sizeof buf, "line %zu [%u,%u) width=%.1f%s%s%s\n", l, line.range.start, line.range.end,
                  line.width, line.range.hyphen ? " hyphen" : "", line.range.last ? " last" : "",
                  line.range.emergency ? " emergency" : "");
    out += buf;
    for (const auto& piece : line.runs) {
      std::snprintf(buf, sizeof buf, "  run %u %s %s size=%g [%u,%u) ", piece.run, piece.face->postscript_name.c_str(),
                    piece.rtl ? "rtl" : "ltr", piece.size, piece.start, piece.end);
      out += buf + quoted(slice_utf8(items, piece.start, piece.end)) + "\n";
      std::uint32_t prev = std::numeric_limits<std::uint32_t>::max() - 1;
      for (const auto& g : piece.glyphs) {
        std::snprintf(buf, sizeof buf, "    gid=%u adv=%d off=%d,%d cluster=%u", g.id, g.x_advance, g.x_offset,
                      g.y_offset, g.cluster == kInsertedHyphen ? 0xFFFFFFFFu : g.cluster);
        out += buf;
        if (g.cluster != prev) out += " " + quoted(cluster_text(items, piece, g.cluster));
        out += "\n";
        prev = g.cluster;
      }
    }
  }
  return out;
}

std::string dump(const ParagraphInput& para, const FontLibrary& fonts, float width, const Hyphenators* hyphenators) {
  BreakOptions options;
  options.width = width > 0 ? width : std::numeric_limits<float>::max() / 4;
  options.hyphenators = hyphenators;
  return dump(set_paragraph(para, fonts, options));
}

}  // namespace quire::text
