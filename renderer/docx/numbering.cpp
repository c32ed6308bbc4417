// word/numbering.xml: three abstract definitions (bullets, decimal lists, numbered
// headings) and one w:num per model::List, so every list counts from its own start.
#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

void level(pugi::xml_node abs, int ilvl, const char* fmt, const std::string& text, long left, long hanging,
           bool bullet_font) {
  pugi::xml_node l = abs.append_child("w:lvl");
  l.append_attribute("w:ilvl") = ilvl;
  add_val(l, "w:start", "1");
  add_val(l, "w:numFmt", fmt);
  add_val(l, "w:lvlText", text);
  add_val(l, "w:lvlJc", "left");
  pugi::xml_node ind = prop(l.append_child("w:pPr"), Props::PPr, "w:ind");
  ind.append_attribute("w:left") = left;
  ind.append_attribute("w:hanging") = hanging;
  if (bullet_font) {
    pugi::xml_node f = prop(l.append_child("w:rPr"), Props::RPr, "w:rFonts");
    for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"}) f.append_attribute(slot) = kLatinFont;
  }
}

pugi::xml_node abstract(pugi::xml_node root, int id, const char* nsid, const char* type) {
  pugi::xml_node a = root.append_child("w:abstractNum");
  a.append_attribute("w:abstractNumId") = id;
  add_val(a, "w:nsid", nsid);
  add_val(a, "w:multiLevelType", type);
  return a;
}

}  // namespace

std::string numbering_xml(const Context& ctx) {
  pugi::xml_document doc;
  pugi::xml_node root = new_word_root(doc, "w:numbering");

  // Each level hangs its label in the indent layout gives it (the style sheet's, in em of
  // the body size), nested levels adding theirs, so lines are as long as in the PDF.
  const double body = ctx.doc.typography.body_size > 0 ? ctx.doc.typography.body_size : 11;
  const long bullet = twips(ctx.doc.styles.lists.bullet_indent * body);
  const long number = twips(ctx.doc.styles.lists.number_indent * body);
  pugi::xml_node bullets = abstract(root, kAbstractBullet, "5B1E0001", "hybridMultilevel");
  for (int i = 0; i < 9; ++i) level(bullets, i, "bullet", i % 2 ? "\u2013" : "\u2022", bullet * (i + 1), bullet, true);

  pugi::xml_node decimal = abstract(root, kAbstractDecimal, "5B1E0002", "hybridMultilevel");
  static const char* const formats[3] = {"decimal", "lowerLetter", "lowerRoman"};
  for (int i = 0; i < 9; ++i)
    level(decimal, i, formats[i % 3], "%" + std::to_string(i + 1) + ".", number * (i + 1), number, false);

  // w:num after all w:abstractNum (schema order). Word continues counting across nums
  // of one abstract definition unless a num overrides its start, so each list does.
  for (size_t i = 0; i < ctx.nums.size(); ++i) {
    const NumInstance& n = ctx.nums[i];
    pugi::xml_node num = root.append_child("w:num");
    num.append_attribute("w:numId") = static_cast<int>(i + 1);
    add_val(num, "w:abstractNumId", std::to_string(n.abstract_id));
    pugi::xml_node o = num.append_child("w:lvlOverride");
    o.append_attribute("w:ilvl") = n.level;
    add_val(o, "w:startOverride", std::to_string(n.start));
  }
  return serialize(doc);
}

}  // namespace quire::docx
