// Importing a translator's XLIFF: all or nothing. A file that would lose data or
// break a document is refused whole, with every problem listed.
#include "l10n/workflow.hpp"

namespace quire::l10n {

std::optional<Catalogue> import_xliff(std::string_view xml, const std::string& file, const Catalogue& english,
                                      const Catalogue& current, const i18n::LocaleInfo& locale, Diagnostics& diags) {
  Diagnostics found;
  Catalogue incoming;
  incoming.load_xliff(xml, file, found);
  if (found.has_errors()) {
    diags.append(found);
    return std::nullopt;
  }
  // A file for "ar-SA" belongs in "ar": the closest shipped catalogue, as for rendering.
  if (incoming.tag != locale.tag && incoming.tag != current.tag &&
      i18n::closest_locale(incoming.tag, {locale.tag}) != locale.tag) {
    found.error(Origin::Locale, "locale.wrong-language",
                "this file is for '" + incoming.tag + "', not '" + current.tag + "'", {file, 1, 1});
  }

  Catalogue merged = current;
  for (const auto& id : incoming.order()) {
    const Message& in = *incoming.find(id);
    const Message* source = english.find(id);
    if (!source) {
      found.error(Origin::Locale, "locale.unknown-id",
                  "'" + id + "' is not a string of any template; it would be lost on import", in.pos);
      continue;
    }
    if (in.target.empty()) continue;  // nothing translated here: keep what we have
    if (in.source != source->source) {
      found.error(Origin::Locale, "locale.source-changed",
                  "'" + id + "' was translated from \"" + in.source + "\", but the English is now \"" + source->source +
                      "\"; export again and translate the new text",
                  in.pos);
      continue;
    }
    const Message* had = current.find(id);
    // An exported stale string sent back untouched stays stale: nobody has checked it yet.
    if (had && in.needs_review && in.target == had->target && had->source != source->source) continue;
    Message m = in;
    m.source = source->source;
    m.note = source->note;
    m.max_width = source->max_width;
    merged.put(std::move(m));
  }

  Diagnostics checked;
  check(english, incoming, locale, checked);
  for (const auto& d : checked.items())
    if (d.code != "locale.obsolete") found.add(d);  // unknown ids are already errors above

  diags.append(found);
  if (found.has_errors()) return std::nullopt;
  return merged;
}

}  // namespace quire::l10n
