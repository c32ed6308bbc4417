// Block content: paragraphs, headings, lists, page breaks, the contents field and
// keep-together groups. Tables, charts, columns and pictures are in their own files.
#include <algorithm>

#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "model/visit.hpp"

namespace quire::docx {
namespace {

// Direction and alignment go together: Start/End are relative to the direction.
void direction_and_align(pugi::xml_node p, bool rtl, model::Align align) {
  if (rtl) prop(ppr(p), Props::PPr, "w:bidi");
  if (const char* jc = jc_value(align, rtl)) prop_val(ppr(p), Props::PPr, "w:jc", jc);
}

void drop_empty_ppr(pugi::xml_node p) {
  pugi::xml_node pr = p.child("w:pPr");
  if (pr && !pr.first_child()) p.remove_child(pr);
}

void write_heading(Context& ctx, pugi::xml_node parent, const model::Heading& h, const BlockEnv& env) {
  const int level = std::clamp(h.level, 1, 6);
  pugi::xml_node p = parent.append_child("w:p");
  pugi::xml_node pr = ppr(p);
  prop_val(pr, Props::PPr, "w:pStyle", "Heading" + std::to_string(level));
  const bool rtl = resolve_rtl(h.content, model::Direction::Auto, {}, env);
  direction_and_align(p, rtl, model::Align::Start);
  if (!h.in_contents) prop_val(pr, Props::PPr, "w:outlineLvl", "9");  // body text: not in the contents
  auto bm = ctx.block_bookmarks.find(&h);
  RunEnv runs = env.runs;
  runs.lang = env.lang;
  runs.para_rtl = rtl;
  if (!h.number.empty())  // the model's number, as the PDF prints it (in the document's digits)
    write_text(ctx, p, h.number + " ", {}, env.lang, rtl, runs);
  write_inlines(ctx, p, h.content, runs);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, p, bm->second);
}

void write_list(Context& ctx, pugi::xml_node parent, const model::List& list, const BlockEnv& env, int level) {
  level = std::min(level, 8);
  const int num_id = ctx.add_num(list.ordered ? kAbstractDecimal : kAbstractBullet, level, list.start);
  BlockEnv inner = env;
  inner.list_level = level;
  for (const auto& item : list.items) {
    const NumRef ref{num_id, level};
    bool numbered = false;
    for (size_t i = 0; i < item.blocks.size(); ++i) {
      const auto& value = item.blocks[i].value;
      if (i == 0)
        if (const auto* p = std::get_if<model::Paragraph>(&value)) {
          write_paragraph(ctx, parent, *p, inner, &ref);
          numbered = true;
          continue;
        }
      if (!numbered) {  // the item opens with something else: give the number a line of its own
        write_paragraph(ctx, parent, model::Paragraph{}, inner, &ref);
        numbered = true;
      }
      if (const auto* sub = std::get_if<model::List>(&value))
        write_list(ctx, parent, *sub, env, level + 1);
      else
        write_blocks(ctx, parent, std::span(&item.blocks[i], 1), inner);
    }
    if (!numbered) write_paragraph(ctx, parent, model::Paragraph{}, inner, &ref);
  }
}

void write_contents(Context& ctx, pugi::xml_node parent, const model::Contents& c, const BlockEnv& env) {
  const int max_level = std::clamp(c.max_level, 1, 9);
  if (!c.title.empty()) write_plain_paragraph(ctx, parent, "TOCHeading", c.title, env);
  std::vector<const TocEntry*> entries;
  for (const auto& e : ctx.toc)
    if (e.level <= max_level) entries.push_back(&e);
  const std::string instr = " TOC \\o \"1-" + std::to_string(max_level) + "\" \\h \\z \\u ";
  RunEnv runs = env.runs;
  runs.lang = env.lang;
  if (entries.empty()) {
    pugi::xml_node p = parent.append_child("w:p");
    runs.para_rtl = env.rtl;
    write_field(ctx, p, instr, "", {}, runs);
    return;
  }
  // The cached result lists the headings as links, without page numbers: Word fills
  // them in when the user updates the field (no w:updateFields, which would prompt).
  for (size_t i = 0; i < entries.size(); ++i) {
    const TocEntry& e = *entries[i];
    pugi::xml_node p = parent.append_child("w:p");
    prop_val(ppr(p), Props::PPr, "w:pStyle", "TOC" + std::to_string(std::min(e.level, 9)));
    runs.para_rtl = resolve_rtl({model::TextRun{e.text, {}, {}, {}, {}}}, model::Direction::Auto, {}, env);
    direction_and_align(p, runs.para_rtl, model::Align::Start);
    if (i == 0) {
      // begin + instruction + separate, then the first entry as the field's result
      pugi::xml_document scratch;
      pugi::xml_node tmp = scratch.append_child("w:p");
      write_field(ctx, tmp, instr, "", {}, runs);
      for (pugi::xml_node r = tmp.first_child(); r; r = r.next_sibling()) {
        if (r.child("w:fldChar") && std::string_view(r.child("w:fldChar").attribute("w:fldCharType").value()) == "end")
          break;
        p.append_copy(r);
      }
    }
    pugi::xml_node link = p.append_child("w:hyperlink");
    link.append_attribute("w:anchor") = e.bookmark.c_str();
    link.append_attribute("w:history") = "1";
    write_bidi_text(ctx, link, e.text, {}, env.lang, runs);
    if (i + 1 == entries.size()) {
      pugi::xml_node r = p.append_child("w:r");
      r.append_child("w:fldChar").append_attribute("w:fldCharType") = "end";
    }
  }
}

// Keep a group on one page: every paragraph keeps its lines together and all but the
// last keep with the next one.
void write_keep_together(Context& ctx, pugi::xml_node parent, const model::KeepTogether& k, const BlockEnv& env) {
  pugi::xml_node before = parent.last_child();
  write_blocks(ctx, parent, k.blocks, env);
  std::vector<pugi::xml_node> paras;
  for (pugi::xml_node n = before ? before.next_sibling() : parent.first_child(); n; n = n.next_sibling()) {
    if (std::string_view(n.name()) == "w:p") {
      paras.push_back(n);
    } else {
      for (pugi::xpath_node x : n.select_nodes(".//w:p")) paras.push_back(x.node());
    }
  }
  for (size_t i = 0; i < paras.size(); ++i) {
    pugi::xml_node pr = ppr(paras[i]);
    if (i + 1 < paras.size()) prop(pr, Props::PPr, "w:keepNext");
    prop(pr, Props::PPr, "w:keepLines");
  }
}

}  // namespace

