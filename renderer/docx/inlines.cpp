// Inline content: text runs cut by script (fonts, w:lang, w:rtl per run), links,
// line breaks, fields, cross-references and footnote references.
#include <cstdio>

#include "docx/script.hpp"
#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "text/font.hpp"

namespace quire::docx {
namespace {

// Word refuses a package whose external relationship targets are not valid URIs, so
// anything outside the URI character set is percent-encoded (bytes of UTF-8).
std::string uri_escape(const std::string& uri) {
  static const std::string keep =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";
  std::string out;
  for (unsigned char ch : uri) {
    if (keep.find(static_cast<char>(ch)) != std::string::npos && ch != 0) {
      out += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

// The script neutral-only text is given: the paragraph's own.
Script fallback_script(const std::string& lang, bool para_rtl) {
  Script s = script_of_language(lang);
  if (para_rtl && !is_rtl(s)) return Script::Arabic;
  if (!para_rtl && is_rtl(s)) return Script::Latin;
  return s;
}

// True if `text` has a letter of `script` (not only the neutrals a run of it may hold).
bool has_script(std::string_view text, Script script) {
  for (size_t i = 0; i < text.size();)
    if (script_of(next_code_point(text, i)) == script) return true;
  return false;
}

// A run's properties, appended in CT_RPr's order to a new run. What the style sheet's
// document defaults already say (styles.cpp, doc_defaults: the Latin, east-Asian and
// complex-script fonts and languages of the document's language) is not written again:
// no paragraph or character style sets fonts or languages, so a run inherits exactly those,
// attribute by attribute (Word and LibreOffice both read each slot and language on its own).
// A Latin run of the document's language has no properties at all.
void run_props(Context& ctx, pugi::xml_node r, Script script, const std::string& lang, const model::RunStyle& style,
               const RunEnv& env, const char* char_style, const FontSlots& f, bool ethiopic_letters = false) {
  pugi::xml_node pr;
  auto add = [&](const char* name) {
    if (!pr) pr = r.prepend_child("w:rPr");
    return pr.append_child(name);
  };
  if (char_style)
    add("w:rStyle").append_attribute("w:val") = char_style;
  else if (!style.style.empty() && ctx.doc.styles.characters.count(style.style))
    add("w:rStyle").append_attribute("w:val") = char_style_id(style.style).c_str();
  const FontSlots& d = default_slots(ctx.lang);
  if (script == Script::Han || f.ascii != d.ascii || f.h_ansi != d.h_ansi || f.east_asia != d.east_asia ||
      f.cs != d.cs) {
    pugi::xml_node fonts = add("w:rFonts");
    if (script == Script::Han) fonts.append_attribute("w:hint") = "eastAsia";
    if (f.ascii != d.ascii) fonts.append_attribute("w:ascii") = f.ascii.c_str();
    if (f.h_ansi != d.h_ansi) fonts.append_attribute("w:hAnsi") = f.h_ansi.c_str();
    if (f.east_asia != d.east_asia) fonts.append_attribute("w:eastAsia") = f.east_asia.c_str();
    if (f.cs != d.cs) fonts.append_attribute("w:cs") = f.cs.c_str();
  }
  if (style.strong || env.strong) {
    add("w:b");
    add("w:bCs");
  }
  if (style.emphasis) {
    add("w:i");
    add("w:iCs");
  }
  if (style.small_caps) add("w:smallCaps");
  if (env.color)
    add("w:color").append_attribute("w:val") = hex(*env.color).c_str();
  else if (style.color)
    add("w:color").append_attribute("w:val") = hex(*style.color).c_str();
  if (is_rtl(script)) add("w:rtl");
  // Word would size Ethiopic with w:sz (LibreOffice already takes it as complex script):
  // marked complex script, it takes w:szCs, scaled like the PDF's (styles.cpp, cs_scale).
  // Digits and spaces alone keep Word's and LibreOffice's own choice (a complex-script run
  // of digits gets LibreOffice's complex-script fallback face).
  if (script == Script::Ethiopic && ethiopic_letters) add("w:cs");

  // w:val is the language of Latin text, w:bidi of complex-script text, w:eastAsia of Han;
  // each written only where it is not the document default's.
  if (lang.empty()) return;
  const Script lang_script = script_of_language(lang);
  const DefaultLangs& dl = default_langs(ctx.lang);
  const char* attr = nullptr;
  const std::string* same = nullptr;
  if (script == Script::Latin && lang_script == Script::Latin) {
    attr = "w:val";
    same = &dl.val;
  } else if (script == Script::Han && lang_script == Script::Han) {
    attr = "w:eastAsia";
    same = &dl.east_asia;
  } else if ((script == Script::Ethiopic || script == Script::Bengali) && lang_script == script) {
    attr = "w:val";
    same = &dl.val;
  }
  const bool bidi = script != Script::Latin && script != Script::Han && lang_script == script && lang != dl.bidi;
  if ((attr && lang != *same) || bidi) {
    pugi::xml_node l = add("w:lang");
    if (attr && lang != *same) l.append_attribute(attr) = lang.c_str();
    if (bidi) l.append_attribute("w:bidi") = lang.c_str();
  }
}

// Appends the characters of `text` to run `r`: w:t for text, w:tab and w:br for tab and
// newline (carriage returns dropped). Each stretch between them is set in one piece.
void run_content(pugi::xml_node r, std::string_view text) {
  auto put = [&](std::string_view piece) {
    if (piece.empty()) return;
    pugi::xml_node t = r.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(piece.data(), piece.size());
  };
  for (size_t from = 0;;) {
    // One pass to the next tab or newline (find_first_of called memchr per character).
    size_t stop = from;
    bool cr = false;
    for (; stop < text.size() && text[stop] != '\t' && text[stop] != '\n'; ++stop) cr |= text[stop] == '\r';
    const std::string_view piece = text.substr(from, stop - from);
    if (!cr) {
      put(piece);
    } else {
      std::string kept;
      for (char ch : piece)
        if (ch != '\r') kept += ch;
      put(kept);
    }
    if (stop == text.size()) break;
    r.append_child(text[stop] == '\t' ? "w:tab" : "w:br");
    from = stop + 1;
  }
}

void write_footnote(Context& ctx, pugi::xml_node p, const model::Footnote& fn, const RunEnv& env) {
  if (ctx.in_footnote || ctx.in_header_footer) {
    ctx.diags.warning(Origin::Template, "docx.misplaced-footnote",
                      ctx.in_footnote ? "a footnote inside a footnote was left out"
                                      : "a footnote in a header or footer was left out");
    return;
  }
  const int id = ctx.next_footnote_id++;
  // Word numbers footnotes 1, 2, 3... through the file. Where the model's number is another
  // (Arabic-Indic digits, or from 1 again in a copy), it is written as the note's own mark.
  const bool custom = fn.number != std::to_string(id);
  pugi::xml_node note = ctx.footnotes_root.append_child("w:footnote");
  note.append_attribute("w:id") = id;

  BlockEnv benv;
  benv.para_style = "FootnoteText";
  benv.rtl = env.para_rtl;
  benv.lang = env.lang;
  ctx.in_footnote = true;
  Relationships* saved = ctx.rels;
  ctx.rels = &ctx.footnote_rels;
  write_blocks(ctx, note, fn.body, benv);
  ctx.rels = saved;
  ctx.in_footnote = false;
  if (!note.child("w:p")) write_plain_paragraph(ctx, note, "FootnoteText", "", benv);

  // The note's own number mark opens its first paragraph.
  pugi::xml_node first = note.child("w:p");
  pugi::xml_node pr = first.child("w:pPr");
  pugi::xml_node mark = pr ? first.insert_child_after("w:r", pr) : first.prepend_child("w:r");
  prop_val(rpr(mark), Props::RPr, "w:rStyle", "FootnoteReference");
  // A custom mark is shown here too: LibreOffice 7.4 takes it from the reference (it would
  // print a second copy written as text).
  mark.append_child("w:footnoteRef");
  pugi::xml_node space = first.insert_child_after("w:r", mark);
  run_content(space, " ");

  pugi::xml_node ref = p.append_child("w:r");
  prop_val(rpr(ref), Props::RPr, "w:rStyle", "FootnoteReference");
  pugi::xml_node reference = ref.append_child("w:footnoteReference");
  if (custom) reference.append_attribute("w:customMarkFollows") = "1";
  reference.append_attribute("w:id") = id;
  if (custom) run_content(ref, fn.number);
}

void write_cross_ref(Context& ctx, pugi::xml_node p, const model::CrossRef& ref, const RunEnv& env) {
  auto it = ctx.targets.find(ref.target);
  if (it == ctx.targets.end()) {
    ctx.diags.warning(Origin::Template, "docx.unknown-reference",
                      "cross-reference to \"" + ref.target + "\", which is not in the document");
    write_text(ctx, p, "??", ref.style, env.lang, env.para_rtl, env);
    return;
  }
  const Target& t = it->second;
  switch (ref.form) {
    case model::RefForm::Page:
      // Word and LibreOffice compute the page; "?" shows only until fields are updated.
      write_field(ctx, p, " PAGEREF " + t.bookmark + " \\h ", "?", ref.style, env);
      break;
    case model::RefForm::PageRange:
      // "X - Y" from the bookmarks at the target's start and end: sections, paragraphs, tables
      // and boxes have both (prescan.cpp); headings, images, charts and icons are on one page,
      // so their range is that page, as in the PDF. Word prints "5 - 5" for a target on one
      // page (a field cannot compare itself with another), where the PDF prints "5".
      write_field(ctx, p, " PAGEREF " + t.bookmark + " \\h ", "?", ref.style, env);
      if (auto end = ctx.end_bookmarks.find(ref.target); end != ctx.end_bookmarks.end()) {
        write_text(ctx, p, " - ", ref.style, env.lang, env.para_rtl, env);
        write_field(ctx, p, " PAGEREF " + end->second + " \\h ", "?", ref.style, env);
      }
      break;
    case model::RefForm::Title:
      write_field(ctx, p, " REF " + t.bookmark + " \\h ", t.text, ref.style, env);
      break;
    case model::RefForm::Number:
      // The model's number (numbering pass), as the PDF prints it: plain text, since
      // Word's own paragraph numbers (REF \r) would not be the model's.
      write_bidi_text(ctx, p, t.number.empty() ? t.text : t.number, ref.style, env.lang, env);
      break;
  }
}

// A stretch of a script run and the installed family that draws it, when the font the
// writer names for the script lacks it (null = the named font).
struct FontRun {
  std::string_view text;
  const std::string* family = nullptr;
};

std::string_view family_name(const std::string* family) {
  return family ? std::string_view(*family) : std::string_view();
}

// Cuts a script run where its characters need another font than `named_family`, the one
// named for the script: the font the PDF's picker gives them (the stack's, else an installed
// one), so a Devanagari or Tifinagh name is not left to Word's substitution. Neutral
// characters stay with the run when its font has them; those it lacks (digits and brackets
// in a Tigrinya date: Noto Sans Ethiopic has none) get the fallback's run too, else
// LibreOffice draws them in whatever serif font it finds. The pieces are slices of `text`;
// each character is recorded as used in the font of its piece (Context::font_chars).
std::vector<FontRun> split_by_font(Context& ctx, std::string_view text, const std::string& named_family,
                                   const std::string& lang) {
  Context::CoverMemo& memo = ctx.cover_memo;
  if (!memo.looked_up || memo.family != named_family) {
    memo = {true, named_family, nullptr, {}, {}};
    if (ctx.fonts)
      for (size_t i = 0; i < ctx.fonts->stack().size() && !memo.face; ++i)
        if (ctx.fonts->stack()[i].family == named_family) memo.face = &ctx.fonts->entry_face(i, false);
  }
  const text::Face* named = memo.face;
  if (!named) {
    ctx.font_chars[named_family].add_text(text);
    return {{text, nullptr}};
  }
  auto covered = [&](char32_t c) {
    if (c >= 0x80) return named->covers(c) || text::FontLibrary::needs_no_glyph(c);
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if (!(memo.known[c >> 6] & bit)) {
      memo.known[c >> 6] |= bit;
      if (named->covers(c) || text::FontLibrary::needs_no_glyph(c)) memo.covered[c >> 6] |= bit;
    }
    return (memo.covered[c >> 6] & bit) != 0;
  };
  std::vector<FontRun> out;
  UsedChars* used = nullptr;  // the characters of the last piece's font
  bool named_piece = false;   // the last piece is in the named font
  size_t piece = 0;           // where the last piece of `out` starts
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(text, i);
    const std::string* family = nullptr;
    if (covered(c)) {
      // A letter goes on with a piece in the named font; a space or a full stop with any piece.
      if (used && (named_piece || script_of(c) == Script::Neutral)) {
        used->add(c);
        continue;
      }
    } else {
      // The PDF's choice: the first font of the stack that has it, else an installed one.
      // (Asking fontconfig first cost a listing of every installed font, 90 M instructions,
      // for a bracket in an Arabic sentence that Noto Sans, in the stack, draws.)
      const text::Face& f = ctx.fonts->pick(c, {}, lang, false);
      if (f.covers(c) && !f.family.empty()) family = &f.family;
      if (used && family_name(out.back().family) == family_name(family)) {
        used->add(c);
        continue;
      }
    }
    if (used) out.back().text = text.substr(piece, start - piece);
    out.push_back({{}, family});
    used = &ctx.font_chars[family ? *family : named_family];
    named_piece = family == nullptr;
    piece = start;
    used->add(c);
  }
  if (used) out.back().text = text.substr(piece);
  return out;
}

}  // namespace

void write_text(Context& ctx, pugi::xml_node parent, const std::string& text, const model::RunStyle& style,
                const std::string& lang, bool para_rtl, const RunEnv& env, const char* char_style) {
  for (const ScriptRun& seg : split_by_script(clean_text(text), fallback_script(lang, para_rtl))) {
    // Digits and punctuation alone (a phone number in a Tigrinya sentence) take the Latin
    // font, as layout sets them: the Ethiopic and Bengali faces have no digits of their own.
    Script script = seg.script;
    const bool letters = has_script(seg.text, script);
    if ((script == Script::Ethiopic || script == Script::Bengali) && !letters) script = Script::Latin;
    const FontSlots slots = slots_for(script, lang, ctx.lang);
    for (const FontRun& part : split_by_font(ctx, seg.text, slots.ascii, lang)) {
      pugi::xml_node r = parent.append_child("w:r");
      // The font Word draws these characters with (split_by_font() records them): the run's
      // own (every slot of a run in another script than Latin names it), or the Latin one.
      run_props(ctx, r, script, lang, style, env, char_style,
                part.family ? FontSlots{*part.family, *part.family, *part.family, *part.family} : slots,
                script == Script::Ethiopic && letters);
      run_content(r, part.text);
    }
  }
}

void write_field(Context& ctx, pugi::xml_node parent, const std::string& instr, const std::string& cached,
                 const model::RunStyle& style, const RunEnv& env) {
  const Script s = Script::Latin;  // field codes and digits
  auto run = [&] {
    pugi::xml_node r = parent.append_child("w:r");
    run_props(ctx, r, s, env.lang, style, env, nullptr, slots_for(s, env.lang, ctx.lang));
    return r;
  };
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "begin";
  pugi::xml_node it = run().append_child("w:instrText");
  it.append_attribute("xml:space") = "preserve";
  it.text().set(clean_text(instr).c_str());
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "separate";
  write_bidi_text(ctx, parent, cached, style, env.lang, env);
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "end";
}

void write_part_pages(Context& ctx, pugi::xml_node parent, const model::RunStyle& style, const RunEnv& env) {
  ctx.part_pages_used = true;
  const std::string ref = " PAGEREF " + ctx.part_end_bookmark + " ";
  if (ctx.part_first_page == 1) {  // the number the part's last page shows is its count
    write_field(ctx, parent, ref, "1", style, env);
    return;
  }
  // Otherwise a formula: that number less the numbers before the part's first page.
  auto run = [&] {
    pugi::xml_node r = parent.append_child("w:r");
    run_props(ctx, r, Script::Latin, env.lang, style, env, nullptr, slots_for(Script::Latin, env.lang, ctx.lang));
    return r;
  };
  auto instr = [&](const std::string& text) {
    pugi::xml_node it = run().append_child("w:instrText");
    it.append_attribute("xml:space") = "preserve";
    it.text().set(text.c_str());
  };
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "begin";
  instr(" = ");
  write_field(ctx, parent, ref, std::to_string(ctx.part_first_page), style, env);
  instr(" - " + std::to_string(ctx.part_first_page - 1) + " ");
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "separate";
  write_text(ctx, parent, "1", style, env.lang, env.para_rtl, env);
  run().append_child("w:fldChar").append_attribute("w:fldCharType") = "end";
}

void add_bookmark(Context& ctx, pugi::xml_node p, const std::string& name) {
  const int id = ctx.next_bookmark_id++;
  pugi::xml_node pr = p.child("w:pPr");
  pugi::xml_node start = pr ? p.insert_child_after("w:bookmarkStart", pr) : p.prepend_child("w:bookmarkStart");
  start.append_attribute("w:id") = id;
  start.append_attribute("w:name") = name.c_str();
  p.append_child("w:bookmarkEnd").append_attribute("w:id") = id;
}

namespace {

// An isolate open in a paragraph: its direction, and whether its controls are left out.
struct OpenIsolate {
  bool rtl;
  bool elided;
};

bool is_isolate_control(char32_t c) {
  return c >= 0x2066 && c <= 0x2069;
}

// Right-to-left: a letter of a right-to-left script, or a control that makes text so
// (RLM, ALM, RLE, RLO, RLI). Arabic-Indic digits are numbers, not letters, here.
bool rtl_char(char32_t c) {
  if ((c >= 0x0660 && c <= 0x066C) || (c >= 0x06F0 && c <= 0x06F9)) return false;
  return is_rtl(script_of(c)) || c == 0x200F || c == 0x061C || c == 0x202B || c == 0x202E || c == 0x2067;
}

// Isolates change nothing in a left-to-right paragraph without right-to-left text: then
// the writer leaves their controls out, and the runs are as they were without them.
bool needs_isolates(const std::vector<model::Inline>& content) {
  for (const auto& in : content)
    if (const auto* t = std::get_if<model::TextRun>(&in))
      for (size_t i = 0; i < t->text.size();) {
        if (static_cast<unsigned char>(t->text[i]) < 0x80) {  // ASCII is never right to left
          ++i;
          continue;
        }
        if (rtl_char(next_code_point(t->text, i))) return true;
      }
  return false;
}

std::string without_isolates(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    if (!is_isolate_control(next_code_point(text, i))) out.append(text, start, i - start);
  }
  return out;
}

// What the isolate opened just before `from` holds, up to its matching PDI: its first
// strong letter outside nested isolates (an FSI's direction, UAX #9 P2-P3: left to right if
// none), and which directions its strong letters take anywhere inside.
struct IsolateContent {
  bool first_rtl = false;
  bool has_ltr = false, has_rtl = false;
  bool closed = false;  ///< its PDI is in the text
};
IsolateContent scan_isolate(std::string_view text, size_t from) {
  IsolateContent out;
  bool found = false;
  int depth = 0;
  for (size_t i = from; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c >= 0x2066 && c <= 0x2068) {
      ++depth;
    } else if (c == 0x2069) {
      if (depth-- == 0) {
        out.closed = true;
        break;
      }
    } else if (script_of(c) != Script::Neutral && !(c >= 0x0660 && c <= 0x066C) && !(c >= 0x06F0 && c <= 0x06F9)) {
      const bool rtl = is_rtl(script_of(c));
      (rtl ? out.has_rtl : out.has_ltr) = true;
      if (depth == 0 && !found) {
        out.first_rtl = rtl;
        found = true;
      }
    }
  }
  return out;
}

// Text with bidi isolates (FSI/LRI/RLI ... PDI): each isolate becomes runs of its own,
// its controls kept at its edges (LibreOffice runs the bidi algorithm over them), and its
// digits and spaces take the isolate's direction rather than the paragraph's, so a phone
// number inside Arabic is a run without w:rtl (left to right in Word, which orders the
// neutrals of a run by its w:rtl: ECMA-376 Part 1, Annex I). An isolate in the direction
// around it with nothing of the other direction inside (an Arabic date in Arabic) orders
// nothing: its controls are left out, as LibreOffice loses a space inside such an isolate
// ("١٤ مارس٢٠٢٦"). `open` holds each isolate still open, across the paragraph's runs.
void write_isolated_text(Context& ctx, pugi::xml_node parent, const std::string& text, const model::RunStyle& style,
                         const std::string& lang, const RunEnv& env, const char* char_style,
                         std::vector<OpenIsolate>& open) {
  std::string pending;  // the run being gathered, in the current direction
  size_t seg = 0;       // text from here on is to be kept, not yet in `pending`
  auto current = [&] { return open.empty() ? env.para_rtl : open.back().rtl; };
  auto take = [&](size_t end) {  // keeps text up to `end`
    if (end > seg) pending.append(text, seg, end - seg);
    seg = end;
  };
  auto drop = [&](size_t from, size_t to) {  // keeps text up to `from`, leaves out [from, to)
    take(from);
    seg = to;
  };
  auto flush = [&] {
    if (!pending.empty()) write_text(ctx, parent, pending, style, lang, current(), env, char_style);
    pending.clear();
  };
  // Runs are cut only where the direction changes: "LRI FSI 0800 PDI PDI" is one run.
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (c >= 0x2066 && c <= 0x2068) {
      const IsolateContent inside = scan_isolate(text, i);
      const bool rtl = c == 0x2067 || (c == 0x2068 && inside.first_rtl);
      if (rtl != current()) {
        take(start);
        flush();
      }
      if (open.size() < 125) {
        const bool elided = rtl == current() && inside.closed && !(rtl ? inside.has_ltr : inside.has_rtl);
        open.push_back({rtl, elided});
        if (elided) drop(start, i);
      }
    } else if (c == 0x2069 && !open.empty()) {
      const bool outer = open.size() >= 2 ? open[open.size() - 2].rtl : env.para_rtl;
      if (open.back().elided) {
        drop(start, i);
      } else if (outer != current()) {
        take(i);  // the PDI ends the isolate's runs, written in its direction
        flush();
      }
      open.pop_back();
    }
  }
  take(text.size());
  flush();
}

}  // namespace

