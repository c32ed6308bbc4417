#include "docx/xml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <sstream>
#include <unordered_map>

namespace quire::docx {
namespace {

// ECMA-376 Part 1 (transitional) xsd:sequence of each property container, as Word
// validates it. Children not listed here are never emitted by the writer.
constexpr const char* kPPrOrder[] = {"w:pStyle",
                                     "w:keepNext",
                                     "w:keepLines",
                                     "w:pageBreakBefore",
                                     "w:framePr",
                                     "w:widowControl",
                                     "w:numPr",
                                     "w:suppressLineNumbers",
                                     "w:pBdr",
                                     "w:shd",
                                     "w:tabs",
                                     "w:suppressAutoHyphens",
                                     "w:kinsoku",
                                     "w:wordWrap",
                                     "w:overflowPunct",
                                     "w:topLinePunct",
                                     "w:autoSpaceDE",
                                     "w:autoSpaceDN",
                                     "w:bidi",
                                     "w:adjustRightInd",
                                     "w:snapToGrid",
                                     "w:spacing",
                                     "w:ind",
                                     "w:contextualSpacing",
                                     "w:mirrorIndents",
                                     "w:suppressOverlap",
                                     "w:jc",
                                     "w:textDirection",
                                     "w:textAlignment",
                                     "w:textboxTightWrap",
                                     "w:outlineLvl",
                                     "w:divId",
                                     "w:cnfStyle",
                                     "w:rPr",
                                     "w:sectPr",
                                     "w:pPrChange"};
constexpr const char* kRPrOrder[] = {"w:rStyle",
                                     "w:rFonts",
                                     "w:b",
                                     "w:bCs",
                                     "w:i",
                                     "w:iCs",
                                     "w:caps",
                                     "w:smallCaps",
                                     "w:strike",
                                     "w:dstrike",
                                     "w:outline",
                                     "w:shadow",
                                     "w:emboss",
                                     "w:imprint",
                                     "w:noProof",
                                     "w:snapToGrid",
                                     "w:vanish",
                                     "w:webHidden",
                                     "w:color",
                                     "w:spacing",
                                     "w:w",
                                     "w:kern",
                                     "w:position",
                                     "w:sz",
                                     "w:szCs",
                                     "w:highlight",
                                     "w:u",
                                     "w:effect",
                                     "w:bdr",
                                     "w:shd",
                                     "w:fitText",
                                     "w:vertAlign",
                                     "w:rtl",
                                     "w:cs",
                                     "w:em",
                                     "w:lang",
                                     "w:eastAsianLayout",
                                     "w:specVanish",
                                     "w:oMath"};
constexpr const char* kTblPrOrder[] = {
    "w:tblStyle",  "w:tblpPr",     "w:tblOverlap",     "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW",      "w:jc",         "w:tblCellSpacing", "w:tblInd",     "w:tblBorders",          "w:shd",
    "w:tblLayout", "w:tblCellMar", "w:tblLook",        "w:tblCaption", "w:tblDescription"};
// CT_TrPr is a choice, but Word writes this order; keeping it costs nothing.
constexpr const char* kTrPrOrder[] = {"w:cnfStyle",  "w:divId",          "w:gridBefore", "w:gridAfter",
                                      "w:wBefore",   "w:wAfter",         "w:cantSplit",  "w:trHeight",
                                      "w:tblHeader", "w:tblCellSpacing", "w:jc",         "w:hidden"};
constexpr const char* kTcPrOrder[] = {"w:cnfStyle",  "w:tcW",    "w:gridSpan", "w:hMerge", "w:vMerge",
                                      "w:tcBorders", "w:shd",    "w:noWrap",   "w:tcMar",  "w:textDirection",
                                      "w:tcFitText", "w:vAlign", "w:hideMark"};
constexpr const char* kSectPrOrder[] = {
    "w:headerReference", "w:footerReference", "w:footnotePr",     "w:endnotePr", "w:type",          "w:pgSz",
    "w:pgMar",           "w:paperSrc",        "w:pgBorders",      "w:lnNumType", "w:pgNumType",     "w:cols",
    "w:formProt",        "w:vAlign",          "w:noEndnote",      "w:titlePg",   "w:textDirection", "w:bidi",
    "w:rtlGutter",       "w:docGrid",         "w:printerSettings"};

// A name's place in a sequence, looked up in a table built once per sequence (prop() ranks
// every sibling it passes, and a linear scan of strcmp was most of its cost).
template <size_t N>
std::unordered_map<std::string_view, int> rank_table(const char* const (&order)[N]) {
  std::unordered_map<std::string_view, int> table;
  for (size_t i = 0; i < N; ++i) table.emplace(order[i], static_cast<int>(i));
  return table;
}

template <size_t N>
int rank_in(const std::unordered_map<std::string_view, int>& table, const char* const (&)[N], std::string_view name) {
  auto it = table.find(name);
  return it == table.end() ? static_cast<int>(N) : it->second;  // unknown names go last
}

int rank(Props kind, std::string_view name) {
  static const auto ppr = rank_table(kPPrOrder), rpr = rank_table(kRPrOrder), tblpr = rank_table(kTblPrOrder),
                    trpr = rank_table(kTrPrOrder), tcpr = rank_table(kTcPrOrder), sectpr = rank_table(kSectPrOrder);
  switch (kind) {
    case Props::PPr:
      return rank_in(ppr, kPPrOrder, name);
    case Props::RPr:
      return rank_in(rpr, kRPrOrder, name);
    case Props::TblPr:
      return rank_in(tblpr, kTblPrOrder, name);
    case Props::TrPr:
      return rank_in(trpr, kTrPrOrder, name);
    case Props::TcPr:
      return rank_in(tcpr, kTcPrOrder, name);
    case Props::SectPr: {
      // header and footer references form one group at the start, in any order
      int r = rank_in(sectpr, kSectPrOrder, name);
      return r <= 1 ? 0 : r;
    }
  }
  return 0;
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

std::string serialize(const pugi::xml_document& doc) {
  StringWriter w;
  w.out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(w.out);
}

namespace {
constexpr std::string_view kFragmentMark = "<?quire-fragment ";
}  // namespace

void append_fragment(pugi::xml_node parent, Fragments& fragments, std::shared_ptr<const std::string> xml) {
  pugi::xml_node pi = parent.append_child(pugi::node_pi);
  pi.set_name("quire-fragment");
  pi.set_value(std::to_string(fragments.size()).c_str());
  fragments.push_back(std::move(xml));
}

std::string serialize(const pugi::xml_document& doc, const Fragments& fragments) {
  std::string raw = serialize(doc);
  if (fragments.empty()) return raw;
  std::string out;
  out.reserve(raw.size() + 4096);
  size_t at = 0;
  for (size_t mark = raw.find(kFragmentMark); mark != std::string::npos; mark = raw.find(kFragmentMark, at)) {
    const size_t digits = mark + kFragmentMark.size();
    const size_t end = raw.find("?>", digits);
    if (end == std::string::npos) break;
    size_t index = 0;
    bool number = end > digits;
    for (size_t i = digits; i < end && number; ++i) {
      number = raw[i] >= '0' && raw[i] <= '9';
      index = index * 10 + static_cast<size_t>(raw[i] - '0');
      if (index > fragments.size()) number = false;
    }
    out.append(raw, at, mark - at);
    if (number && index < fragments.size() && fragments[index]) {
      out += *fragments[index];
    }
    at = end + 2;
  }
  out.append(raw, at, std::string::npos);
  return out;
}

std::string serialize_node(pugi::xml_node node) {
  StringWriter w;
  node.print(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(w.out);
}

pugi::xml_node new_word_root(pugi::xml_document& doc, const char* root) {
  pugi::xml_node n = doc.append_child(root);
  n.append_attribute("xmlns:w") = kNsW;
  n.append_attribute("xmlns:r") = kNsR;
  n.append_attribute("xmlns:wp") = kNsWp;
  n.append_attribute("xmlns:a") = kNsA;
  n.append_attribute("xmlns:pic") = kNsPic;
  n.append_attribute("xmlns:wps") = kNsWps;  // shapes (icons), as Word 2010 and later declare them
  n.append_attribute("xmlns:wpg") = kNsWpg;
  n.append_attribute("xmlns:mc") = kNsMc;
  return n;
}

char32_t next_code_point_multibyte(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  // overlong forms and out-of-range values are malformed too
  static const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  i += static_cast<size_t>(len);
  if (c < min_for_len[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t kept = 0;  // s[kept, i) is well-formed and allowed, not yet copied: copied in one piece
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x80) {  // fast path for ASCII
      ++i;
      continue;
    }
    const size_t start = i;
    const char32_t c = next_code_point(s, i);
    const bool allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    // A well-formed, allowed character stays where it is (Arabic or Ethiopic text is all
    // such characters): the decoder refuses overlong forms, so its bytes are the very
    // bytes re-encoding would give. U+FFFD may stand for malformed bytes: it is written.
    if (allowed && c != 0xFFFD) continue;
    out.append(s, kept, start - kept);
    if (allowed) append_utf8(out, c);
    kept = i;
  }
  out.append(s, kept);
  return out;
}

long twips(double points) {
  return std::lround(points * 20.0);
}
long half_points(double points) {
  return std::lround(points * 2.0);
}

pugi::xml_node add_val(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node n = parent.append_child(name);
  n.append_attribute("w:val") = std::string(value).c_str();
  return n;
}

pugi::xml_node prop(pugi::xml_node props, Props kind, const char* name) {
  const int want = rank(kind, name);
  // Properties are mostly added in the sequence's order: one after the last child goes at
  // the end without ranking every sibling (children are always in order, so none of them
  // is `name` either).
  if (pugi::xml_node last = props.last_child(); !last || rank(kind, last.name()) < want)
    return props.append_child(name);
  for (pugi::xml_node c = props.first_child(); c; c = c.next_sibling()) {
    // header/footer references may repeat; every other property occurs at most once
    if (std::strcmp(c.name(), name) == 0 && kind != Props::SectPr) return c;
    if (rank(kind, c.name()) > want) return props.insert_child_before(name, c);
  }
  return props.append_child(name);
}

pugi::xml_node prop_val(pugi::xml_node props, Props kind, const char* name, std::string_view value) {
  pugi::xml_node n = prop(props, kind, name);
  pugi::xml_attribute a = n.attribute("w:val");
  if (!a) a = n.append_attribute("w:val");
  a = std::string(value).c_str();
  return n;
}

pugi::xml_node ppr(pugi::xml_node p) {
  pugi::xml_node n = p.child("w:pPr");
  return n ? n : p.prepend_child("w:pPr");
}

pugi::xml_node rpr(pugi::xml_node r) {
  pugi::xml_node n = r.child("w:rPr");
  return n ? n : r.prepend_child("w:rPr");
}

}  // namespace quire::docx
