// Private to the i18n stage: the ICU locale every formatter of a LocaleInfo uses.
#pragma once

#include <unicode/locid.h>

#include "i18n/locale.hpp"

namespace quire::i18n {

/// `info.icu_id` with the Gregorian calendar forced: these are UK documents.
icu::Locale icu_locale(const LocaleInfo& info);

}  // namespace quire::i18n
