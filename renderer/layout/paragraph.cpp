// Inlines -> text spans -> set lines -> line pieces with positioned glyph runs.
#include <algorithm>
#include <cmath>
#include <memory>

#include "layout/context.hpp"
#include "text/font.hpp"
#include "text/linebreak.hpp"
#include "text/unicode.hpp"

namespace quire::layout::detail {
namespace {

text::Direction to_text(model::Direction d) {
  return d == model::Direction::Rtl   ? text::Direction::Rtl
         : d == model::Direction::Ltr ? text::Direction::Ltr
                                      : text::Direction::Auto;
}

// What layout needs to know about each span, beyond what the text stage does.
struct SpanInfo {
  model::Color color;
  int tag = -1;
  std::string link;
  float rise = 0;  // superscript footnote markers
};

struct Note {
  std::uint32_t span = 0;
  Piece body;
};

// A run's style: the paragraph's, the container's forced bold, the run's own, and its
// character style from the style sheet.
text::TextStyle style_of(const model::StyleSheet& sheet, const ParaStyle& base, const Box& box,
                         const model::RunStyle& rs) {
  text::TextStyle s;
  s.size = base.size;
  s.bold = base.bold || box.bold || rs.strong;
  s.italic = base.italic || rs.emphasis;
  s.small_caps = rs.small_caps;
  if (!rs.style.empty())
    if (auto it = sheet.characters.find(rs.style); it != sheet.characters.end()) {
      s.size = static_cast<float>(s.size * (it->second.size > 0 ? it->second.size : 1.0));
      s.bold = s.bold || it->second.bold;
      s.italic = s.italic || it->second.italic;
    }
  return s;
}

// The colour of a run: forced by the container, the run's own, its character style's,
// the link colour, else the paragraph's.
model::Color color_of(const model::StyleSheet& sheet, const Box& box, const model::RunStyle& rs, bool link,
                      const model::Color& base) {
  if (box.color) return *box.color;
  if (rs.color) return *rs.color;
  if (!rs.style.empty())
    if (auto it = sheet.characters.find(rs.style); it != sheet.characters.end() && !it->second.color.empty())
      return sheet.color(it->second.color);
  return link ? sheet.color("link") : base;
}

// The text of the cluster starting at `cluster`, up to the next cluster of the piece.
std::string cluster_text(const text::Itemized& items, const text::LineRun& piece,
                         const std::vector<std::uint32_t>& starts, std::uint32_t cluster) {
  // A hyphen added at a line break is a soft hyphen in the text (ISO 32000-1 14.8.2.2.3),
  // so copy-paste and search give back the unbroken word.
  if (cluster == text::kInsertedHyphen) return "\u00AD";
  auto next = std::upper_bound(starts.begin(), starts.end(), cluster);
  std::uint32_t end = next == starts.end() ? piece.end : *next;
  if (end == cluster + 1 && cluster < items.text.size() && items.text[cluster] < 0x80)
    return std::string(1, static_cast<char>(items.text[cluster]));  // most clusters: one ASCII letter
  return text::slice_utf8(items, cluster, end);
}

// True for the glyph of a cluster that is only directional controls (the isolates around
// an interpolated value, LRM, embeddings): HarfBuzz gives them an empty glyph, which the
// page does not need and whose text (U+2068...) does not belong in the PDF's text layer.
bool bidi_control_only(const text::Itemized& items, const text::LineRun& piece,
                       const std::vector<std::uint32_t>& starts, const text::ShapedGlyph& sg) {
  if (sg.cluster == text::kInsertedHyphen || sg.x_advance != 0 || sg.cluster >= items.text.size()) return false;
  auto next = std::upper_bound(starts.begin(), starts.end(), sg.cluster);
  const std::uint32_t end = next == starts.end() ? piece.end : *next;
  if (end <= sg.cluster) return false;
  for (std::uint32_t k = sg.cluster; k < end; ++k)
    if (!text::is_bidi_control(items.text[k])) return false;
  return true;
}

// True for a piece that is only directional controls (an isolate's PDI in a run of its own,
// where the levels change): it draws nothing, so it sets no line's height.
bool controls_only(const text::Itemized& items, const text::LineRun& piece) {
  for (std::uint32_t k = piece.start; k < piece.end && k < items.text.size(); ++k)
    if (!text::is_bidi_control(items.text[k])) return false;
  return piece.end > piece.start;
}

GlyphRun glyph_run(const text::SetParagraph& set, const text::LineRun& piece, const SpanInfo& info, float x,
                   float baseline, float space_extra) {
  GlyphRun g;
  g.face = piece.face;
  g.size = piece.size;
  g.x = x;
  g.y = baseline - info.rise;
  g.rtl = piece.rtl;
  g.lang = set.items.langs[piece.span];
  g.color = info.color;
  const float scale = piece.size / static_cast<float>(piece.face->upem);
  std::vector<std::uint32_t> starts;
  starts.reserve(piece.glyphs.size());
  for (const auto& sg : piece.glyphs)
    if (sg.cluster != text::kInsertedHyphen) starts.push_back(sg.cluster);
  // HarfBuzz gives a left-to-right piece's clusters ascending and a right-to-left one's
  // descending: sorting is rarely needed.
  if (!std::is_sorted(starts.begin(), starts.end())) {
    if (std::is_sorted(starts.rbegin(), starts.rend()))
      std::reverse(starts.begin(), starts.end());
    else
      std::sort(starts.begin(), starts.end());
  }
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  g.glyphs.reserve(piece.glyphs.size());
  g.clusters.reserve(starts.size() + 1);
  std::uint32_t last_cluster = 0;
  for (size_t i = 0; i < piece.glyphs.size(); ++i) {
    const auto& sg = piece.glyphs[i];
    if (bidi_control_only(set.items, piece, starts, sg)) continue;
    const std::uint32_t previous_cluster = last_cluster;
    last_cluster = sg.cluster;
    Glyph out;
    out.id = sg.id;
    out.x_advance = static_cast<float>(sg.x_advance) * scale;
    out.x_offset = static_cast<float>(sg.x_offset) * scale;
    out.y_offset = static_cast<float>(sg.y_offset) * scale;
    bool space = sg.cluster != text::kInsertedHyphen && set.items.text[sg.cluster] == u' ';
    if (space) out.x_advance += space_extra;
    g.glyphs.push_back(out);
    if (g.clusters.empty() || sg.cluster != previous_cluster) {
      g.clusters.push_back(
          {static_cast<std::uint32_t>(g.glyphs.size() - 1), 1, cluster_text(set.items, piece, starts, sg.cluster)});
    } else {
      ++g.clusters.back().glyph_count;
    }
  }
  return g;
}

int count_spaces(const text::SetParagraph& set, const text::LineRun& piece) {
  int n = 0;
  for (const auto& g : piece.glyphs)
    if (g.cluster != text::kInsertedHyphen && set.items.text[g.cluster] == u' ') ++n;
  return n;
}

int count_spaces(const text::SetParagraph& set, const text::Line& line) {
  int n = 0;
  for (const auto& piece : line.runs) n += count_spaces(set, piece);
  return n;
}

}  // namespace

bool is_rtl(const std::vector<model::Inline>& content, model::Direction dir, const Box& box, const std::string& lang) {
  if (dir != model::Direction::Auto) return dir == model::Direction::Rtl;
  std::string_view tag = lang;
  if (tag.empty() || tag == box.lang) {
    // Inherited: text whose every run names one language is in that language (a heading
    // in the English column of a bilingual edition). Mixed runs keep the paragraph's.
    std::string_view common;
    bool one = false;
    for (const auto& in : content)
      if (const auto* t = std::get_if<model::TextRun>(&in)) {
        if (t->lang.empty() || (one && t->lang != common)) {
          one = false;
          common = {};
          break;
        }
        common = t->lang;
        one = true;
      }
    if (one) tag = common;
  }
  if (tag.empty()) tag = box.lang;
  auto d = text::language_direction(tag);
  if (d != text::Direction::Auto) return d == text::Direction::Rtl;
  return box.dir == model::Direction::Rtl;
}

SetText set_inlines(Context& ctx, const std::vector<model::Inline>& content, const ParaStyle& style,
                    const std::string& lang, model::Direction dir, const Box& box, int node) {
  text::ParagraphInput in;
  in.lang = lang;
  in.dir = to_text(dir);
  if (dir == model::Direction::Auto)
    in.dir = is_rtl(content, dir, box, lang) ? text::Direction::Rtl : text::Direction::Ltr;
  in.fallback = box.dir == model::Direction::Rtl ? text::Direction::Rtl : text::Direction::Ltr;
  if (!ctx.unscaled(lang)) in.script_scale = ctx.script_scale();
  std::vector<SpanInfo> infos;
  std::vector<Note> notes;
  std::vector<std::pair<std::uint32_t, std::string>> page_marks;  // span -> internal mark id
  const model::Color base_color = box.color ? *box.color : style.color;

  auto add = [&](std::string text, const text::TextStyle& ts, SpanInfo info, std::string span_lang = {},
                 model::Direction span_dir = model::Direction::Auto) {
    text::Span span;
    span.text = std::move(text);
    span.style = ts;
    span.lang = std::move(span_lang);
    span.dir = to_text(span_dir);
    span.user = static_cast<int>(infos.size());
    in.spans.push_back(std::move(span));
    infos.push_back(std::move(info));
  };
  // A Link (or a Span with its own language) node under the paragraph, in reading order.
  auto child_tag = [&](const std::string& link, const std::string& run_lang) {
    bool own_lang = !run_lang.empty() && run_lang != lang;
    if (!link.empty()) return ctx.node(Role::Link, node, own_lang ? run_lang : std::string());
    if (own_lang) return ctx.node(Role::Span, node, run_lang);
    return node;
  };

  for (const auto& inl : content) {
    if (const auto* run = std::get_if<model::TextRun>(&inl)) {
      SpanInfo info;
      info.color = color_of(ctx.doc.styles, box, run->style, !run->link.empty(), base_color);
      info.tag = child_tag(run->link, run->lang);
      info.link = run->link;
      add(run->text, style_of(ctx.doc.styles, style, box, run->style), std::move(info), run->lang, run->dir);
    } else if (std::holds_alternative<model::LineBreak>(inl)) {
      add("\u2028", style_of(ctx.doc.styles, style, box, {}), SpanInfo{base_color, node, {}, 0});
    } else if (const auto* f = std::get_if<model::Field>(&inl)) {
      std::string value = ctx.field(*f);
      if ((f->kind == model::FieldKind::PageNumber || f->kind == model::FieldKind::PartPageCount) &&
          ctx.fields.page == 0 && !ctx.artifact) {
        std::string key;
        value = ctx.body_page_field(key, f->kind);
        page_marks.emplace_back(static_cast<std::uint32_t>(in.spans.size()), std::move(key));
      }
      add(std::move(value), style_of(ctx.doc.styles, style, box, f->style), SpanInfo{base_color, node, {}, 0});
    } else if (const auto* ref = std::get_if<model::CrossRef>(&inl)) {
      // A cross-reference is also a link to its target.
      std::string target = ctx.pre.numbering->targets.count(ref->target) ? "#" + ref->target : std::string();
      SpanInfo info{color_of(ctx.doc.styles, box, ref->style, !target.empty(), base_color), child_tag(target, {}),
                    target, 0};
      add(ctx.resolve(*ref), style_of(ctx.doc.styles, style, box, ref->style), std::move(info));
    } else if (const auto* fn = std::get_if<model::Footnote>(&inl)) {
      auto ts = style_of(ctx.doc.styles, style, box, {});
      ts.size = style.size * 0.65f;
      add(fn->number, ts, SpanInfo{base_color, node, {}, style.size * 0.35f});
      // The body: numbered like its marker, at the Small size, under a Note node.
      int note = ctx.node(Role::Note, node);
      Box nb = box;
      nb.parent = note;
      nb.small = true;
      if (ctx.page_width > 0) nb.width = ctx.page_width;  // bodies span the page, wherever their marker is
      nb.align.reset();
      nb.color.reset();
      nb.bold = false;
      // The number goes in front of the first paragraph: a copy of that paragraph only, the
      // other blocks are laid out from the model itself (images keep pointing at model bytes).
      model::TextRun label{fn->number + " ", {}, {}, model::Direction::Auto, {}};
      std::vector<Piece> pieces;
      std::span<const model::Block> rest(fn->body);
      std::vector<model::Block> first;
      if (!rest.empty() && std::holds_alternative<model::Paragraph>(rest.front().value)) {
        first.push_back(rest.front());
        auto& p = std::get<model::Paragraph>(first.front().value);
        p.content.insert(p.content.begin(), label);
        rest = rest.subspan(1);
      } else {
        model::Paragraph p;
        p.content.emplace_back(std::in_place_type<model::TextRun>, label);
        first.push_back(model::Block{std::move(p)});
      }
      lay_out_blocks(ctx, first, nb, pieces);
      lay_out_blocks(ctx, rest, nb, pieces);
      if (!pieces.empty()) pieces.back().space_after = 0;
      notes.push_back({static_cast<std::uint32_t>(in.spans.size() - 1), stack(std::move(pieces))});
    }
  }
  if (in.spans.empty()) add("", style_of(ctx.doc.styles, style, box, {}), SpanInfo{base_color, node, {}, 0});

  text::BreakOptions options;
  options.width = std::max(1.f, box.width - style.indent_start - style.indent_end);
  options.hyphenators = ctx.doc.typography.hyphenate && style.hyphenate ? ctx.hyph : nullptr;
  options.stop = ctx.stop;
  options.whole_words = &ctx.whole_words();
  std::shared_ptr<const text::SetParagraph> kept =
      ctx.paragraphs ? ctx.paragraphs->set(in, ctx.fonts, options)
                     : std::make_shared<const text::SetParagraph>(text::set_paragraph(in, ctx.fonts, options));
  const text::SetParagraph& set = *kept;
  if (set.emergency_breaks > 0) {
    std::string snippet;
    for (const auto& s : in.spans) snippet += s.text;
    if (snippet.size() > 40) {  // cut at a character boundary: never half a UTF-8 sequence
      std::size_t cut = 40;
      while (cut > 0 && (static_cast<unsigned char>(snippet[cut]) & 0xC0) == 0x80) --cut;
      snippet = snippet.substr(0, cut) + "...";
    }
    ctx.warn("layout.word-too-wide",
             "a word is wider than the line and was broken between characters: \"" + snippet + "\"", snippet);
  }

  SetText out;
  out.rtl = set.rtl();
  const float avail = options.width;
  const float left = out.rtl ? style.indent_end : style.indent_start;
  const text::Face& reference = ctx.fonts.face(0);
  const float ref_ratio =
      static_cast<float>(reference.ascender - reference.descender) / static_cast<float>(reference.upem);
  model::Align align = style.align;
  if (box.align && align == model::Align::Start) align = *box.align;

  const float tallest = static_cast<float>(std::max(1.0, ctx.doc.styles.tallest_line));
  for (const auto& line : set.lines) {
    // Line box: the tallest run decides; faces taller than the reference (Naskh, Nastaliq)
    // get taller lines, up to the style sheet's limit; a line held to the limit takes the
    // cut from the face's ascent and descent in proportion (its deep descenders stay in).
    float asc = 0, desc = 0;
    auto grow = [&](const text::Face& f, float size, float rise) {
      float a = static_cast<float>(f.ascender) / static_cast<float>(f.upem) * size;
      float d = -static_cast<float>(f.descender) / static_cast<float>(f.upem) * size;
      float natural = a + d;
      const float ratio = (natural / size) / ref_ratio;
      float lh = size * style.line_height * std::clamp(ratio, 1.f, tallest);
      if (ratio <= tallest) {
        float half = (lh - natural) / 2;
        asc = std::max(asc, a + half + rise);
        desc = std::max(desc, d + half);
      } else {
        asc = std::max(asc, a * lh / natural + rise);
        desc = std::max(desc, d * lh / natural);
      }
    };
    if (line.runs.empty()) grow(reference, style.size, 0);
    for (const auto& piece : line.runs)
      if (!controls_only(set.items, piece)) grow(*piece.face, piece.size, infos[static_cast<size_t>(piece.user)].rise);
    const float height = asc + desc;

    float extra = 0, width = line.width;
    if (align == model::Align::Justify && !line.range.last && width < avail) {
      int spaces = count_spaces(set, line);
      if (spaces > 0) {
        extra = (avail - width) / static_cast<float>(spaces);
        width = avail;
      }
    }
    float x0 = 0;
    switch (align) {
      case model::Align::Start:
      case model::Align::Justify:
        x0 = out.rtl ? avail - width : 0;
        break;
      case model::Align::End:
        x0 = out.rtl ? 0 : avail - width;
        break;
      case model::Align::Center:
        x0 = (avail - width) / 2;
        break;
    }

    Piece p;
    p.height = height;
    p.baseline = asc;
    if (ctx.measure_only) {  // the line's height is all pagination needs
      out.lines.push_back(std::move(p));
      continue;
    }
    // Glyph runs in visual order; neighbours that look the same and are neighbours in
    // logical order too are merged (fewer, longer runs for the PDF writer).
    struct Visual {
      GlyphRun run;
      const SpanInfo* info;
      std::uint32_t logical;  // reading position of its first piece
      std::uint32_t last;     // logical order of the piece merged last
      float width;
    };
    std::vector<Visual> visual;
    visual.reserve(line.runs.size());
    float x = left + x0;
    for (const auto& piece : line.runs) {
      const SpanInfo& info = infos[static_cast<size_t>(piece.user)];
      GlyphRun g = glyph_run(set, piece, info, x, asc, extra);
      if (g.glyphs.empty() && !piece.glyphs.empty()) continue;  // only directional controls
      float w = 0;
      for (const auto& gl : g.glyphs) w += gl.x_advance;
      x += w;
      if (!visual.empty()) {
        auto& prev = visual.back();
        bool adjacent = piece.rtl ? prev.last == piece.logical_order + 1 : prev.last + 1 == piece.logical_order;
        if (adjacent && prev.run.face == g.face && prev.run.size == g.size && prev.run.rtl == g.rtl &&
            prev.run.y == g.y && prev.run.color == g.color && prev.run.lang == g.lang && prev.info->tag == info.tag &&
            prev.info->link == info.link) {
          auto base = static_cast<std::uint32_t>(prev.run.glyphs.size());
          prev.run.glyphs.insert(prev.run.glyphs.end(), g.glyphs.begin(), g.glyphs.end());
          for (auto& c : g.clusters) {
            c.first_glyph += base;
            prev.run.clusters.push_back(std::move(c));
          }
          prev.width += w;
          prev.logical = std::min(prev.logical, piece.logical_order);
          prev.last = piece.logical_order;
          continue;
        }
      }
      visual.push_back({std::move(g), &info, piece.logical_order, piece.logical_order, w});
    }
    std::sort(visual.begin(), visual.end(), [](const Visual& a, const Visual& b) { return a.logical < b.logical; });
    for (auto& v : visual) {
      const SpanInfo& info = *v.info;
      float rx = v.run.x;
      p.items.push_back(make_item(std::move(v.run), info.tag, 0, height, false));
      if (!info.link.empty()) {
        p.items.push_back(make_item(LinkBox{rx, 0, v.width, height, info.link}, info.tag, 0, height, false));
        // Links are underlined, so they do not rely on colour alone.
        p.items.push_back(
            make_item(Rect{rx, asc + 1.5f, v.width, 0.6f, info.color, std::nullopt, 0}, -1, 0, height, false));
      }
    }
    out.lines.push_back(std::move(p));
  }
  // Footnote bodies (and page-number marks) go with the line holding their span.
  auto line_of = [&](std::uint32_t span) {
    std::uint32_t at = set.items.span_start[span];
    for (size_t l = 0; l < set.lines.size(); ++l)
      if (at < set.lines[l].range.end || (l + 1 < set.lines.size() && at < set.lines[l + 1].range.start)) return l;
    return set.lines.size() - 1;
  };
  for (auto& note : notes) out.lines[line_of(note.span)].footnotes.push_back(std::move(note.body));
  for (auto& [span, key] : page_marks)
    out.lines[line_of(span)].marks.push_back({Mark::Kind::Start, std::move(key), 0, {}, 0});
  return out;
}

Piece text_line(Context& ctx, const std::string& text, float size, bool bold, const Box& box, int tag,
                model::Align align, const model::Color& color, std::optional<bool> rtl) {
  ParaStyle style;
  style.size = size;
  style.bold = bold;
  style.line_height = 1.2f;
  style.space_after = 0;
  style.hyphenate = false;
  style.align = align;
  style.color = color;
  Box b = box;
  b.bold = false;
  b.align.reset();
  model::Direction dir = rtl ? (*rtl ? model::Direction::Rtl : model::Direction::Ltr) : model::Direction::Auto;
  std::vector<model::Inline> content{model::TextRun{text, {}, {}, model::Direction::Auto, {}}};
  auto set = set_inlines(ctx, content, style, box.lang, dir, b, tag);
  return stack(std::move(set.lines));
}

}  // namespace quire::layout::detail
