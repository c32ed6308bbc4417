// Section properties: page size and orientation, margins, and the header and footer
// parts of each section (fields for page number, page count and section title).
#include <algorithm>

#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

struct PageTwips {
  long w = 0, h = 0;
  bool landscape = false;
};

PageTwips page_twips(const model::PageSetup& page) {
  long a = twips(page.width), b = twips(page.height);
  const bool landscape = page.orientation == model::Orientation::Landscape;
  // Word wants w > h exactly when w:orient is landscape.
  if (landscape) return {std::max(a, b), std::min(a, b), true};
  return {std::min(a, b), std::max(a, b), false};
}

bool any_paragraphs(const model::Document& doc, bool header) {
  return std::any_of(doc.sections.begin(), doc.sections.end(),
                     [&](const model::Section& s) { return !(header ? s.header : s.footer).paragraphs.empty(); });
}

// Writes headerN.xml or footerN.xml and returns its relationship id in document.xml.rels.
std::string write_header_footer(Context& ctx, const model::HeaderFooter& hf, bool header, size_t index,
                                std::vector<std::pair<std::string, std::string>>& parts) {
  const std::string kind = header ? "header" : "footer";
  const std::string file = kind + std::to_string(index + 1) + ".xml";
  pugi::xml_document doc;
  pugi::xml_node root = new_word_root(doc, header ? "w:hdr" : "w:ftr");
  Relationships rels;
  Relationships* saved = ctx.rels;
  ctx.rels = &rels;
  BlockEnv env;
  env.para_style = header ? "Header" : "Footer";
  env.rtl = ctx.doc_rtl;
  env.lang = ctx.lang;
  ctx.in_header_footer = true;
  for (const auto& p : hf.paragraphs) write_paragraph(ctx, root, p, env);
  ctx.in_header_footer = false;
  ctx.rels = saved;
  // An empty part still stops Word from carrying the previous section's header over.
  if (!root.child("w:p")) write_plain_paragraph(ctx, root, env.para_style, "", env);
  parts.emplace_back("word/" + file, serialize(doc, ctx.fragments));
  if (!rels.empty()) parts.emplace_back("word/_rels/" + file + ".rels", rels.xml());
  ctx.types.add_override("/word/" + file,
                         "application/vnd.openxmlformats-officedocument.wordprocessingml." + kind + "+xml");
  return ctx.doc_rels.add(rel_type(kind.c_str()), file);
}

}  // namespace

void add_section_targets(Context& ctx) {
  for (size_t i = 0; i < ctx.doc.sections.size(); ++i) {
    const model::Section& s = ctx.doc.sections[i];
    if (s.id.empty() || ctx.targets.count(s.id)) continue;  // the first definition wins
    const std::string n = std::to_string(i + 1);
    ctx.targets[s.id] = {"_QSect" + n, s.title, {}};
    ctx.end_bookmarks[s.id] = "_QSectEnd" + n;
  }
}

void mark_section(Context& ctx, pugi::xml_node first, pugi::xml_node last_paragraph, const model::Section& s) {
  auto it = ctx.targets.find(s.id);
  auto end = ctx.end_bookmarks.find(s.id);
  if (s.id.empty() || it == ctx.targets.end() || end == ctx.end_bookmarks.end() || !last_paragraph) return;
  pugi::xml_node p = last_paragraph;
  for (pugi::xml_node n = first; n; n = n.next_sibling()) {
    if (std::string_view(n.name()) == "w:p") {
      p = n;
      break;
    }
    if (pugi::xml_node inner = n.select_node(".//w:p").node()) {
      p = inner;
      break;
    }
  }
  // The section's bookmark runs from its first paragraph to its last; a second, empty one
  // marks the last paragraph, for PAGEREF of the section's last page.
  const int id = ctx.next_bookmark_id++;
  pugi::xml_node pr = p.child("w:pPr");
  pugi::xml_node start = pr ? p.insert_child_after("w:bookmarkStart", pr) : p.prepend_child("w:bookmarkStart");
  start.append_attribute("w:id") = id;
  start.append_attribute("w:name") = it->second.bookmark.c_str();
  const int end_id = ctx.next_bookmark_id++;
  pugi::xml_node e = last_paragraph.append_child("w:bookmarkStart");
  e.append_attribute("w:id") = end_id;
  e.append_attribute("w:name") = end->second.c_str();
  last_paragraph.append_child("w:bookmarkEnd").append_attribute("w:id") = end_id;
  last_paragraph.append_child("w:bookmarkEnd").append_attribute("w:id") = id;
}

long text_width_twips(const model::PageSetup& page) {
  const PageTwips pt = page_twips(page);
  return std::max(720L, pt.w - twips(page.margin_left) - twips(page.margin_right));
}

void write_section_properties(Context& ctx, pugi::xml_node sect, const model::Section& s, size_t index,
                              std::vector<std::pair<std::string, std::string>>& parts) {
  // Once any section has a header, every section gets its own part (maybe empty):
  // a section without one would otherwise inherit the previous section's.
  if (any_paragraphs(ctx.doc, true)) {
    pugi::xml_node ref = prop(sect, Props::SectPr, "w:headerReference");
    ref.append_attribute("w:type") = "default";
    ref.append_attribute("r:id") = write_header_footer(ctx, s.header, true, index, parts).c_str();
  }
  if (any_paragraphs(ctx.doc, false)) {
    pugi::xml_node ref = prop(sect, Props::SectPr, "w:footerReference");
    ref.append_attribute("w:type") = "default";
    ref.append_attribute("r:id") = write_header_footer(ctx, s.footer, false, index, parts).c_str();
  }
  const PageTwips pt = page_twips(s.page);
  pugi::xml_node sz = prop(sect, Props::SectPr, "w:pgSz");
  sz.append_attribute("w:w") = pt.w;
  sz.append_attribute("w:h") = pt.h;
  if (pt.landscape) sz.append_attribute("w:orient") = "landscape";
  pugi::xml_node mar = prop(sect, Props::SectPr, "w:pgMar");
  const long top = twips(s.page.margin_top), bottom = twips(s.page.margin_bottom);
  mar.append_attribute("w:top") = top;
  mar.append_attribute("w:right") = twips(s.page.margin_right);
  mar.append_attribute("w:bottom") = bottom;
  mar.append_attribute("w:left") = twips(s.page.margin_left);
  // Header and footer sit halfway into the margin.
  mar.append_attribute("w:header") = std::max(0L, top / 2);
  mar.append_attribute("w:footer") = std::max(0L, bottom / 2);
  mar.append_attribute("w:gutter") = 0;
  // Word inserts the blank page of an odd-page start itself (it cannot print a sentence
  // on it) and counts "odd" by page number, not by sheet.
  if (s.start == model::SectionStart::OddPage) prop_val(sect, Props::SectPr, "w:type", "oddPage");
  if (s.first_page_number || s.numbering == model::PageNumbering::LowerRoman) {
    pugi::xml_node num = prop(sect, Props::SectPr, "w:pgNumType");
    if (s.numbering == model::PageNumbering::LowerRoman) num.append_attribute("w:fmt") = "lowerRoman";
    if (s.first_page_number) num.append_attribute("w:start") = *s.first_page_number;
  }
  prop(sect, Props::SectPr, "w:cols").append_attribute("w:space") = 720;
  if (ctx.doc_rtl) prop(sect, Props::SectPr, "w:bidi");
}

}  // namespace quire::docx
