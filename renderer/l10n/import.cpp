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
  // ar-SA is Arabic (as rendering resolves it); ps is not.
  if (incoming.tag != locale.tag && incoming.tag != current.tag &&
      i18n::closest_locale(incoming.tag, {current.tag}) != current.tag) {
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
    const Message* had = current.find(id);
    if (in.target.empty()) {
      // Nothing translated here. A target emptied by the translator, or one claimed as
      // translated with no text, would silently keep (or lose) a translation: refuse it.
      const bool claims = in.has_target_element && !in.declared_state.empty() && in.declared_state != "new" &&
                          in.declared_state != "needs-translation";
      if (had && !had->target.empty())
        found.error(Origin::Locale, "locale.empty-target",
                    "'" + id + "': the target is empty, but the catalogue has \"" + had->target +
                        "\"; write the translation, or leave the unit out of the file to keep the current one",
                    in.target_pos);
      else if (claims)
        found.error(Origin::Locale, "locale.empty-target",
                    "'" + id + "': marked " + in.declared_state + " but the target is empty", in.target_pos);
      continue;
    }
    if (in.source != source->source) {
      found.error(Origin::Locale, "locale.source-changed",
                  "'" + id + "' was translated from \"" + in.source + "\", but the English is now \"" + source->source +
                      "\"; export again and translate the new text",
                  in.pos);
      continue;
    }
    Message m = in;
    m.source = source->source;
    m.note = source->note;
    m.max_width = source->max_width;
    // An edited translation has been written by a person: the machine-draft mark a tool
    // kept on the unit (translate-toolkit does) no longer applies.
    if (had && !had->target.empty() && had->target != in.target) m.machine_drafted = false;
    // The English changed since `had` was made. Sent back untouched and still marked for
    // review, nobody has looked at it: it stays stale (rendering shows the new English).
    // Rewritten, it is a translation of the new English, still listed for review.
    if (had && !had->target.empty() && had->source != source->source && in.needs_review && in.target == had->target)
      continue;
    merged.put(std::move(m));
  }

  Diagnostics checked;
  check(english, incoming, locale, checked);
  check_file_language(incoming, locale, {file, 1, 1}, checked);
  for (const auto& d : checked.items())
    if (d.code != "locale.obsolete") found.add(d);  // unknown ids are already errors above

  diags.append(found);
  if (found.has_errors()) return std::nullopt;
  return merged;
}

}  // namespace quire::l10n
