// write_docx(): the document body section by section, then every part with its
// content type and relationship, zipped in memory.
#include "docx/docx_writer.hpp"

#include <ctime>
#include <exception>

#include "docx/fonts.hpp"
#include "docx/package.hpp"
#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

constexpr const char* kWml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

std::string w3cdtf(std::chrono::system_clock::time_point tp) {
  std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// LibreOffice loses a bookmark at the very end of a document, so the empty end bookmarks
// (a section's last page, a numbering part's) of the last paragraph move to its start: a
// last paragraph that runs over a page break then counts from its first page.
void hoist_end_bookmarks(pugi::xml_node p) {
  std::vector<std::pair<pugi::xml_node, pugi::xml_node>> pairs;  // bookmarkStart, its bookmarkEnd
  for (pugi::xml_node n = p.last_child(); n; n = n.previous_sibling()) {
    const std::string_view name = n.name();
    pugi::xml_node before = n.previous_sibling();
    if (name == "w:bookmarkEnd" && before && std::string_view(before.name()) == "w:bookmarkStart" &&
        std::string_view(before.attribute("w:id").value()) == n.attribute("w:id").value()) {
      pairs.emplace_back(before, n);
      n = before;
    } else if (name != "w:bookmarkEnd") {
      break;
    }
  }
  pugi::xml_node after = p.child("w:pPr");
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
    pugi::xml_node start = after ? p.insert_move_after(it->first, after) : p.prepend_move(it->first);
    after = p.insert_move_after(it->second, start);
  }
}

// Writes every section's blocks into w:body. A section's w:sectPr goes into its last
// paragraph (the final section's is the body's last child), as WordprocessingML wants.
void write_body(Context& ctx, pugi::xml_node body, std::vector<std::pair<std::string, std::string>>& parts) {
  static const std::vector<model::Section> one_default_section(1);
  const auto& sections = ctx.doc.sections.empty() ? one_default_section : ctx.doc.sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    const model::Section& s = sections[i];
    ctx.section = &s;
    if (i == 0 || s.first_page_number) {  // a new numbering part
      ++ctx.part;
      ctx.part_first_page = s.first_page_number.value_or(1);
      ctx.part_pages_used = false;
      ctx.part_end_bookmark = "_QPartEnd" + std::to_string(ctx.part);
    }
    ctx.text_width_twips = text_width_twips(s.page);
    BlockEnv env;
    env.rtl = ctx.doc_rtl;
    env.lang = ctx.lang;
    pugi::xml_node before = body.last_child();
    write_blocks(ctx, body, s.blocks, env);
    pugi::xml_node last = body.last_child();
    const bool last_is_free_paragraph =
        last && std::string_view(last.name()) == "w:p" && !last.child("w:pPr").child("w:sectPr");
    pugi::xml_node sect;
    if (i + 1 < sections.size()) {
      pugi::xml_node carrier = last_is_free_paragraph ? last : body.append_child("w:p");
      sect = prop(ppr(carrier), Props::PPr, "w:sectPr");
    } else {
      if (!last || std::string_view(last.name()) != "w:p") body.append_child("w:p");  // never end on a table
      sect = body.append_child("w:sectPr");
    }
    write_section_properties(ctx, sect, s, i, parts);
    pugi::xml_node carrier = i + 1 < sections.size() ? sect.parent().parent() : sect.previous_sibling();
    mark_section(ctx, before ? before.next_sibling() : body.first_child(), carrier, s);
    // The part ends with the paragraph carrying its last section's properties, on its last page.
    if (ctx.part_pages_used && (i + 1 == sections.size() || sections[i + 1].first_page_number) && carrier) {
      const int id = ctx.next_bookmark_id++;  // empty, at the paragraph's end: its last page
      pugi::xml_node start = carrier.append_child("w:bookmarkStart");
      start.append_attribute("w:id") = id;
      start.append_attribute("w:name") = ctx.part_end_bookmark.c_str();
      carrier.append_child("w:bookmarkEnd").append_attribute("w:id") = id;
    }
    if (i + 1 == sections.size() && carrier) hoist_end_bookmarks(carrier);
  }
}

