// XLIFF 1.2 state attribute <-> TranslationState (DESIGN.md section 4).
#pragma once

#include <string_view>

#include "i18n/locale.hpp"

namespace quire::i18n {

/// "final" -> Final, "signed-off" -> Reviewed, "translated" and "needs-review-*" -> Translated,
/// anything else (new, needs-translation...) -> New. No attribute: Translated if there is a target.
TranslationState state_from_xliff(std::string_view state, bool has_target);

/// The XLIFF 1.2 state written for `state` on export.
std::string_view state_to_xliff(TranslationState state);

}  // namespace quire::i18n
