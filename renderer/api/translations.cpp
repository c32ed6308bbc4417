// Translations: the translators' job API over the l10n stage. Loads catalogues and
// templates through the World; hands back new catalogue bytes, never writes.
#include "quire/translations.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "i18n/locale.hpp"
#include "l10n/workflow.hpp"
#include "template/template.hpp"

namespace quire {

struct Translations::Impl {
  const World& world;
  EngineConfig config;
  std::string folder;  ///< a template folder of its own, or empty: quire's templates and catalogues

  [[nodiscard]] bool in_folder() const { return !folder.empty(); }

  [[nodiscard]] std::string path_of(const std::string& tag) const {
    if (in_folder()) return folder + "/" + l10n::folder_catalogue_path(tag);
    return config.locales_dir + "/" + tag + "/messages.xlf";
  }

  /// A catalogue file to write: in a template folder, marked to be written inside it only.
  [[nodiscard]] CatalogueFile file_of(const std::string& tag) const {
    CatalogueFile f{tag, path_of(tag), {}, {}};
    if (in_folder()) f.folder = folder;
    return f;
  }

  /// quire's own catalogue of `tag` (not cached: the files may have just been rewritten).
  std::optional<i18n::Catalogue> load_shared(const std::string& tag, Diagnostics& diags) const {
    i18n::LocaleStore store(world, config.locales_dir);
    const i18n::Catalogue* cat = store.catalogue(tag, diags);
    if (!cat) return std::nullopt;
    return *cat;
  }

  /// A fresh catalogue of what this works on (quire's, or the template folder's own).
  std::optional<i18n::Catalogue> load(const std::string& tag, Diagnostics& diags) const {
    if (in_folder()) return l10n::load_folder_catalogue(world, folder, tag, diags);
    return load_shared(tag, diags);
  }

  std::optional<i18n::Catalogue> english(Diagnostics& diags) const {
    auto cat = load(std::string(i18n::kSourceLocale), diags);
    if (!cat && in_folder()) {
      Diagnostic d{Severity::Error,
                   Origin::Usage,
                   "usage.no-folder-english",
                   "the template folder " + folder + " has no English catalogue yet (" +
                       path_of(std::string(i18n::kSourceLocale)) + ")",
                   {},
                   {},
                   "quire locales extract --template " + folder + " writes it from the template's <t> elements"};
      diags.add(std::move(d));
    } else if (!cat) {
      diags.error(Origin::Internal, "locale.no-source", "no English source catalogue in " + config.locales_dir);
    }
    return cat;
  }

  /// The templates worked on: their names (or the template folder's path) and folders.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> templates() const {
    std::vector<std::pair<std::string, std::string>> out;
    if (in_folder()) {
      out.emplace_back(folder.substr(folder.find_last_of('/') + 1), folder);
      return out;
    }
    for (const auto& name : world.list_directory(config.templates_dir))
      if (world.read_file(config.templates_dir + "/" + name + "/template.xml"))
        out.emplace_back(name, config.templates_dir + "/" + name);
    return out;
  }

  /// Every <t> and t() of every template, in template order, with where it is used.
  std::vector<std::pair<std::string, tmpl::MessageUse>> uses(Diagnostics& diags) const {
    std::vector<std::pair<std::string, tmpl::MessageUse>> out;
    for (const auto& [name, dir] : templates()) {
      auto tpl = tmpl::Template::load(world, dir, diags);
      if (!tpl) continue;
      for (const auto& use : tpl->messages()) out.emplace_back(name, use);
    }
    return out;
  }

  /// In a template folder, a translation keeps only the ids of the folder's English (an id it
  /// no longer has would stop its documents rendering): removes the others, saying which.
  std::vector<std::string> drop_unknown(const i18n::Catalogue& english, i18n::Catalogue& cat) const {
    std::vector<std::string> changes;
    if (!in_folder()) return changes;
    const std::vector<std::string> ids = cat.order();
    for (const auto& id : ids)
      if (!english.find(id) && cat.erase(id))
        changes.push_back("removed " + id + " (the template folder's English no longer has it)");
    return changes;
  }

