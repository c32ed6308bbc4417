#include "pdf/content.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "pdf/encoding.hpp"
#include "text/font.hpp"

namespace quire::pdf {

PageContent::PageContent(haru::Document& doc, haru::Page page, double page_height, const FontSet& fonts,
                         ImageStore& images, Diagnostics& diags)
    : doc_(doc), page_(page), height_(page_height), fonts_(fonts), images_(images), diags_(diags) {
  out_.reserve(8192);
}

void PageContent::number(double v, int decimals) {
  append_number(out_, v, decimals);
  out_.push_back(' ');
}

void PageContent::colour(Rgb c) {
  number(c.r / 255.0, 3);
  number(c.g / 255.0, 3);
  number(c.b / 255.0, 3);
}

void PageContent::set_fill(Rgb c) {
  if (c == fill_) return;
  fill_ = c;
  colour(c);
  out_ += "rg\n";
}

void PageContent::set_stroke(Rgb c) {
  if (c == stroke_) return;
  stroke_ = c;
  colour(c);
  out_ += "RG\n";
}

void PageContent::set_line_width(double w) {
  if (std::abs(w - line_width_) < 0.005) return;
  line_width_ = w;
  number(w);
  out_ += "w\n";
}

void PageContent::set_round(bool round) {
  if (round == round_) return;
  round_ = round;
  out_ += round ? "1 J 1 j\n" : "0 J 0 j\n";
}

namespace {

// Appends an integer without a temporary string (one per cluster of tagged text).
void append_int(std::string& out, long v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

}  // namespace

void PageContent::begin_tagged(std::string_view role, int mcid) {
  // One append: a right-to-left line has a sequence of its own for every cluster.
  char buf[96];
  if (role.size() > 48) {  // structure types are short names; a long one takes the slow way
    out_ += '/';
    out_ += role;
    out_ += " <</MCID ";
    append_int(out_, mcid);
    out_ += ">> BDC\n";
    return;
  }
  char* p = buf;
  *p++ = '/';
  p = std::copy(role.begin(), role.end(), p);
  static constexpr std::string_view kOpen = " <</MCID ";
  p = std::copy(kOpen.begin(), kOpen.end(), p);
  p = std::to_chars(p, buf + sizeof buf - 8, mcid).ptr;
  static constexpr std::string_view kClose = ">> BDC\n";
  p = std::copy(kClose.begin(), kClose.end(), p);
  out_.append(buf, static_cast<std::size_t>(p - buf));
}

void PageContent::begin_artifact() {
  out_ += "/Artifact BMC\n";
}
void PageContent::end_marked() {
  out_ += "EMC\n";
}

void PageContent::rect(const layout::Rect& r) {
  if (!r.fill && !r.stroke) return;
  if (r.fill) set_fill({r.fill->r, r.fill->g, r.fill->b});
  if (r.stroke) {
    set_stroke({r.stroke->r, r.stroke->g, r.stroke->b});
    set_line_width(r.stroke_width);
    set_round(false);
  }
  number(r.x);
  number(y(r.y + r.height));
  number(r.width);
  number(r.height);
  out_ += "re ";
  out_ += r.fill && r.stroke ? "B\n" : r.fill ? "f\n" : "S\n";
}

void PageContent::path(const layout::PathItem& item) {
  const model::Path& p = item.path;
  if ((!p.fill && !p.stroke) || p.ops.empty()) return;
  if (p.fill) set_fill({p.fill->r, p.fill->g, p.fill->b});
  if (p.stroke) {
    set_stroke({p.stroke->r, p.stroke->g, p.stroke->b});
    set_line_width(p.stroke_width * item.scale);
    set_round(p.round_joins);
  }
  auto point = [&](float x, float yy) {  // "x y ": one append per point (icons have hundreds)
    char buf[2 * kNumberChars + 2];
    char* p = format_number(buf, item.x + x * item.scale);
    *p++ = ' ';
    p = format_number(p, y(item.y + yy * item.scale));
    *p++ = ' ';
    out_.append(buf, static_cast<std::size_t>(p - buf));
  };
  for (const auto& op : p.ops) {
    switch (op.kind) {
      case model::PathOp::Kind::Move:
        point(op.x1, op.y1);
        out_ += "m\n";
        break;
      case model::PathOp::Kind::Line:
        point(op.x1, op.y1);
        out_ += "l\n";
        break;
      case model::PathOp::Kind::Cubic:
        point(op.x1, op.y1);
        point(op.x2, op.y2);
        point(op.x, op.y);
        out_ += "c\n";
        break;
      case model::PathOp::Kind::Close:
        out_ += "h\n";
        break;
    }
  }
  out_ += p.fill && p.stroke ? "B\n" : p.fill ? "f\n" : "S\n";
}

void PageContent::image(const layout::ImageBox& box) {
  haru::Image img = images_.get(box.data.get(), diags_);
  if (!img) return;
  std::string name = doc_.image_resource(page_, img);
  out_ += "q ";
  number(box.width);
  out_ += "0 0 ";
  number(box.height);
  number(box.x);
  number(y(box.y + box.height));
  out_ += "cm /";
  out_ += name;
  out_ += " Do Q\n";
}

namespace {

// Writes one TJ array piece by piece: glyph ids are grouped into <...> hex strings,
// position adjustments go between them, and the array is closed whenever a Ts or a
// marked-content operator has to come in between.
class TjWriter {
 public:
  explicit TjWriter(std::string& out) : out_(out) {}
  void glyph(std::uint32_t cid) {
    open();
    if (!in_hex_) {
      out_.push_back('<');
      in_hex_ = true;
    }
    append_hex_u(out_, cid, 4);
  }
  void adjust(long units) {
    open();
    close_hex();
    append_int(out_, units);
  }
  void close() {
    if (!open_) return;
    close_hex();
    out_ += "] TJ\n";
    open_ = false;
  }

