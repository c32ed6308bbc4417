// Writing XLIFF 1.2: the canonical catalogue form kept in locales/<tag>/, and the
// export translators open in their CAT tool. Deterministic, so that an export
// imported unchanged gives back the catalogue byte for byte.
#include <algorithm>
#include <pugixml.hpp>
#include <sstream>

#include "i18n/message_parts.hpp"
#include "i18n/xliff_state.hpp"
#include "l10n/workflow.hpp"

namespace quire::l10n {

namespace {

struct Writer {
  pugi::xml_document doc;
  pugi::xml_node body;

  Writer(const Catalogue& target) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto xliff = doc.append_child("xliff");
    xliff.append_attribute("version") = "1.2";
    xliff.append_attribute("xmlns") = "urn:oasis:names:tc:xliff:document:1.2";
    auto file = xliff.append_child("file");
    file.append_attribute("original") = "quire";
    file.append_attribute("source-language") = std::string(i18n::kSourceLocale).c_str();
    file.append_attribute("target-language") = target.tag.c_str();
    file.append_attribute("datatype") = "plaintext";
    if (!target.header_notes.empty()) {
      auto header = file.append_child("header");
      for (const auto& note : target.header_notes) {
        auto n = header.append_child("note");
        if (!note.from.empty()) n.append_attribute("from") = note.from.c_str();
        n.text() = note.text.c_str();
      }
    }
    body = file.append_child("body");
  }

  pugi::xml_node unit(const Message& english, const std::string& id) {
    auto u = body.append_child("trans-unit");
    u.append_attribute("id") = id.c_str();
    if (english.max_width > 0) {
      u.append_attribute("maxwidth") = english.max_width;
      u.append_attribute("size-unit") = "char";
    }
    return u;
  }

  static void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).append_child(pugi::node_pcdata).set_value(text.c_str());
  }

  /// `text` with its ICU syntax as <ph id="N">...</ph>, so a CAT tool protects it. Ids
  /// follow the source: the same code in the target gets the source's id.
  static void coded_child(pugi::xml_node parent, const char* name, const std::string& text,
                          std::vector<std::string>& ids) {
    auto node = parent.append_child(name);
    // Empty text nodes first and last keep pugixml from indenting inside mixed content
    // (which would add spaces and a line break to the message).
    node.append_child(pugi::node_pcdata);
    for (const auto& part : i18n::split_message(text)) {
      if (!part.code) {
        node.append_child(pugi::node_pcdata).set_value(part.text.c_str());
        continue;
      }
      auto it = std::find(ids.begin(), ids.end(), part.text);
      if (it == ids.end()) it = ids.insert(ids.end(), part.text);
      auto ph = node.append_child("ph");
      ph.append_attribute("id") = static_cast<int>(it - ids.begin()) + 1;
      ph.append_child(pugi::node_pcdata).set_value(part.text.c_str());
    }
    node.append_child(pugi::node_pcdata);
  }

  static void target(pugi::xml_node u, const Message& m, std::string_view state,
                     std::vector<std::string>* ids = nullptr) {
    if (!m.target.empty() && i18n::approved_in_xliff(m.state) && state == i18n::state_to_xliff(m.state))
      u.append_attribute("approved") = "yes";
    if (ids) {
      coded_child(u, "target", m.target, *ids);
      auto t = u.child("target");
      t.prepend_attribute("state") = std::string(state).c_str();
      if (m.machine_drafted) t.insert_attribute_after("state-qualifier", t.attribute("state")) = "mt-suggestion";
      return;
    }
    auto t = u.append_child("target");
    t.append_attribute("state") = std::string(state).c_str();
    if (m.machine_drafted) t.append_attribute("state-qualifier") = "mt-suggestion";
    if (!m.target.empty()) t.append_child(pugi::node_pcdata).set_value(m.target.c_str());
  }

  static void notes(pugi::xml_node u, const std::string& developer, const Message* translated) {
    if (!developer.empty()) {
      auto n = u.append_child("note");
      n.append_attribute("from") = "developer";
      n.text() = developer.c_str();
    }
    if (!translated) return;
    for (const auto& text : translated->translator_notes) {
      auto n = u.append_child("note");
      n.append_attribute("from") = "translator";
      n.text() = text.c_str();
    }
  }

  std::string str() const {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_indent | pugi::format_no_empty_element_tags, pugi::encoding_utf8);
    return out.str();
  }
};

std::string_view stored_state(const Message& m) {
  if (m.needs_review && m.state == i18n::TranslationState::Translated) return "needs-review-translation";
  // A draft a tool marked unfinished (translate-toolkit's "fuzzy"): kept, never printed.
  if (m.state == i18n::TranslationState::New && !m.target.empty()) return "needs-translation";
  return i18n::state_to_xliff(m.state);
}

std::string usage_note(const std::vector<Usage>& uses) {
  std::string out = "Used in ";
  for (std::size_t i = 0; i < uses.size(); ++i)
    out += (i ? "; " : "") + uses[i].template_name + " (" + uses[i].where + ")";
  return out + ".";
}

}  // namespace

std::string write_catalogue(const Catalogue& english, const Catalogue& target) {
  Writer w(target);
  auto write_unit = [&](const Message& m, const Message& english_m) {
    auto u = w.unit(english_m, m.id);
    Writer::text_child(u, "source", m.source);
    Writer::target(u, m, stored_state(m));
    Writer::notes(u, m.note, &m);
  };
  for (const auto& id : english.order())
    if (const Message* m = target.find(id)) write_unit(*m, *english.find(id));
  for (const auto& id : target.order())  // strings the English dropped: kept, never silently lost
    if (!english.find(id)) write_unit(*target.find(id), *target.find(id));
  return w.str();
}

std::string export_xliff(const Catalogue& english, const Catalogue& target, const UsageMap& usage) {
  Writer w(target);
  for (const auto& id : english.order()) {
    const Message& source = *english.find(id);
    const Message* translated = target.find(id);
    auto st = classify(source, translated);
    auto u = w.unit(source, id);
    std::vector<std::string> ids;
    Writer::coded_child(u, "source", source.source, ids);
    if (st == StringStatus::New && translated && !translated->target.empty()) {
      Writer::target(u, *translated, "needs-translation", &ids);  // the unfinished draft, to go on with
    } else if (st == StringStatus::Missing || st == StringStatus::New) {
      Message empty;
      if (translated) empty = *translated;
      empty.target.clear();
      Writer::target(u, empty, "new", &ids);
    } else if (st == StringStatus::Stale) {
      Writer::target(u, *translated, "needs-review-translation", &ids);
      auto alt = u.append_child("alt-trans");
      alt.append_attribute("origin") = "previous-translation";
      std::vector<std::string> alt_ids;
      Writer::coded_child(alt, "source", translated->source, alt_ids);
      Writer::coded_child(alt, "target", translated->target, alt_ids);
    } else {
      Writer::target(u, *translated, stored_state(*translated), &ids);
    }
    Writer::notes(u, source.note, translated);
    if (st == StringStatus::Stale) {
      auto n = u.append_child("note");
      n.append_attribute("from") = "quire";
      n.text() = ("The English changed. It was: \"" + translated->source +
                  "\". Please check the translation against the new English and update it.")
                     .c_str();
    }
    if (auto it = usage.find(id); it != usage.end() && !it->second.empty()) {
      auto n = u.append_child("note");
      n.append_attribute("from") = "quire";
      n.text() = usage_note(it->second).c_str();
    }
  }
  return w.str();
}

}  // namespace quire::l10n
