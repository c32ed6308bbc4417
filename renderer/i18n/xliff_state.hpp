// XLIFF 1.2 state attribute <-> TranslationState (DESIGN.md section 4).
#pragma once

#include <string_view>

#include "i18n/locale.hpp"

namespace quire::i18n {

/// A unit's state from its target's `state` and the trans-unit's `approved` (XLIFF 1.2;
/// docs/TRANSLATORS.md has the table): no target -> New; needs-review-* -> Translated
/// (approved or not: nobody confirmed it); final -> Final and signed-off -> Reviewed unless
/// approved="no" (a tool took the approval back: Translated); translated or no state ->
/// Reviewed when approved="yes" (what Weblate and translate-toolkit write), else Translated;
/// new, needs-translation, needs-adaptation, needs-l10n and x-... -> New.
TranslationState state_from_xliff(std::string_view state, std::string_view approved, bool has_target);

/// The XLIFF 1.2 state written for `state` on export.
std::string_view state_to_xliff(TranslationState state);

/// Whether a unit in `state` is written with approved="yes" (signed-off and final ones).
inline bool approved_in_xliff(TranslationState state) {
  return state == TranslationState::Reviewed || state == TranslationState::Final;
}

}  // namespace quire::i18n