  /// The locales a template folder may be translated into: quire's and its own.
  [[nodiscard]] std::vector<std::string> known_locales() const {
    i18n::LocaleStore store(world, config.locales_dir);
    auto tags = store.available();
    if (in_folder())
      for (const auto& tag : l10n::folder_locales(world, folder))
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    tags.erase(std::remove(tags.begin(), tags.end(), std::string(i18n::kSourceLocale)), tags.end());
    std::sort(tags.begin(), tags.end());
    return tags;
  }

  l10n::UsageMap usage_map() const {
    l10n::UsageMap map;
    Diagnostics ignored;  // a broken template must not stop a translator's export
    for (const auto& [name, use] : uses(ignored)) {
      auto file = use.pos.file.substr(use.pos.file.find_last_of('/') + 1);
      map[use.id].push_back({name, file + ":" + std::to_string(use.pos.line) + ", " + use.context});
    }
    return map;
  }

  /// The locale's glossary (locales/<tag>/glossary.csv: the template folder's own if it has
  /// one, else quire's), empty if there is none.
  std::vector<l10n::GlossaryEntry> glossary(const std::string& tag, Diagnostics& diags) const {
    std::string path = config.locales_dir + "/" + tag + "/glossary.csv";
    auto text = world.read_file(path);
    if (in_folder())
      if (auto own = world.read_file_within(folder, "locales/" + tag + "/glossary.csv")) {
        text = std::move(own);
        path = folder + "/locales/" + tag + "/glossary.csv";
      }
    if (!text) return {};
    return l10n::parse_glossary(*text, path, diags);
  }

  std::optional<i18n::LocaleInfo> info(const std::string& tag, Diagnostics& diags) const {
    auto info = i18n::locale_info(tag);
    if (!info) diags.error(Origin::Usage, "usage.unknown-locale", "'" + tag + "' is not a valid locale tag");
    return info;
  }
};

Translations::Translations(const World& world, EngineConfig config, std::string template_folder)
    : impl_(std::make_unique<Impl>(Impl{world, std::move(config), std::move(template_folder)})) {
  while (impl_->folder.size() > 1 && impl_->folder.back() == '/') impl_->folder.pop_back();
}
Translations::~Translations() = default;

std::vector<std::string> Translations::locales() const {
  // A template folder's are the languages it has a catalogue for; quire's, those it ships.
  auto tags = impl_->in_folder() ? l10n::folder_locales(impl_->world, impl_->folder)
                                 : i18n::LocaleStore(impl_->world, impl_->config.locales_dir).available();
  tags.erase(std::remove(tags.begin(), tags.end(), std::string(i18n::kSourceLocale)), tags.end());
  return tags;
}

std::vector<LocaleProgress> Translations::status(const std::vector<std::string>& tags, Diagnostics& diags) const {
  std::vector<LocaleProgress> out;
  auto english = impl_->english(diags);
  if (!english) return out;
  for (const auto& tag : tags.empty() ? locales() : tags) {
    auto info = impl_->info(tag, diags);
    auto cat = impl_->load(tag, diags);
    if (!info) continue;
    if (!cat) {
      cat.emplace();
      cat->tag = tag;
    }
    auto st = l10n::status(*english, *cat, info->english_name);
    using S = l10n::StringStatus;
    LocaleProgress row{tag,
                       st.name,
                       st.counts[S::New],
                       st.counts[S::Translated],
                       st.counts[S::Reviewed],
                       st.counts[S::Final],
                       st.counts[S::Stale],
                       st.counts[S::Missing],
                       st.total,
                       st.machine_drafted,
                       st.percent_complete()};
    row.broken = st.broken;
    out.push_back(row);
  }
  return out;
}

std::optional<std::string> Translations::resolve(const std::string& tag, Diagnostics& diags) const {
  auto shipped = impl_->known_locales();
  shipped.emplace_back(i18n::kSourceLocale);
  if (auto found = i18n::closest_locale(tag, shipped)) return found;
  std::string list;
  for (const auto& t : impl_->known_locales()) list += (list.empty() ? "" : ", ") + t;
  diags.error(Origin::Usage, "usage.unknown-locale",
              "no catalogue for '" + tag + "' (shipped: " + list +
                  "); a new language starts from an English export: ask the developers to add its folder");
  return std::nullopt;
}

