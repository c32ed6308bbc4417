// Package properties (docProps/core.xml, app.xml, custom.xml), word/settings.xml,
// word/fontTable.xml and the footnotes part's separator notes.
#include <algorithm>

#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  if (text.empty()) return;
  parent.append_child(name).text().set(clean_text(text).c_str());
}

}  // namespace

std::string core_xml(const Context& ctx, const std::string& created) {
  const model::Metadata& m = ctx.doc.meta;
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("cp:coreProperties");
  root.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
  root.append_attribute("xmlns:dcmitype") = "http://purl.org/dc/dcmitype/";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  text_child(root, "dc:title", m.title);
  text_child(root, "dc:subject", m.subject);
  text_child(root, "dc:creator", m.author);
  std::string keywords;
  for (const auto& k : m.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
  text_child(root, "cp:keywords", keywords);
  text_child(root, "cp:lastModifiedBy", m.author);
  text_child(root, "cp:revision", "1");
  for (const char* name : {"dcterms:created", "dcterms:modified"}) {
    pugi::xml_node d = root.append_child(name);
    d.append_attribute("xsi:type") = "dcterms:W3CDTF";
    d.text().set(created.c_str());
  }
  text_child(root, "cp:category", m.classification);
  text_child(root, "dc:language", ctx.lang);
  return serialize(doc);
}

std::string app_xml(const Context&) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Properties");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
  root.append_attribute("xmlns:vt") = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
  text_child(root, "Application", "quire");
  text_child(root, "DocSecurity", "0");
  text_child(root, "ScaleCrop", "false");
  text_child(root, "LinksUpToDate", "false");
  text_child(root, "SharedDoc", "false");
  text_child(root, "HyperlinksChanged", "false");
  return serialize(doc);
}

std::string custom_xml(const Context& ctx) {
  if (ctx.doc.meta.custom.empty()) return {};
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Properties");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
  root.append_attribute("xmlns:vt") = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
  int pid = 2;  // 0 and 1 are reserved
  for (const auto& [name, value] : ctx.doc.meta.custom) {
    pugi::xml_node p = root.append_child("property");
    p.append_attribute("fmtid") = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
    p.append_attribute("pid") = pid++;
    p.append_attribute("name") = clean_text(name).c_str();
    p.append_child("vt:lpwstr").text().set(clean_text(value).c_str());
  }
  return serialize(doc);
}

std::string settings_xml(const Context& ctx, bool has_footnotes, bool embed_fonts) {
  pugi::xml_document doc;
  pugi::xml_node root = new_word_root(doc, "w:settings");
  // CT_Settings is a sequence too: zoom, embedTrueTypeFonts, saveSubsetFonts, defaultTabStop,
  // autoHyphenation, characterSpacingControl, footnotePr, compat, themeFontLang,
  // decimalSymbol, listSeparator.
  root.append_child("w:zoom").append_attribute("w:percent") = 100;
  if (embed_fonts) {
    // Word keeps the embedded fonts when the file is saved again, as subsets.
    root.append_child("w:embedTrueTypeFonts");
    root.append_child("w:saveSubsetFonts");
  }
  add_val(root, "w:defaultTabStop", "720");
  if (ctx.doc.typography.hyphenate) {
    root.append_child("w:autoHyphenation");
    add_val(root, "w:consecutiveHyphenLimit", "2");  // as the PDF: at most two hyphens in a row
  }
  add_val(root, "w:characterSpacingControl", "doNotCompress");
  if (has_footnotes) {
    pugi::xml_node fp = root.append_child("w:footnotePr");
    fp.append_child("w:footnote").append_attribute("w:id") = -1;
    fp.append_child("w:footnote").append_attribute("w:id") = 0;
  }
  pugi::xml_node compat = root.append_child("w:compat");
  auto setting = [&](const char* name, const char* val) {
    pugi::xml_node c = compat.append_child("w:compatSetting");
    c.append_attribute("w:name") = name;
    c.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
    c.append_attribute("w:val") = val;
  };
  setting("compatibilityMode", "15");
  setting("overrideTableStyleFontSizeAndJustification", "1");
  setting("enableOpenTypeFeatures", "1");
  setting("doNotFlipMirrorIndents", "1");
  // No w:updateFields: Word would ask the user on opening. Fields carry cached results.
  const Script s = script_of_language(ctx.lang);
  pugi::xml_node tfl = root.append_child("w:themeFontLang");
  tfl.append_attribute("w:val") = s == Script::Latin ? ctx.lang.c_str() : "en-GB";
  if (s == Script::Han) tfl.append_attribute("w:eastAsia") = ctx.lang.c_str();
  if (s != Script::Latin && s != Script::Han) tfl.append_attribute("w:bidi") = ctx.lang.c_str();
  add_val(root, "w:decimalSymbol", ".");
  add_val(root, "w:listSeparator", ",");
  return serialize(doc);
}

std::string font_table_xml(const FontEmbeds& embeds) {
  pugi::xml_document doc;
  pugi::xml_node root = new_word_root(doc, "w:fonts");
  struct F {
    std::string name;
    const char* family;
  };
  std::vector<F> fonts = {{"Noto Sans", "swiss"},          {"WenQuanYi Micro Hei", "swiss"},
                          {"Noto Naskh Arabic", "roman"},  {"Noto Nastaliq Urdu", "roman"},
                          {"Noto Sans Ethiopic", "swiss"}, {"Noto Sans Bengali", "swiss"},
                          {"Noto Sans Hebrew", "swiss"}};
  for (const auto& [name, files] : embeds)
    if (std::none_of(fonts.begin(), fonts.end(), [&](const F& f) { return f.name == name; }))
      fonts.push_back({name, "auto"});
  for (const F& f : fonts) {
    pugi::xml_node n = root.append_child("w:font");
    n.append_attribute("w:name") = f.name.c_str();
    add_val(n, "w:family", f.family);
    add_val(n, "w:pitch", "variable");
    // CT_Font: ..., pitch, sig, embedRegular, embedBold, embedItalic, embedBoldItalic.
    if (auto it = embeds.find(f.name); it != embeds.end())
      for (const FontEmbed& e : it->second) {
        pugi::xml_node em = n.append_child(e.element);
        em.append_attribute("r:id") = e.rel_id.c_str();
        em.append_attribute("w:fontKey") = e.key.c_str();
        em.append_attribute("w:subsetted") = "1";
      }
  }
  return serialize(doc);
}

void init_footnotes(Context& ctx) {
  ctx.footnotes_root = new_word_root(ctx.footnotes, "w:footnotes");
  for (int id : {-1, 0}) {
    pugi::xml_node fn = ctx.footnotes_root.append_child("w:footnote");
    fn.append_attribute("w:type") = id < 0 ? "separator" : "continuationSeparator";
    fn.append_attribute("w:id") = id;
    pugi::xml_node p = fn.append_child("w:p");
    pugi::xml_node sp = prop(ppr(p), Props::PPr, "w:spacing");
    sp.append_attribute("w:after") = 0;
    sp.append_attribute("w:line") = 240;
    sp.append_attribute("w:lineRule") = "auto";
    p.append_child("w:r").append_child(id < 0 ? "w:separator" : "w:continuationSeparator");
  }
}

}  // namespace quire::docx
