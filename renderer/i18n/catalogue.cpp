// Reading translation catalogues: XLIFF 1.2, the exchange format every CAT tool
// (Weblate, Crowdin, Trados, memoQ, OmegaT, Poedit) opens.
#include <algorithm>
#include <cstdlib>
#include <pugixml.hpp>

#include "i18n/locale.hpp"
#include "i18n/xliff_state.hpp"

namespace quire::i18n {

TranslationState state_from_xliff(std::string_view state, bool has_target) {
  if (state.empty()) return has_target ? TranslationState::Translated : TranslationState::New;
  if (state == "final") return TranslationState::Final;
  if (state == "signed-off") return TranslationState::Reviewed;
  if (state == "translated" || state.starts_with("needs-review")) return TranslationState::Translated;
  return TranslationState::New;  // new, needs-translation, needs-adaptation, needs-l10n, x-...
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

/// The text of an element, keeping inline markup out: catalogues hold ICU MessageFormat
/// only, so a <g> or <x/> from a CAT tool is a problem to report, not to flatten.
std::string element_text(const pugi::xml_node& node, const LineIndex& lines, const std::string& id,
                         Diagnostics& diags) {
  std::string out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      diags.error(Origin::Locale, "locale.markup",
                  "'" + id + "': inline markup <" + std::string(child.name()) +
                      "> is not supported; placeholders are written as {name}",
                  lines.at(static_cast<std::size_t>(child.offset_debug())));
    }
  }
  return out;
}

}  // namespace

void Catalogue::load_xliff(std::string_view xml, const std::string& file, Diagnostics& diags) {
  LineIndex lines(xml, file);
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
      m.source = element_text(source, lines, m.id, diags);
      auto target = unit.child("target");
      if (target) m.target = element_text(target, lines, m.id, diags);
      m.target_pos = pos;
      if (target) {
        auto text = target.first_child();
        m.target_pos = lines.at(static_cast<std::size_t>(text ? text.offset_debug() : target.offset_debug()));
      }
      std::string_view state = target.attribute("state").as_string();
      m.state = state_from_xliff(state, !m.target.empty());
      m.needs_review = state.starts_with("needs-review");
      if (m.target.empty()) m.state = TranslationState::New;
      std::string_view qualifier = target.attribute("state-qualifier").as_string();
      m.machine_drafted = qualifier == "mt-suggestion" || qualifier == "leveraged-mt";
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
                    "'" + m.id + "' is defined twice (first at line " + std::to_string(it->second.pos.line) + ")", pos);
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