std::vector<std::string> Translations::templates_using(const std::string& id) const {
  std::vector<std::string> out;
  Diagnostics ignored;
  for (const auto& [name, use] : impl_->uses(ignored)) {
    const std::string ref = impl_->in_folder() ? impl_->folder : name;
    if (use.id == id && std::find(out.begin(), out.end(), ref) == out.end()) out.push_back(ref);
  }
  return out;
}

std::vector<StringRow> Translations::list(const std::string& tag, StringList which, Diagnostics& diags) const {
  std::vector<StringRow> out;
  auto english = impl_->english(diags);
  auto resolved = resolve(tag, diags);
  if (!english || !resolved) return out;
  auto cat = impl_->load(*resolved, diags);
  if (!cat) cat.emplace();
  using S = l10n::StringStatus;
  const auto broken = l10n::broken(*english, *cat);
  for (const auto& id : english->order()) {
    const auto& source = *english->find(id);
    const auto* translated = cat->find(id);
    const S st = l10n::classify(source, translated);
    const bool current = st == S::Translated || st == S::Reviewed || st == S::Final;
    bool wanted = false;
    switch (which) {
      case StringList::New:
        wanted = st == S::New || st == S::Missing;
        break;
      case StringList::Stale:
        wanted = st == S::Stale;
        break;
      case StringList::Review:
        wanted = st == S::Translated;
        break;
      case StringList::Machine:
        wanted = current && translated->machine_drafted;
        break;
      case StringList::Broken:
        wanted = broken.count(id) > 0;
        break;
    }
    if (!wanted) continue;
    out.push_back({id, source.source, translated ? translated->target : std::string(),
                   st == S::Stale ? translated->source : std::string(), st == S::Missing ? "new" : l10n::to_string(st),
                   translated && translated->machine_drafted, translated && translated->needs_review});
  }
  return out;
}

void Translations::check(const std::vector<std::string>& tags, Diagnostics& diags) const {
  auto english = impl_->english(diags);
  if (!english) return;
  l10n::check(*english, *english, *i18n::locale_info(i18n::kSourceLocale), diags);
  for (const auto& tag : tags.empty() ? locales() : tags) {
    auto info = impl_->info(tag, diags);
    auto cat = impl_->load(tag, diags);
    if (!info) continue;
    if (!cat) {
      diags.error(Origin::Usage, "usage.unknown-locale", "no catalogue for locale '" + tag + "'");
      continue;
    }
    Diagnostics found;
    if (impl_->in_folder()) {  // a template folder's translation holds its English's ids, no others
      Diagnostics checked;
      l10n::check(*english, *cat, *info, checked);
      for (const auto& d : checked.items())
        if (d.code != "locale.obsolete") found.add(d);
      l10n::check_folder_ids(*english, *cat, impl_->path_of(std::string(i18n::kSourceLocale)), found);
    } else {
      l10n::check(*english, *cat, *info, found);
    }
    l10n::check_file_language(*cat, *info, {impl_->path_of(tag), 1, 1}, found);
    l10n::check_glossary(*english, *cat, impl_->glossary(tag, found), found);
    diags.append(found);
  }
}

std::optional<std::string> Translations::export_locale(const std::string& tag, Diagnostics& diags) const {
  auto english = impl_->english(diags);
  auto resolved = resolve(tag, diags);
  if (!english || !resolved) return std::nullopt;
  if (*resolved == i18n::kSourceLocale) {
    diags.error(Origin::Usage, "usage.export-source",
                "'" + tag + "' is the English source; it is written in the templates, not translated");
    return std::nullopt;
  }
  auto info = impl_->info(*resolved, diags);
  if (!info) return std::nullopt;
  auto cat = impl_->load(*resolved, diags);
  if (!cat) {
    cat.emplace();
    cat->tag = info->tag;
  }
  return l10n::export_xliff(*english, *cat, impl_->usage_map());
}

std::optional<std::string> Translations::export_memory(const std::string& tag, Diagnostics& diags) const {
  auto english = impl_->english(diags);
  auto resolved = resolve(tag, diags);
  if (!english || !resolved) return std::nullopt;
  auto cat = impl_->load(*resolved, diags);
  if (!cat) {
    cat.emplace();
    cat->tag = *resolved;
  }
  return l10n::export_tmx(*english, *cat);
}

