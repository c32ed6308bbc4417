// Reading translation catalogues: XLIFF 1.2, the exchange format every CAT tool
// (Weblate, Crowdin, Trados, memoQ, OmegaT, Poedit) opens.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <pugixml.hpp>

#include "i18n/locale.hpp"
#include "i18n/xliff_state.hpp"

namespace quire::i18n {

TranslationState state_from_xliff(std::string_view state, std::string_view approved, bool has_target) {
  if (!has_target) return TranslationState::New;
  const bool yes = approved == "yes", no = approved == "no";
  if (state.starts_with("needs-review")) return TranslationState::Translated;  // not confirmed, approved or not
  if (state == "final") return no ? TranslationState::Translated : TranslationState::Final;
  if (state == "signed-off") return no ? TranslationState::Translated : TranslationState::Reviewed;
  if (state.empty() || state == "translated") return yes ? TranslationState::Reviewed : TranslationState::Translated;
  return TranslationState::New;  // new, needs-translation, needs-adaptation, needs-l10n, x-...
}

long message_too_deep(std::string_view pattern) {
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\'' && i + 1 < pattern.size()) {
      const char q = pattern[i + 1];
      if (q == '\'') {  // '' is one apostrophe
        ++i;
      } else if (q == '{' || q == '}' || q == '#' || q == '|') {  // quoted until the next apostrophe
        size_t end = pattern.find('\'', i + 1);
        if (end == std::string_view::npos) return -1;
        i = end;
      }
    } else if (c == '{') {
      if (++depth > kMaxMessageNesting) return static_cast<long>(i);
    } else if (c == '}') {
      --depth;
    }
  }
  return -1;
}

std::string_view state_to_xliff(TranslationState state) {
  switch (state) {
    case TranslationState::New:
      return "new";
    case TranslationState::Translated:
      return "translated";
    case TranslationState::Reviewed:
      return "signed-off";
    case TranslationState::Final:
      return "final";
  }
  return "new";
}

namespace {

/// The inline codes of a <source>, by id, so that a target may refer to them as <x id="1"/>.
using InlineCodes = std::map<std::string, std::string, std::less<>>;

/// The text of an element as ICU MessageFormat. Export writes placeholders and plural
/// frames as <ph> (native code inside); a CAT tool may send them back as <ph>, as an
/// empty <x/> or <ph/> naming the source's code by id or by equiv-text, or flattened to
/// text: all come back as the same message. <mrk> (segmentation, protection) is
/// transparent. Formatting codes (<g>, <bpt>...) mean nothing in a catalogue and are reported.
std::string element_text(const pugi::xml_node& node, const LineIndex& lines, const std::string& id, Diagnostics& diags,
                         InlineCodes* record = nullptr, const InlineCodes* lookup = nullptr, int depth = 0) {
  std::string out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    const auto pos = lines.at(static_cast<std::size_t>(child.offset_debug()));
    if (name == "mrk" && depth < 8) {
      out += element_text(child, lines, id, diags, record, lookup, depth + 1);
    } else if (name == "ph" || name == "x") {
      std::string code;
      for (auto c : child.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) code += c.value();
      const std::string ref = child.attribute("id").as_string();
      if (code.empty()) code = child.attribute("equiv-text").as_string();
      if (code.empty() && lookup)
        if (auto it = lookup->find(ref); it != lookup->end()) code = it->second;
      if (code.empty()) {
        diags.error(Origin::Locale, "locale.markup",
                    "'" + id + "': the inline code <" + std::string(name) + " id=\"" + ref +
                        "\"> does not say which placeholder it stands for (no text, no equiv-text, no such code "
                        "in the source)",
                    pos);
        continue;
      }
      if (record && !ref.empty()) record->emplace(ref, code);
      out += code;
    } else {
      diags.error(Origin::Locale, "locale.markup",
                  "'" + id + "': inline markup <" + std::string(name) +
                      "> is not supported; placeholders are written as {name} or <ph>{name}</ph>",
                  pos);
    }
  }
  return out;
}

