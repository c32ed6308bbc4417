// TMX 1.4b: the reviewed translations, for a translator's own translation memory. Only
// what a person has signed off goes in: a memory seeded with machine drafts or stale
// strings would bring their mistakes back into the next document.
#include <algorithm>
#include <pugixml.hpp>
#include <sstream>

#include "i18n/message_parts.hpp"
#include "i18n/xliff_state.hpp"
#include "l10n/workflow.hpp"

namespace quire::l10n {

std::string export_tmx(const Catalogue& english, const Catalogue& target) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto tmx = doc.append_child("tmx");
  tmx.append_attribute("version") = "1.4";
  auto header = tmx.append_child("header");
  header.append_attribute("creationtool") = "quire";
  header.append_attribute("creationtoolversion") = "1";
  header.append_attribute("datatype") = "plaintext";
  header.append_attribute("segtype") = "paragraph";
  header.append_attribute("adminlang") = std::string(i18n::kSourceLocale).c_str();
  header.append_attribute("srclang") = std::string(i18n::kSourceLocale).c_str();
  header.append_attribute("o-tmf") = "quire-xliff";
  auto body = tmx.append_child("body");
  for (const auto& id : english.order()) {
    const Message& source = *english.find(id);
    const Message* translated = target.find(id);
    const StringStatus st = classify(source, translated);
    if ((st != StringStatus::Reviewed && st != StringStatus::Final) || translated->machine_drafted) continue;
    auto tu = body.append_child("tu");
    tu.append_attribute("tuid") = id.c_str();
    auto prop = tu.append_child("prop");
    prop.append_attribute("type") = "x-quire-state";
    prop.text() = std::string(i18n::state_to_xliff(translated->state)).c_str();
    if (!source.note.empty()) tu.append_child("note").text() = source.note.c_str();
    std::vector<std::string> codes;  // placeholders as <ph x="N">, numbered as in the English
    for (const auto& [lang, text] :
         {std::pair{std::string(i18n::kSourceLocale), source.source}, std::pair{target.tag, translated->target}}) {
      auto tuv = tu.append_child("tuv");
      tuv.append_attribute("xml:lang") = lang.c_str();
      auto seg = tuv.append_child("seg");
      seg.append_child(pugi::node_pcdata);  // keeps pugixml from indenting inside the segment
      for (const auto& part : i18n::split_message(text)) {
        if (!part.code) {
          seg.append_child(pugi::node_pcdata).set_value(part.text.c_str());
          continue;
        }
        auto it = std::find(codes.begin(), codes.end(), part.text);
        if (it == codes.end()) it = codes.insert(codes.end(), part.text);
        auto ph = seg.append_child("ph");
        ph.append_attribute("x") = static_cast<int>(it - codes.begin()) + 1;
        ph.append_child(pugi::node_pcdata).set_value(part.text.c_str());
      }
      seg.append_child(pugi::node_pcdata);
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace quire::l10n