bool resolve_rtl(const std::vector<model::Inline>& content, model::Direction dir, const std::string& lang,
                 const BlockEnv& env) {
  // The language decides, not the first letter: an Arabic sentence may open with a Latin name.
  if (dir != model::Direction::Auto) return dir == model::Direction::Rtl;
  if (!lang.empty()) return is_rtl_language(lang);
  for (const auto& in : content)
    if (const auto* run = std::get_if<model::TextRun>(&in); run && !run->lang.empty())
      return is_rtl_language(run->lang);
  return env.rtl;
}

const char* jc_value(model::Align align, bool /*rtl*/) {
  switch (align) {
    case model::Align::Start:
      return nullptr;  // the default follows the paragraph direction
    case model::Align::Center:
      return "center";
    case model::Align::Justify:
      return "both";
    // In a w:bidi paragraph left/right are read logically (left = start, right = end):
    // LibreOffice rendered jc="left" in an RTL paragraph flush right, as Word does. So
    // End is "right" whatever the direction (start/end are not in Word 2007's schema).
    case model::Align::End:
      return "right";
  }
  return nullptr;
}

void ensure_ends_with_paragraph(pugi::xml_node container) {
  pugi::xml_node last = container.last_child();
  if (!last || std::string_view(last.name()) != "w:p") container.append_child("w:p");
}

namespace {

// Word has no "keep with previous": the block before keeps with the next instead. A box is a
// table followed by an empty spacing paragraph: both keep with the next, the table's last row too.
void keep_previous_with_next(pugi::xml_node before) {
  for (pugi::xml_node n = before; n; n = n.previous_sibling()) {
    const std::string_view name = n.name();
    if (name == "w:p") {
      prop(ppr(n), Props::PPr, "w:keepNext");
      if (n.child("w:r")) return;  // a paragraph with text: done; an empty spacer: go on to its box
    } else if (name == "w:tbl") {
      pugi::xml_node row = n.last_child();
      while (row && std::string_view(row.name()) != "w:tr") row = row.previous_sibling();
      if (row)
        for (pugi::xpath_node x : row.select_nodes(".//w:p")) prop(ppr(x.node()), Props::PPr, "w:keepNext");
      return;
    } else if (name != "w:bookmarkStart" && name != "w:bookmarkEnd") {
      return;
    }
  }
}

}  // namespace

