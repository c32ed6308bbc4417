// Small WordprocessingML helpers over pugixml: part serialisation, text cleaning,
// unit conversion, and property elements inserted in their schema order.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace quire::docx {

// Namespace URIs used by the parts.
inline constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kNsWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr const char* kNsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
inline constexpr const char* kNsWps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
inline constexpr const char* kNsWpg = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup";
inline constexpr const char* kNsMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
inline constexpr const char* kNsC = "http://schemas.openxmlformats.org/drawingml/2006/chart";
inline constexpr const char* kNsPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A part's XML as bytes, with the `standalone="yes"` declaration Word writes.
std::string serialize(const pugi::xml_document& doc);

/// XML written once and placed in many parts as it is (an icon's shape): a part holds a
/// placeholder, the processing instruction <?quire-fragment N?>, and serialize() writes
/// fragment N in its place. Text and attribute values cannot look like the placeholder
/// (their '<' is escaped).
using Fragments = std::vector<std::shared_ptr<const std::string>>;
/// Appends the placeholder of `xml` to `parent`, remembering `xml` in `fragments`.
void append_fragment(pugi::xml_node parent, Fragments& fragments, std::shared_ptr<const std::string> xml);
/// serialize() with every placeholder replaced by its fragment.
std::string serialize(const pugi::xml_document& doc, const Fragments& fragments);
/// One element and its subtree as XML, without a declaration (a fragment's text).
std::string serialize_node(pugi::xml_node node);

/// A new part whose root element is `root` with the w/r (and drawing) namespaces declared.
pugi::xml_node new_word_root(pugi::xml_document& doc, const char* root);

/// Replaces invalid UTF-8 by U+FFFD and drops code points XML 1.0 does not allow
/// (C0 controls other than tab, newline and carriage return, U+FFFE/U+FFFF, surrogates),
/// so stray bytes in the data can never make a part ill-formed.
std::string clean_text(std::string_view s);

/// next_code_point() for a byte of 0x80 or more.
char32_t next_code_point_multibyte(std::string_view s, size_t& i);
/// Decodes one code point of UTF-8 at `i` (advancing it); U+FFFD for malformed input.
inline char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  // Two bytes (Arabic, Hebrew, Greek, Cyrillic, accented Latin) inline too; C0 and C1 lead
  // bytes are overlong forms, left to the full decoder.
  if (b >= 0xC2 && b < 0xE0 && i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      i += 2;
      return (static_cast<char32_t>(b & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return next_code_point_multibyte(s, i);
}
void append_utf8(std::string& out, char32_t c);

/// Points -> twentieths of a point (twips), rounded.
long twips(double points);
/// Points -> half-points (w:sz).
long half_points(double points);
/// "RRGGBB" for w:color / w:fill (the style sheet's one colour writer).
using model::hex;

/// Appends <name w:val="value"/> to `parent`.
pugi::xml_node add_val(pugi::xml_node parent, const char* name, std::string_view value);

/// Property containers whose children must follow an ECMA-376 xsd:sequence.
enum class Props { PPr, RPr, TblPr, TrPr, TcPr, SectPr };

/// Finds the child `name` of `props`, or inserts it at the position the schema sequence
/// of `kind` requires (the usual cause of Word's repair prompt is children out of order).
pugi::xml_node prop(pugi::xml_node props, Props kind, const char* name);
/// Like prop(), with w:val set (replacing any value).
pugi::xml_node prop_val(pugi::xml_node props, Props kind, const char* name, std::string_view value);

/// The w:pPr of a paragraph (created as its first child), w:rPr of a run likewise.
pugi::xml_node ppr(pugi::xml_node p);
pugi::xml_node rpr(pugi::xml_node r);

}  // namespace quire::docx