// What XLIFF may not carry, found in the raw text before parsing: a DOCTYPE (entity
// expansion, external entities), control characters (written out, they would make the
// catalogue invalid XML) and character references to them (&#0; would cut a message short).
bool refuse_raw(std::string_view xml, const LineIndex& lines, Diagnostics& diags) {
  auto refuse = [&](size_t at, const std::string& why) {
    diags.error(Origin::Locale, "locale.syntax", why, lines.at(at));
    return true;
  };
  if (auto at = xml.find("<!DOCTYPE"); at != std::string_view::npos)
    return refuse(at, "a DOCTYPE is not allowed in a catalogue (entities could expand or read files)");
  auto control = [](unsigned long c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F; };
  // The bytes that need a closer look (controls and '&'), from a table: every process reads
  // its catalogues at start-up, and testing each byte was a third of loading one.
  static const auto kLook = [control] {
    std::array<bool, 256> look{};
    for (unsigned c = 0; c < 256; ++c) look[c] = control(c) || c == '&';
    return look;
  }();
  for (size_t i = 0; i < xml.size(); ++i) {
    const auto c = static_cast<unsigned char>(xml[i]);
    if (!kLook[c]) continue;
    if (control(c)) return refuse(i, "a control character (U+" + std::to_string(c) + ") is not allowed in a catalogue");
    if (c == '&' && i + 2 < xml.size() && xml[i + 1] == '#') {
      const bool hex = xml[i + 2] == 'x' || xml[i + 2] == 'X';
      const size_t digits = i + (hex ? 3 : 2);
      const size_t semi = xml.find(';', digits);
      if (semi == std::string_view::npos || semi - digits > 8) continue;
      const unsigned long v =
          std::strtoul(std::string(xml.substr(digits, semi - digits)).c_str(), nullptr, hex ? 16 : 10);
      if (control(v) || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return refuse(i, "the character reference " + std::string(xml.substr(i, semi - i + 1)) +
                             " names a character a catalogue may not hold");
    }
  }
  return false;
}

bool known_state(std::string_view state) {
  static const char* const states[] = {"final",
                                       "needs-adaptation",
                                       "needs-l10n",
                                       "needs-review-adaptation",
                                       "needs-review-l10n",
                                       "needs-review-translation",
                                       "needs-translation",
                                       "new",
                                       "signed-off",
                                       "translated"};
  if (state.empty() || state.starts_with("x-")) return true;
  return std::find(std::begin(states), std::end(states), state) != std::end(states);
}

}  // namespace

