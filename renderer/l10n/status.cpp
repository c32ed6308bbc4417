// What is left to translate in each locale.
#include "l10n/workflow.hpp"

namespace quire::l10n {

const char* to_string(StringStatus s) {
  switch (s) {
    case StringStatus::Missing:
      return "missing";
    case StringStatus::New:
      return "new";
    case StringStatus::Translated:
      return "translated";
    case StringStatus::Reviewed:
      return "reviewed";
    case StringStatus::Final:
      return "final";
    case StringStatus::Stale:
      return "stale";
  }
  return "missing";
}

StringStatus classify(const Message& english, const Message* translated) {
  if (!translated) return StringStatus::Missing;
  if (translated->target.empty() || translated->state == i18n::TranslationState::New) return StringStatus::New;
  // Stale wins over any state: a reviewed translation of an old English text is still out of date.
  if (translated->source != english.source) return StringStatus::Stale;
  switch (translated->state) {
    case i18n::TranslationState::Translated:
      return StringStatus::Translated;
    case i18n::TranslationState::Reviewed:
      return StringStatus::Reviewed;
    case i18n::TranslationState::Final:
      return StringStatus::Final;
    case i18n::TranslationState::New:
      break;
  }
  return StringStatus::New;
}

double LocaleStatus::percent_complete() const {
  if (total == 0) return 100.0;
  auto count = [&](StringStatus s) {
    auto it = counts.find(s);
    return it == counts.end() ? 0 : it->second;
  };
  int done = count(StringStatus::Translated) + count(StringStatus::Reviewed) + count(StringStatus::Final) - broken;
  return 100.0 * done / total;
}

LocaleStatus status(const Catalogue& english, const Catalogue& target, const std::string& name) {
  LocaleStatus st;
  st.tag = target.tag;
  st.name = name;
  for (auto s : {StringStatus::New, StringStatus::Translated, StringStatus::Reviewed, StringStatus::Final,
                 StringStatus::Stale, StringStatus::Missing})
    st.counts[s] = 0;
  for (const auto& id : english.order()) {
    const Message& source = *english.find(id);
    const Message* translated = target.find(id);
    auto s = classify(source, translated);
    ++st.counts[s];
    ++st.total;
    bool current = s == StringStatus::Translated || s == StringStatus::Reviewed || s == StringStatus::Final;
    if (current && translated->machine_drafted) ++st.machine_drafted;
  }
  st.broken = static_cast<int>(l10n::broken(english, target).size());
  return st;
}

}  // namespace quire::l10n