pugi::xml_node write_paragraph(Context& ctx, pugi::xml_node parent, const model::Paragraph& para, const BlockEnv& env,
                               const NumRef* num) {
  if (para.keep_with_previous) keep_previous_with_next(parent.last_child());
  pugi::xml_node p = parent.append_child("w:p");
  pugi::xml_node pr = ppr(p);
  std::string style = env.para_style ? std::string(env.para_style) : style_id(model::paragraph_style_name(para));
  if (style == "Normal") style.clear();
  if (style.empty() && (num || env.list_level >= 0)) style = "ListParagraph";
  if (!style.empty()) prop_val(pr, Props::PPr, "w:pStyle", style);
  if (para.keep_with_next) prop(pr, Props::PPr, "w:keepNext");
  if (num) {
    pugi::xml_node np = prop(pr, Props::PPr, "w:numPr");
    add_val(np, "w:ilvl", std::to_string(num->level));
    add_val(np, "w:numId", std::to_string(num->num_id));
  } else if (env.list_level >= 0) {
    // a further paragraph of a list item: aligned with the item's text, no number
    prop(pr, Props::PPr, "w:ind").append_attribute("w:left") = 720 * (env.list_level + 1);
  }
  const std::string& lang = para.lang.empty() ? env.lang : para.lang;
  const bool rtl = resolve_rtl(para.content, para.dir, para.lang, env);
  model::Align align = para.align;
  if (align == model::Align::Start && env.align) align = *env.align;
  direction_and_align(p, rtl, align);

  RunEnv runs = env.runs;
  runs.lang = lang;
  runs.para_rtl = rtl;
  if (!para.number.empty()) {
    // A numbered paragraph: the model's number hanging in the start margin, then a tab.
    pugi::xml_node ind = prop(pr, Props::PPr, "w:ind");
    ind.append_attribute("w:left") = 720;
    ind.append_attribute("w:hanging") = 720;
    write_text(ctx, p, para.number + ".", {}, lang, rtl, runs);
    p.append_child("w:r").append_child("w:tab");
  }
  write_inlines(ctx, p, para.content, runs);
  auto bm = ctx.block_bookmarks.find(&para);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, p, bm->second);
  drop_empty_ppr(p);
  return p;
}

pugi::xml_node write_plain_paragraph(Context& ctx, pugi::xml_node parent, const char* style, const std::string& text,
                                     const BlockEnv& env) {
  model::Paragraph para;
  if (!text.empty()) para.content.push_back(model::TextRun{text, {}, {}, {}, {}});
  BlockEnv e = env;
  e.para_style = style;
  e.list_level = -1;
  return write_paragraph(ctx, parent, para, e);
}

namespace {

// The empty bookmark a page range ends at, on the last paragraph of what was written after
// `before` (a paragraph, or the last paragraph inside a table or box).
void end_bookmark(Context& ctx, pugi::xml_node parent, pugi::xml_node before, const std::string& name) {
  pugi::xml_node last;
  for (pugi::xml_node n = before ? before.next_sibling() : parent.first_child(); n; n = n.next_sibling()) {
    if (std::string_view(n.name()) == "w:p" && !last) last = n;
    if (std::string_view(n.name()) == "w:tbl") {
      pugi::xpath_node_set ps = n.select_nodes(".//w:p");
      if (!ps.empty()) last = ps[ps.size() - 1].node();
    }
  }
  if (!last) return;
  const int id = ctx.next_bookmark_id++;
  pugi::xml_node start = last.append_child("w:bookmarkStart");
  start.append_attribute("w:id") = id;
  start.append_attribute("w:name") = name.c_str();
  last.append_child("w:bookmarkEnd").append_attribute("w:id") = id;
}

}  // namespace

void write_blocks(Context& ctx, pugi::xml_node parent, std::span<const model::Block> blocks, const BlockEnv& env) {
  for (const auto& b : blocks) {
    if (ctx.stop.stop()) return;  // build() then returns no bytes
    const void* alternative = std::visit([](const auto& v) -> const void* { return &v; }, b.value);
    auto end = ctx.block_end_bookmarks.find(alternative);
    const pugi::xml_node before = end == ctx.block_end_bookmarks.end() ? pugi::xml_node() : parent.last_child();
    model::match(
        b.value, [&](const model::Heading& v) { write_heading(ctx, parent, v, env); },
        [&](const model::Paragraph& v) { write_paragraph(ctx, parent, v, env); },
        [&](const model::List& v) { write_list(ctx, parent, v, env, env.list_level + 1); },
        [&](const model::Table& v) { write_table(ctx, parent, v, env); },
        [&](const model::Image& v) { write_image(ctx, parent, v, env); },
        [&](const model::Chart& v) { write_chart(ctx, parent, v, env); },
        [&](const model::PageBreak&) {
          parent.append_child("w:p").append_child("w:r").append_child("w:br").append_attribute("w:type") = "page";
        },
        [&](const model::Contents& v) { write_contents(ctx, parent, v, env); },
        [&](const model::KeepTogether& v) { write_keep_together(ctx, parent, v, env); },
        [&](const model::Columns& v) { write_columns(ctx, parent, v, env); },
        [&](const model::Panel& v) { write_panel(ctx, parent, v, env); },
        [&](const model::Icon& v) { write_icon(ctx, parent, v, env); });
    if (end != ctx.block_end_bookmarks.end()) end_bookmark(ctx, parent, before, end->second);
  }
}

}  // namespace quire::docx