 private:
  void open() {
    if (open_) return;
    out_.push_back('[');
    open_ = true;
  }
  void close_hex() {
    if (!in_hex_) return;
    out_.push_back('>');
    in_hex_ = false;
  }
  std::string& out_;
  bool open_ = false, in_hex_ = false;
};

}  // namespace

namespace {

// The clusters must cover the glyphs in order; otherwise the run is drawn without them.
bool clusters_valid(const layout::GlyphRun& run) {
  if (run.clusters.empty()) return false;
  std::uint32_t expect = 0;
  for (const auto& c : run.clusters) {
    if (c.first_glyph != expect) return false;
    expect = c.first_glyph + c.glyph_count;
  }
  return expect == run.glyphs.size();
}

// A cluster whose glyph gives back its text through ToUnicode needs nothing more;
// any other (conjuncts, reordered or multi-glyph clusters) carries ActualText. Only
// the cluster: poppler reverses a whole RTL line's ActualText a second time.
bool needs_actual(const PdfFont& font, const layout::GlyphRun& run, const layout::Cluster& c) {
  if (c.text.empty() || c.glyph_count == 0) return false;
  return c.glyph_count != 1 || font.unicode(run.glyphs[c.first_glyph].id) != c.text;
}

}  // namespace

namespace {

bool han_like(UScriptCode s) {
  return s == USCRIPT_HAN || s == USCRIPT_SIMPLIFIED_HAN || s == USCRIPT_TRADITIONAL_HAN || s == USCRIPT_JAPANESE ||
         s == USCRIPT_KOREAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL;
}

// The likely script of a language ("ar" -> Arab), cached per thread.
UScriptCode language_script(const std::string& lang) {
  thread_local std::map<std::string, UScriptCode> known;
  if (auto it = known.find(lang); it != known.end()) return it->second;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(lang, status);
  UScriptCode code = USCRIPT_INVALID_CODE;
  if (U_SUCCESS(status)) {
    loc.addLikelySubtags(status);
    if (U_SUCCESS(status) && *loc.getScript())
      code = static_cast<UScriptCode>(u_getPropertyValueEnum(UCHAR_SCRIPT, loc.getScript()));
  }
  if (known.size() < 64) known.emplace(lang, code);
  return code;
}

}  // namespace

// "und" when the run's letters are in a script its language is not written in (a Latin name in an
// Arabic sentence, a Devanagari name in an English one): the language of a name is not known,
// and a screen reader must not read it with the sentence's voice.
static std::string_view foreign_language(const layout::GlyphRun& run) {
  if (run.lang.empty()) return {};
  UScriptCode letters = USCRIPT_COMMON;
  for (const auto& c : run.clusters) {
    for_each_code_point(c.text, [&](char32_t cp) {
      if (letters != USCRIPT_COMMON) return;
      UErrorCode ec = U_ZERO_ERROR;
      UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &ec);
      if (U_SUCCESS(ec) && s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_UNKNOWN) letters = s;
    });
    if (letters != USCRIPT_COMMON) break;
  }
  if (letters == USCRIPT_COMMON) return {};
  UScriptCode expected = language_script(run.lang);
  if (expected == USCRIPT_INVALID_CODE || expected == letters || (han_like(expected) && han_like(letters))) return {};
  return "und";
}

bool PageContent::needs_actual_text(const layout::GlyphRun& run) const {
  const PdfFont* font = fonts_.find(run.face);
  if (!font || !clusters_valid(run)) return false;
  for (const auto& c : run.clusters)
    if (needs_actual(*font, run, c)) return true;
  return false;
}

void PageContent::glyph_run(const layout::GlyphRun& run, const Tagging* tagging) {
  const PdfFont* font = fonts_.find(run.face);
  if (!font || !font->type0 || !font->subset || run.glyphs.empty() || run.size <= 0) return;
  const FontSubset& sub = *font->subset;
  const double size = run.size;

  Rgb colour{run.color.r, run.color.g, run.color.b};
  set_fill(colour);
  const bool bold = run.face->synthetic_bold;
  if (bold) {
    // Synthetic bold: fill and stroke the outlines with the text colour.
    set_stroke(colour);
    set_line_width(size / 30.0);
  }
  // A run in another script than its language's gets a /Lang of its own (PDF 14.9.2.2).
  std::string_view lang = foreign_language(run);
  if (!lang.empty()) {
    out_ += "/Span <</Lang (";
    out_ += lang;
    out_ += ")>> BDC\n";
  }
  out_ += "BT\n";
  if (font != font_ || std::abs(size - font_size_) > 0.001) {
    auto [it, inserted] = font_names_.try_emplace(font);
    if (inserted) it->second = doc_.font_resource(page_, font->type0);
    out_ += '/';
    out_ += it->second;
    out_ += ' ';
    number(size, 3);
    out_ += "Tf\n";
    font_ = font;
    font_size_ = size;
  }
  int mode = bold ? 2 : 0;
  if (mode != render_mode_) {
    out_ += mode == 2 ? "2 Tr\n" : "0 Tr\n";
    render_mode_ = mode;
  }
  out_ += "1 0 0 1 ";
  number(run.x);
  number(y(run.y));
  out_ += "Tm\n";

  TjWriter tj(out_);
  double pen = 0;  // where HarfBuzz puts the pen, relative to run.x
  double cur = 0;  // where the PDF viewer's text position is (advances by /W)
  auto draw = [&](std::size_t i) {
    const layout::Glyph& g = run.glyphs[i];
    const SubsetGlyph* sg = sub.find(g.id);
    double rise = std::round(g.y_offset * 100) / 100;
    if (rise != rise_) {
      tj.close();
      number(rise);
      out_ += "Ts\n";
      rise_ = rise;
    }
    double want = pen + g.x_offset;
    long adj = std::lround((want - cur) * 1000.0 / size);
    if (adj != 0) {
      tj.adjust(-adj);  // TJ numbers move left: subtract to move right
      cur += adj * size / 1000.0;
    }
    if (sg) {
      tj.glyph(sg->new_gid);
      cur += sg->width * size / 1000.0;
    }
    pen += g.x_advance;
  };

  // With `tagging`, the structure's marked content lives inside this text object, so
  // an ActualText span can be a sequence of its own instead of nesting in one.
  bool role_open = false;
  auto open_role = [&] {
    if (!tagging || role_open) return;
    begin_tagged(tagging->role, tagging->next_mcid());
    role_open = true;
  };
  auto close_role = [&] {
    if (!role_open) return;
    tj.close();
    end_marked();
    role_open = false;
  };

  if (!clusters_valid(run)) {
    open_role();
    for (std::size_t i = 0; i < run.glyphs.size(); ++i) draw(i);
  } else {
    // Left to right: one ActualText per word (clusters between spaces) that has any cluster
    // ToUnicode cannot give back, carrying the word's logical text, so no extractor puts a
    // space inside a Bengali word where a vowel sign is drawn before its consonant.
    // Right to left: per cluster, as extractors order an RTL line's characters by position
    // (a word's ActualText would come out reversed). A sloping script (Nastaliq) gets a span
    // for every cluster, each starting with an invisible anchor on the baseline: extractors
    // take a span's baseline from its first glyph, and a word whose clusters step down the
    // line would otherwise be cut into pieces at every step.
    const auto& cl = run.clusters;
    auto is_space = [](const layout::Cluster& c) {
      return !c.text.empty() && c.text.find_first_not_of(" \t\u00a0") == std::string::npos;
    };
    // A run slopes when a base glyph (one that advances the pen) leaves the baseline. In a
    // run that does not (Naskh), only a cluster with a raised or lowered mark (tanween,
    // shadda) needs the anchored span: the rest stay plain glyphs, a third of the bytes.
    auto off_baseline = [&](const layout::Cluster& c) {
      for (std::uint32_t g = 0; g < c.glyph_count; ++g)
        if (std::abs(run.glyphs[c.first_glyph + g].y_offset) >= 0.01) return true;
      return false;
    };
    bool sloped = false, marked = false;
    if (run.rtl)
      for (const auto& g : run.glyphs) {
        const bool off = std::abs(g.y_offset) >= 0.01;
        marked = marked || off;
        sloped = sloped || (off && g.x_advance != 0);
      }
    const SubsetGlyph* anchor = marked ? sub.find(0) : nullptr;
    // An invisible .notdef at `x` on the baseline (the pen stays where HarfBuzz put it).
    auto draw_anchor = [&](double x) {
      tj.close();
      if (rise_ != 0) {
        out_ += "0 Ts\n";
        rise_ = 0;
      }
      out_ += "3 Tr\n";
      long adj = std::lround((x - cur) * 1000.0 / size);
      if (adj != 0) {
        tj.adjust(-adj);
        cur += adj * size / 1000.0;
      }
      tj.glyph(anchor->new_gid);
      cur += anchor->width * size / 1000.0;
      tj.close();
      out_ += mode == 2 ? "2 Tr\n" : "0 Tr\n";
    };
    // Tagged right-to-left text: every cluster is a marked-content sequence of its own, numbered
    // in logical order, so the structure tree lists the pieces in reading order while the page
    // draws them left to right (extractors that read positions need that order).
    std::vector<int> logical_mcid;
    if (tagging && run.rtl) {
      logical_mcid.assign(cl.size(), -1);
      for (std::size_t k = cl.size(); k-- > 0;) logical_mcid[k] = tagging->next_mcid();
    }
    for (std::size_t w = 0; w < cl.size();) {
      std::size_t end = w + 1;
      if (!run.rtl && !is_space(cl[w]))
        while (end < cl.size() && !is_space(cl[end])) ++end;
      const bool anchored = anchor && !is_space(cl[w]) && (sloped || off_baseline(cl[w]));
      bool actual = anchored;
      for (std::size_t k = w; k < end && !actual; ++k) actual = needs_actual(*font, run, cl[k]);
      if (actual) {
        std::string word;  // logical order: an RTL run's clusters are in visual order
        for (std::size_t k = w; k < end; ++k) word += cl[run.rtl ? end - 1 - (k - w) : k].text;
        close_role();
        tj.close();
        out_ += "/Span <<";
        if (tagging) {
          out_ += "/MCID ";
          append_int(out_, logical_mcid.empty() ? tagging->next_mcid() : logical_mcid[w]);
          out_ += ' ';
        }
        out_ += "/ActualText <";
        append_hex(out_, pdf_text_bytes(word, 4096));
        out_ += ">>> BDC\n";
        if (anchored) draw_anchor(pen);
      } else if (!logical_mcid.empty()) {
        close_role();
        begin_tagged(tagging->role, logical_mcid[w]);
        role_open = true;
      } else {
        open_role();
      }
      for (std::size_t k = w; k < end; ++k)
        for (std::uint32_t g = 0; g < cl[k].glyph_count; ++g) draw(cl[k].first_glyph + g);
      if (actual) {
        if (anchored) draw_anchor(pen - anchor->width * size / 1000.0);  // ends where the cluster ends
        tj.close();
        out_ += "EMC\n";
      }
      if (!logical_mcid.empty()) close_role();
      w = end;
    }
  }
  close_role();
  tj.close();
  out_ += "ET\n";
  if (!lang.empty()) out_ += "EMC\n";
}

void PageContent::flush() {
  doc_.append_content(page_, out_);
  out_.clear();
}

}  // namespace quire::pdf