void Catalogue::load_xliff(std::string_view xml, const std::string& file, Diagnostics& diags) {
  LineIndex lines(xml, file);
  if (refuse_raw(xml, lines, diags)) return;
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    diags.error(Origin::Locale, "locale.syntax", parsed.description(),
                lines.at(static_cast<std::size_t>(parsed.offset)));
    return;
  }
  auto root = doc.child("xliff");
  if (!root) {
    diags.error(Origin::Locale, "locale.syntax", "not an XLIFF file: the root element must be <xliff>", lines.at(0));
    return;
  }
  for (auto file_node : root.children("file")) {
    if (tag.empty()) tag = file_node.attribute("target-language").as_string();
    for (auto note : file_node.child("header").children("note"))
      header_notes.push_back({note.attribute("from").as_string(), note.text().as_string()});
    for (auto unit : file_node.child("body").children("trans-unit")) {
      auto pos = lines.at(static_cast<std::size_t>(unit.offset_debug()));
      Message m;
      m.id = unit.attribute("id").as_string();
      m.pos = pos;
      if (m.id.empty()) {
        diags.error(Origin::Locale, "locale.no-id", "a trans-unit without an id", pos);
        continue;
      }
      auto source = unit.child("source");
      if (!source) {
        diags.error(Origin::Locale, "locale.no-source", "'" + m.id + "' has no <source>", pos);
        continue;
      }
      InlineCodes codes;
      m.source = element_text(source, lines, m.id, diags, &codes);
      auto target = unit.child("target");
      if (target) m.target = element_text(target, lines, m.id, diags, nullptr, &codes);
      m.has_target_element = static_cast<bool>(target);
      for (const std::string* text : {&m.source, &m.target})
        if (message_too_deep(*text) >= 0) {
          diags.error(Origin::Locale, "locale.limit",
                      "'" + m.id + "' nests more than " + std::to_string(kMaxMessageNesting) + " braces deep", pos);
          text == &m.source ? m.source.clear() : m.target.clear();
        }
      m.target_pos = pos;
      if (target) {
        auto text = target.first_child();
        m.target_pos = lines.at(static_cast<std::size_t>(text ? text.offset_debug() : target.offset_debug()));
      }
      std::string_view state = target.attribute("state").as_string();
      if (!known_state(state))
        diags.error(
            Origin::Locale, "locale.state",
            "'" + m.id + "': unknown state '" + std::string(state) + "' (XLIFF 1.2 states, or x-... for a tool's own)",
            pos);
      m.declared_state = std::string(state);
      std::string_view approved = unit.attribute("approved").as_string();
      m.state = state_from_xliff(state, approved, !m.target.empty());
      m.needs_review = state.starts_with("needs-review");
      if (m.target.empty()) m.state = TranslationState::New;
      std::string_view qualifier = target.attribute("state-qualifier").as_string();
      // A string signed off or final has been read by a person: a machine-draft qualifier
      // left behind by a tool (translate-toolkit keeps it when the text is edited) no longer holds.
      m.machine_drafted = (qualifier == "mt-suggestion" || qualifier == "leveraged-mt") &&
                          m.state != TranslationState::Reviewed && m.state != TranslationState::Final;
      m.max_width = unit.attribute("maxwidth").as_int(0);
      for (auto note : unit.children("note")) {
        std::string_view from = note.attribute("from").as_string();
        if (from == "developer")
          m.note = note.text().as_string();
        else if (from == "translator")
          m.translator_notes.emplace_back(note.text().as_string());
        // other notes (from="quire": where the string is used) are regenerated on export
      }
      auto [it, inserted] = messages_.try_emplace(m.id, m);
      if (inserted) order_.push_back(m.id);
      if (!inserted) {
        diags.error(Origin::Locale, "locale.duplicate-id",
                    "'" + m.id + "' is defined twice (first at " + it->second.pos.file + ":" +
                        std::to_string(it->second.pos.line) + "); a catalogue folder holds one copy of each string",
                    pos);
      }
    }
  }
}

const Message* Catalogue::find(std::string_view id) const {
  auto it = messages_.find(id);
  return it == messages_.end() ? nullptr : &it->second;
}

void Catalogue::put(Message m) {
  auto it = messages_.find(m.id);
  if (it == messages_.end()) {
    order_.push_back(m.id);
    messages_.emplace(m.id, std::move(m));
  } else {
    it->second = std::move(m);
  }
}

bool Catalogue::erase(std::string_view id) {
  auto it = messages_.find(id);
  if (it == messages_.end()) return false;
  messages_.erase(it);
  order_.erase(std::find(order_.begin(), order_.end(), id));
  return true;
}

LocaleStore::LocaleStore(const World& world, std::string root) : world_(world), root_(std::move(root)) {}

const Catalogue* LocaleStore::catalogue(std::string_view tag, Diagnostics& diags) {
  if (auto it = loaded_.find(tag); it != loaded_.end()) return it->second.get();
  std::string dir = root_ + "/" + std::string(tag);
  if (tag.empty() || tag.find('/') != std::string_view::npos || tag.find("..") != std::string_view::npos ||
      !world_.is_directory(dir))
    return nullptr;
  auto cat = std::make_unique<Catalogue>();
  for (const auto& name : world_.list_directory(dir)) {
    if (!name.ends_with(".xlf")) continue;
    std::string path = dir + "/" + name;
    if (auto text = world_.read_file(path)) cat->load_xliff(*text, path, diags);
  }
  cat->tag = std::string(tag);
  auto* raw = cat.get();
  loaded_.emplace(std::string(tag), std::move(cat));
  return raw;
}

std::vector<std::string> LocaleStore::available() const {
  std::vector<std::string> tags;
  for (const auto& name : world_.list_directory(root_))
    if (world_.is_directory(root_ + "/" + name)) tags.push_back(name);
  std::sort(tags.begin(), tags.end());
  return tags;
}

}  // namespace quire::i18n
