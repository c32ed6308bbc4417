// Translations: the translators' job API over the l10n stage. Loads catalogues and
// templates through the World; hands back new catalogue bytes, never writes.
#include "quire/translations.hpp"

#include <algorithm>
#include <set>

#include "i18n/locale.hpp"
#include "l10n/workflow.hpp"
#include "template/template.hpp"

namespace quire {

struct Translations::Impl {
  const World& world;
  EngineConfig config;

  [[nodiscard]] std::string path_of(const std::string& tag) const {
    return config.locales_dir + "/" + tag + "/messages.xlf";
  }

  /// A fresh catalogue (not cached: the files may have just been rewritten).
  std::optional<i18n::Catalogue> load(const std::string& tag, Diagnostics& diags) const {
    i18n::LocaleStore store(world, config.locales_dir);
    const i18n::Catalogue* cat = store.catalogue(tag, diags);
    if (!cat) return std::nullopt;
    return *cat;
  }

  std::optional<i18n::Catalogue> english(Diagnostics& diags) const {
    auto cat = load(std::string(i18n::kSourceLocale), diags);
    if (!cat) diags.error(Origin::Internal, "locale.no-source", "no English source catalogue in " + config.locales_dir);
    return cat;
  }

  [[nodiscard]] std::vector<std::string> templates() const {
    std::vector<std::string> names;
    for (const auto& name : world.list_directory(config.templates_dir))
      if (world.read_file(config.templates_dir + "/" + name + "/template.xml")) names.push_back(name);
    return names;
  }

  /// Every <t> of every template, in template order, with where it is used.
  std::vector<std::pair<std::string, tmpl::MessageUse>> uses(Diagnostics& diags) const {
    std::vector<std::pair<std::string, tmpl::MessageUse>> out;
    for (const auto& name : templates()) {
      auto tpl = tmpl::Template::load(world, config.templates_dir + "/" + name, diags);
      if (!tpl) continue;
      for (const auto& use : tpl->messages()) out.emplace_back(name, use);
    }
    return out;
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

  /// The locale's glossary (locales/<tag>/glossary.csv), empty if it has none.
  std::vector<l10n::GlossaryEntry> glossary(const std::string& tag, Diagnostics& diags) const {
    const std::string path = config.locales_dir + "/" + tag + "/glossary.csv";
    auto text = world.read_file(path);
    if (!text) return {};
    return l10n::parse_glossary(*text, path, diags);
  }

  std::optional<i18n::LocaleInfo> info(const std::string& tag, Diagnostics& diags) const {
    auto info = i18n::locale_info(tag);
    if (!info) diags.error(Origin::Usage, "usage.unknown-locale", "'" + tag + "' is not a valid locale tag");
    return info;
  }
};

Translations::Translations(const World& world, EngineConfig config)
    : impl_(std::make_unique<Impl>(Impl{world, std::move(config)})) {}
Translations::~Translations() = default;

std::vector<std::string> Translations::locales() const {
  i18n::LocaleStore store(impl_->world, impl_->config.locales_dir);
  auto tags = store.available();
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
  auto shipped = locales();
  shipped.emplace_back(i18n::kSourceLocale);
  if (auto found = i18n::closest_locale(tag, shipped)) return found;
  std::string list;
  for (const auto& t : locales()) list += (list.empty() ? "" : ", ") + t;
  diags.error(Origin::Usage, "usage.unknown-locale",
              "no catalogue for '" + tag + "' (shipped: " + list +
                  "); a new language starts from an English export: ask the developers to add its folder");
  return std::nullopt;
}

std::vector<std::string> Translations::templates_using(const std::string& id) const {
  std::vector<std::string> out;
  Diagnostics ignored;
  for (const auto& [name, use] : impl_->uses(ignored))
    if (use.id == id && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
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
    l10n::check(*english, *cat, *info, found);
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
  auto merged = l10n::import_xliff(xml, file, *english, *current, *info, diags);
  if (!merged) return std::nullopt;
  l10n::check_glossary(*english, probe, impl_->glossary(info->tag, diags), diags);
  CatalogueFile out{info->tag, impl_->path_of(info->tag), l10n::write_catalogue(*english, *merged), {}};
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
  auto english = impl_->english(diags);
  if (!english) return std::nullopt;
  Diagnostics load_diags;
  auto uses = impl_->uses(load_diags);
  diags.append(load_diags);
  if (load_diags.has_errors()) return std::nullopt;

  i18n::Catalogue updated = *english;
  CatalogueFile out{std::string(i18n::kSourceLocale), impl_->path_of(std::string(i18n::kSourceLocale)), {}, {}};
  std::set<std::string> seen;
  for (auto id : i18n::kEngineMessageIds) seen.emplace(id);
  for (const auto& [name, use] : uses) {
    if (!seen.insert(use.id).second) continue;
    const i18n::Message* had = english->find(use.id);
    if (use.english.empty()) {
      if (!had)
        diags.error(Origin::Template, "template.no-english",
                    "'" + use.id + "' has no English text: write it inside the <t> element", use.pos);
      continue;
    }
    i18n::Message m = had ? *had : i18n::Message{};
    m.id = use.id;
    if (!use.note.empty()) m.note = use.note;
    if (use.max_width > 0) m.max_width = use.max_width;
    bool changed = !had || had->source != use.english || had->note != m.note || had->max_width != m.max_width;
    if (!changed) continue;
    out.changes.push_back((had ? had->source != use.english ? "changed " : "context " : "added ") + use.id);
    m.source = m.target = use.english;
    m.state = i18n::TranslationState::Final;
    updated.put(std::move(m));
  }
  for (const auto& id : english->order()) {
    if (seen.count(id)) continue;
    out.changes.push_back("removed " + id + " (no template uses it; translations keep it until they are exported)");
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
  out.push_back(
      {english->tag, impl_->path_of(std::string(i18n::kSourceLocale)), l10n::write_catalogue(*english, *english), {}});
  for (const auto& tag : locales())
    if (auto cat = impl_->load(tag, diags))
      out.push_back({tag, impl_->path_of(tag), l10n::write_catalogue(*english, *cat), {}});
  return out;
}

}  // namespace quire