void write_bidi_text(Context& ctx, pugi::xml_node parent, const std::string& text, const model::RunStyle& style,
                     const std::string& lang, const RunEnv& env, const char* char_style) {
  bool rtl = env.para_rtl;
  for (size_t i = 0; i < text.size() && !rtl;) rtl = rtl_char(next_code_point(text, i));
  std::vector<OpenIsolate> open;
  if (rtl)
    write_isolated_text(ctx, parent, text, style, lang, env, char_style, open);
  else
    write_text(ctx, parent, without_isolates(text), style, lang, env.para_rtl, env, char_style);
}

void write_inlines(Context& ctx, pugi::xml_node p, const std::vector<model::Inline>& content, const RunEnv& env) {
  const bool isolates = env.para_rtl || needs_isolates(content);
  std::vector<OpenIsolate> open_isolates;
  for (const auto& in : content) {
    if (const auto* t = std::get_if<model::TextRun>(&in)) {
      const std::string& lang = t->lang.empty() ? env.lang : t->lang;
      pugi::xml_node parent = p;
      const char* char_style = nullptr;
      if (!t->link.empty()) {
        if (t->link[0] == '#') {
          auto it = ctx.targets.find(t->link.substr(1));
          if (it == ctx.targets.end()) {
            ctx.diags.warning(Origin::Template, "docx.unknown-link-target",
                              "link to \"" + t->link + "\", which is not in the document");
          } else {
            parent = p.append_child("w:hyperlink");
            parent.append_attribute("w:anchor") = it->second.bookmark.c_str();
          }
        } else {
          std::string id = ctx.rels->add(rel_type("hyperlink"), uri_escape(clean_text(t->link)), true);
          parent = p.append_child("w:hyperlink");
          parent.append_attribute("r:id") = id.c_str();
        }
        if (parent != p) {
          parent.append_attribute("w:history") = "1";
          char_style = "Hyperlink";
        }
      }
      if (isolates)
        write_isolated_text(ctx, parent, t->text, t->style, lang, env, char_style, open_isolates);
      else if (t->text.find("\xE2\x81") != std::string::npos)  // U+2040-U+207F: perhaps an isolate's
        write_text(ctx, parent, without_isolates(t->text), t->style, lang, env.para_rtl, env, char_style);
      else
        write_text(ctx, parent, t->text, t->style, lang, env.para_rtl, env, char_style);
    } else if (std::holds_alternative<model::LineBreak>(in)) {
      p.append_child("w:r").append_child("w:br");
    } else if (const auto* f = std::get_if<model::Field>(&in)) {
      switch (f->kind) {
        case model::FieldKind::PageNumber:
        case model::FieldKind::PageCount:
          // pages of a section numbered "none" show no page fields (as in the PDF)
          if (ctx.in_header_footer && ctx.section && ctx.section->numbering == model::PageNumbering::None) break;
          if (f->kind == model::FieldKind::PageNumber)
            write_field(ctx, p, " PAGE ", "1", f->style, env);
          else
            write_field(ctx, p, " NUMPAGES ", "1", f->style, env);
          break;
        case model::FieldKind::PartPageCount:
          if (ctx.in_header_footer && ctx.section && ctx.section->numbering == model::PageNumbering::None) break;
          write_part_pages(ctx, p, f->style, env);
          break;
        case model::FieldKind::SectionTitle:
          write_text(ctx, p, ctx.section ? ctx.section->title : std::string(), f->style, env.lang, env.para_rtl, env);
          break;
      }
    } else if (const auto* r = std::get_if<model::CrossRef>(&in)) {
      write_cross_ref(ctx, p, *r, env);
    } else if (const auto* fn = std::get_if<model::Footnote>(&in)) {
      write_footnote(ctx, p, *fn, env);
    }
  }
}

}  // namespace quire::docx