std::optional<CatalogueFile> Translations::import_file(std::string_view xml, const std::string& file,
                                                       Diagnostics& diags) const {
  auto english = impl_->english(diags);
  if (!english) return std::nullopt;
  i18n::Catalogue probe;
  Diagnostics probe_diags;
  probe.load_xliff(xml, file, probe_diags);
  if (probe_diags.has_errors()) {
    diags.append(probe_diags);
    return std::nullopt;
  }
  // What CAT tools write (ar-SA, ps-AF, fa-AF) is the shipped catalogue the renderer would use.
  if (probe.tag.empty()) {
    diags.error(Origin::Usage, "usage.unknown-locale",
                "the file does not say its language: <file> has no target-language attribute (export writes one)",
                {file, 1, 1});
    return std::nullopt;
  }
  auto resolved = resolve(probe.tag, diags);
  if (!resolved) return std::nullopt;
  auto info = impl_->info(*resolved, diags);
  if (!info) return std::nullopt;
  // Only into a shipped catalogue, found the way `render --locale` finds one ("ar-SA" -> ar,
  // "fa-AF" -> prs): a tag with none was a usage error above, never a new folder.
  if (*resolved != probe.tag)
    diags.warning(Origin::Locale, "locale.closest",
                  "'" + probe.tag + "' has no catalogue of its own: importing into " + info->tag + " (" +
                      info->english_name + "), the closest shipped locale");
  if (info->tag == i18n::kSourceLocale) {
    diags.error(Origin::Usage, "usage.import-source",
                "this is an English file; the English source changes through the templates (quire locales extract)");
    return std::nullopt;
  }
  auto current = impl_->load(info->tag, diags);
  if (!current) {
    current.emplace();
    current->tag = info->tag;
  }
  std::vector<std::string> dropped = impl_->drop_unknown(*english, *current);
  auto merged = l10n::import_xliff(xml, file, *english, *current, *info, diags);
  if (!merged) return std::nullopt;
  l10n::check_glossary(*english, probe, impl_->glossary(info->tag, diags), diags);
  CatalogueFile out = impl_->file_of(info->tag);
  out.bytes = l10n::write_catalogue(*english, *merged);
  out.changes = std::move(dropped);
  for (const auto& id : english->order()) {
    const auto* before = current->find(id);
    const auto* after = merged->find(id);
    if (!after) continue;
    std::vector<std::string> what;
    if (!before || before->target != after->target) what.emplace_back("text");
    if (before && before->state != after->state) what.emplace_back("state");
    if (before && before->machine_drafted != after->machine_drafted && !after->machine_drafted)
      what.emplace_back("no longer a machine draft");
    if (before && before->source != after->source && before->target == after->target) what.emplace_back("confirmed");
    if (after->needs_review) what.emplace_back("still marked for review");
    if (!before || before->target != after->target || before->state != after->state ||
        before->machine_drafted != after->machine_drafted || before->source != after->source ||
        before->needs_review != after->needs_review) {
      std::string line = "updated " + id;
      for (std::size_t i = 0; i < what.size(); ++i) line += (i ? ", " : " (") + what[i];
      out.changes.push_back(what.empty() ? line : line + ")");
    }
  }
  return out;
}