std::string build(const model::Document& doc, const DocxOptions& options, Diagnostics& diags) {
  Context ctx(doc, diags);
  ctx.stop = StopPoll(options.keep_going, 4);
  ctx.fonts = options.fonts;
  ctx.lang = doc.meta.language.empty() ? "en-GB" : clean_text(doc.meta.language);
  ctx.doc_rtl = doc.meta.direction == model::Direction::Rtl ||
                (doc.meta.direction == model::Direction::Auto && is_rtl_language(ctx.lang));
  init_footnotes(ctx);
  prescan(ctx);
  add_section_targets(ctx);

  std::vector<std::pair<std::string, std::string>> hf_parts;
  pugi::xml_document main;
  pugi::xml_node root = new_word_root(main, "w:document");
  write_body(ctx, root.append_child("w:body"), hf_parts);
  if (ctx.stop.stopped()) return {};  // the caller reports the deadline or the cancellation

  Relationships font_rels;
  const FontEmbeds embeds =
      options.fonts && options.embed_fonts ? embed_fonts(ctx, *options.fonts, font_rels) : FontEmbeds{};
  const bool has_footnotes = ctx.next_footnote_id > 1;
  const bool has_numbering = !ctx.nums.empty();
  const std::string custom = custom_xml(ctx);

  ctx.types.add_default("rels", "application/vnd.openxmlformats-package.relationships+xml");
  ctx.types.add_default("xml", "application/xml");
  ctx.types.add_override("/word/document.xml", std::string(kWml) + "document.main+xml");
  ctx.types.add_override("/word/styles.xml", std::string(kWml) + "styles+xml");
  ctx.types.add_override("/word/settings.xml", std::string(kWml) + "settings+xml");
  ctx.types.add_override("/word/fontTable.xml", std::string(kWml) + "fontTable+xml");
  if (has_numbering) ctx.types.add_override("/word/numbering.xml", std::string(kWml) + "numbering+xml");
  if (has_footnotes) ctx.types.add_override("/word/footnotes.xml", std::string(kWml) + "footnotes+xml");
  ctx.types.add_override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  ctx.types.add_override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  if (!custom.empty())
    ctx.types.add_override("/docProps/custom.xml",
                           "application/vnd.openxmlformats-officedocument.custom-properties+xml");

  Relationships package_rels;
  package_rels.add(rel_type("officeDocument"), "word/document.xml");
  package_rels.add("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                   "docProps/core.xml");
  package_rels.add(rel_type("extended-properties"), "docProps/app.xml");
  if (!custom.empty()) package_rels.add(rel_type("custom-properties"), "docProps/custom.xml");

  ctx.doc_rels.add(rel_type("styles"), "styles.xml");
  ctx.doc_rels.add(rel_type("settings"), "settings.xml");
  ctx.doc_rels.add(rel_type("fontTable"), "fontTable.xml");
  if (has_numbering) ctx.doc_rels.add(rel_type("numbering"), "numbering.xml");
  if (has_footnotes) ctx.doc_rels.add(rel_type("footnotes"), "footnotes.xml");

  Package pkg;
  pkg.add("[Content_Types].xml", ctx.types.xml());
  pkg.add("_rels/.rels", package_rels.xml());
  pkg.add("docProps/core.xml", core_xml(ctx, w3cdtf(options.created)));
  pkg.add("docProps/app.xml", app_xml(ctx));
  if (!custom.empty()) pkg.add("docProps/custom.xml", custom);
  pkg.add_own("word/document.xml", serialize(main, ctx.fragments));
  pkg.add("word/_rels/document.xml.rels", ctx.doc_rels.xml());
  pkg.add("word/styles.xml", styles_xml(ctx));
  pkg.add("word/settings.xml", settings_xml(ctx, has_footnotes, !embeds.empty()));
  pkg.add("word/fontTable.xml", font_table_xml(embeds));
  if (!font_rels.empty()) pkg.add("word/_rels/fontTable.xml.rels", font_rels.xml());
  if (has_numbering) pkg.add("word/numbering.xml", numbering_xml(ctx));
  if (has_footnotes) {
    pkg.add("word/footnotes.xml", serialize(ctx.footnotes, ctx.fragments));
    if (!ctx.footnote_rels.empty()) pkg.add("word/_rels/footnotes.xml.rels", ctx.footnote_rels.xml());
  }
  for (auto& [name, bytes] : hf_parts) pkg.add(name, std::move(bytes));
  for (auto& m : ctx.media) pkg.add("word/media/" + m.name, std::move(m.bytes));
  for (auto& [name, bytes] : ctx.parts) pkg.add(name, std::move(bytes));
  for (auto& [name, bytes] : ctx.shared_parts) pkg.add_shared(name, std::move(bytes));

  std::string error;
  std::string bytes = pkg.zip(options.created, error);
  if (bytes.empty()) diags.error(Origin::Internal, "docx.zip-failed", "could not write the DOCX package: " + error);
  return bytes;
}

}  // namespace

std::string write_docx(const model::Document& doc, const DocxOptions& options, Diagnostics& diags) {
  if (!doc.numbering.done) {  // callers that built the model themselves (tests, tools)
    model::Document completed = doc;
    model::complete_document(completed);
    return write_docx(completed, options, diags);
  }
  try {
    return build(doc, options, diags);
  } catch (const std::exception& e) {  // never throw across the stage boundary
    diags.error(Origin::Internal, "docx.internal", std::string("DOCX writer failed: ") + e.what());
    return {};
  }
}

}  // namespace quire::docx