std::optional<CatalogueFile> Translations::extract(Diagnostics& diags) const {
  const std::string source_tag(i18n::kSourceLocale);
  std::optional<i18n::Catalogue> english;
  std::optional<i18n::Catalogue> shared;  // in a template folder: quire's English, whose strings stay shared
  if (impl_->in_folder()) {
    english = impl_->load(source_tag, diags);
    if (!english) {  // a folder's first extract starts its English catalogue
      english.emplace();
      english->tag = source_tag;
    }
    Diagnostics ignored;  // quire's own catalogue is `quire locales check`'s business
    shared = impl_->load_shared(source_tag, ignored);
  } else {
    english = impl_->english(diags);
  }
  if (!english) return std::nullopt;
  Diagnostics load_diags;
  auto uses = impl_->uses(load_diags);
  diags.append(load_diags);
  if (load_diags.has_errors()) return std::nullopt;

  // The English of each id is the first the template gives, wherever that is: a t() in an
  // attribute (the document's title) often comes before the <t> that says the English.
  std::map<std::string, const tmpl::MessageUse*> given;
  for (const auto& [name, use] : uses) {
    if (use.english.empty()) continue;
    auto [it, first] = given.emplace(use.id, &use);
    if (!first && it->second->english != use.english)
      diags.warning(Origin::Template, "template.english-differs",
                    "'" + use.id + "' is given other English here than at " + it->second->pos.file + ":" +
                        std::to_string(it->second->pos.line) + "; the catalogue takes the first",
                    use.pos);
  }

  i18n::Catalogue updated = *english;
  CatalogueFile out = impl_->file_of(source_tag);
  std::set<std::string> seen;
  for (auto id : i18n::kEngineMessageIds)  // the engine's own: kept (in a folder, if it gave them)
    if (!impl_->in_folder() || english->find(id)) seen.emplace(id);
  for (const auto& [name, use] : uses) {
    if (!seen.insert(use.id).second) continue;
    const i18n::Message* had = english->find(use.id);
    auto from = given.find(use.id);
    if (from == given.end()) {
      if (had) continue;
      if (shared && shared->find(use.id)) {  // one of quire's shared strings: not the folder's to keep
        seen.erase(use.id);
        continue;
      }
      Diagnostic d{Severity::Error,
                   Origin::Template,
                   "template.no-english",
                   "'" + use.id + "' has no English text" +
                       (impl_->in_folder() ? ": no <t> or t() of the template gives it, and quire has no such string"
                                           : ": no <t> or t() of the templates gives it"),
                   use.pos,
                   {},
                   "write the English inside <t id=\"" + use.id +
                       "\">...</t>, or as the second argument of t(): "
                       "t('" +
                       use.id + "', 'English text')"};
      diags.add(std::move(d));
      continue;
    }
    const tmpl::MessageUse& src = *from->second;
    i18n::Message m = had ? *had : i18n::Message{};
    m.id = use.id;
    if (!src.note.empty()) m.note = src.note;
    if (src.max_width > 0) m.max_width = src.max_width;
    bool changed = !had || had->source != src.english || had->note != m.note || had->max_width != m.max_width;
    if (!changed) continue;
    out.changes.push_back((had ? had->source != src.english ? "changed " : "context " : "added ") + use.id);
    m.source = m.target = src.english;
    m.state = i18n::TranslationState::Final;
    updated.put(std::move(m));
  }
  for (const auto& id : english->order()) {
    if (seen.count(id)) continue;
    out.changes.push_back("removed " + id +
                          (impl_->in_folder()
                               ? " (the template no longer uses it; its translations in the folder go too)"
                               : " (no template uses it; translations keep it until they are exported)"));
    updated.erase(id);
  }
  if (diags.has_errors()) return std::nullopt;
  out.bytes = l10n::write_catalogue(updated, updated);
  // What the change costs the translators: strings whose English changed, and in how
  // many languages a translation of them is now out of date.
  std::vector<i18n::Catalogue> catalogues;
  for (const auto& tag : locales()) {
    Diagnostics ignored;  // a broken catalogue is `check`'s business, not extract's
    if (auto cat = impl_->load(tag, ignored)) catalogues.push_back(std::move(*cat));
  }
  std::set<std::string> stale_locales;
  for (const auto& id : updated.order()) {
    const auto* had = english->find(id);
    if (!had || had->source == updated.find(id)->source) continue;
    bool any = false;
    for (const auto& cat : catalogues) {
      const auto* tr = cat.find(id);
      if (tr && !tr->target.empty() && tr->source == had->source) {
        stale_locales.insert(cat.tag);
        any = true;
      }
    }
    if (any) ++out.strings_gone_stale;
  }
  out.locales_affected = static_cast<int>(stale_locales.size());
  return out;
}

std::vector<CatalogueFile> Translations::normalise(Diagnostics& diags) const {
  std::vector<CatalogueFile> out;
  auto english = impl_->english(diags);
  if (!english) return out;
  out.push_back(impl_->file_of(std::string(i18n::kSourceLocale)));
  out.back().bytes = l10n::write_catalogue(*english, *english);
  for (const auto& tag : locales())
    if (auto cat = impl_->load(tag, diags)) {
      out.push_back(impl_->file_of(tag));
      out.back().changes = impl_->drop_unknown(*english, *cat);
      out.back().bytes = l10n::write_catalogue(*english, *cat);
    }
  return out;
}

}  // namespace quire
