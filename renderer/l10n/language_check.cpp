// Is this text in the catalogue's language? A Pashto file imported into the Arabic
// catalogue passes every syntax check; its letters give it away. Script first (an
// error: Arabic text in the Amharic catalogue), then, within the Arabic script, the
// letters each language has and its neighbours lack (a warning: loanwords exist).
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <map>
#include <set>

#include "i18n/message_parts.hpp"
#include "l10n/workflow.hpp"

namespace quire::l10n {

namespace {

UScriptCode locale_script(const i18n::LocaleInfo& locale) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code = USCRIPT_INVALID_CODE;
  if (uscript_getCode(locale.script.c_str(), &code, 1, &status) < 1 || U_FAILURE(status)) return USCRIPT_INVALID_CODE;
  if (code == USCRIPT_SIMPLIFIED_HAN || code == USCRIPT_TRADITIONAL_HAN) return USCRIPT_HAN;
  return code;
}

/// Letters one language of a script writes and its neighbours do not (never all of a
/// language's letters: only what tells it apart). Keys are BCP 47 language codes.
struct Distinctive {
  const char* language;
  const char* name;
  std::set<UChar32> letters;
};

const std::vector<Distinctive>& distinctive() {
  static const std::vector<Distinctive> table = {
      {"ps", "Pashto", {0x067C, 0x0681, 0x0685, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06CD, 0x06D0}},
      {"ur", "Urdu", {0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06D3}},
      {"ckb", "Sorani Kurdish", {0x0695, 0x06B5, 0x06C6, 0x06CE, 0x06D5}},
      // Persian letters that Arabic lacks (Pashto, Urdu and Sorani have them too).
      {"fa", "Persian, Dari, Pashto, Urdu or Sorani", {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC}},
      // Arabic kaf, yeh and alef maksura, which Persian, Dari, Urdu and Sorani write as ک and ی.
      {"ar", "Arabic", {0x0643, 0x0649, 0x064A}},
      {"vi", "Vietnamese", {0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x0110, 0x0111}},
      {"ro", "Romanian", {0x0218, 0x0219, 0x021A, 0x021B}},
      {"cy", "Welsh", {0x0174, 0x0175, 0x0176, 0x0177}},
      {"sq", "Albanian", {0x00CB, 0x00EB}},
  };
  return table;
}

/// Letters a language writes although a neighbour's row above lists them.
bool own_letter(std::string_view language, UChar32 c) {
  static const std::map<std::string_view, std::set<UChar32>> own = {
      {"ar", {}},
      {"fa", {}},
      {"prs", {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC}},
      {"ps", {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC, 0x064A}},  // Pashto writes ي as well as ی
      {"ur", {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC}},
      {"ckb", {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC}},
      {"vi", {}},
      {"kmr", {}},
  };
  auto it = own.find(language);
  return it != own.end() && it->second.count(c);
}

std::string utf8(UChar32 c) {
  std::string out(4, '\0');
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(out.data()), n, 4, c, error);
  out.resize(error ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::string script_name(UScriptCode code) {
  const char* name = uscript_getName(code);
  return name ? name : "unknown";
}

std::string base_language(const std::string& tag) {
  return tag.substr(0, tag.find('-'));
}

}  // namespace

void check_language(const Message& m, const std::string& text, const SourcePos& pos, const i18n::LocaleInfo& locale,
                    Diagnostics& diags) {
  const UScriptCode want = locale_script(locale);
  if (want == USCRIPT_INVALID_CODE) return;
  std::map<UScriptCode, int> letters;
  std::vector<UChar32> seen;
  for (const auto& part : i18n::split_message(text)) {
    if (part.code) continue;
    const auto* s = reinterpret_cast<const uint8_t*>(part.text.data());
    const auto len = static_cast<int32_t>(part.text.size());
    for (int32_t i = 0; i < len;) {
      UChar32 c;
      U8_NEXT(s, i, len, c);
      if (c < 0 || !u_isalpha(c)) continue;
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript(c, &status);
      if (U_FAILURE(status) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) continue;
      ++letters[sc];
      seen.push_back(c);
    }
  }
  int total = 0, own = 0;
  for (const auto& [sc, n] : letters) {
    total += n;
    if (sc == want) own = n;
  }
  if (total > 0 && own * 2 < total) {
    UScriptCode other = want;
    int best = 0;
    for (const auto& [sc, n] : letters)
      if (sc != want && n > best) other = sc, best = n;
    diags.error(Origin::Locale, "locale.wrong-script",
                "'" + m.id + "': the translation is written in " + script_name(other) + " script, but " +
                    locale.english_name + " is written in " + script_name(want) + "; is this the right file?",
                pos);
    return;
  }

  // Same script, another language: letters the locale's language does not write.
  const std::string language = base_language(locale.tag);
  std::map<std::string, std::pair<std::string, std::set<UChar32>>> foreign;  // language -> (name, letters)
  for (UChar32 c : seen) {
    if (own_letter(language, c)) continue;
    for (const auto& d : distinctive()) {
      if (d.language == language || !d.letters.count(c)) continue;
      if (language == "prs" && std::string_view(d.language) == "fa") continue;  // Dari is Persian
      auto& entry = foreign[d.language];
      entry.first = d.name;
      entry.second.insert(c);
    }
  }
  if (foreign.empty()) return;
  std::string found;
  for (const auto& [lang, entry] : foreign) {
    std::string chars;
    for (UChar32 c : entry.second) chars += (chars.empty() ? "" : " ") + utf8(c);
    found += (found.empty() ? "" : "; ") + chars + " (" + entry.first + ")";
  }
  diags.warning(Origin::Locale, "locale.wrong-language",
                "'" + m.id + "': has letters " + locale.english_name + " does not write: " + found +
                    "; is this text in " + locale.english_name + "?",
                pos);
}

void check_file_language(const Catalogue& target, const i18n::LocaleInfo& locale, const SourcePos& where,
                         Diagnostics& diags) {
  int translated = 0;
  for (const auto& id : target.order()) translated += !target.find(id)->target.empty();
  std::set<std::string> flagged;
  for (const auto& d : diags.items())
    if (d.code == "locale.wrong-language" && d.severity == Severity::Warning) {
      auto open = d.message.find('\''), close = d.message.find('\'', open + 1);
      if (open != std::string::npos && close != std::string::npos)
        flagged.insert(d.message.substr(open + 1, close - open - 1));
    }
  const int n = static_cast<int>(flagged.size());
  if (translated >= 3 && n * 2 > translated) {
    diags.error(Origin::Locale, "locale.wrong-language",
                std::to_string(n) + " of " + std::to_string(translated) + " translations have letters " +
                    locale.english_name + " does not write: this text is not " + locale.english_name +
                    "; check the file's target-language (nothing was imported)",
                where);
    return;
  }
  // Counting strings misses a file of many short or plain strings (an Arabic file labelled
  // Pashto where most strings use only letters both write). A whole file of the language
  // always has some of its own letters: if none appears, and other languages' letters do,
  // it is another language. Welsh is left out: its own letters (ŵ ŷ) are rare.
  const std::string language = base_language(locale.tag);
  const Distinctive* mine = nullptr;
  for (const auto& d : distinctive())
    if (d.language == language || (language == "prs" && std::string_view(d.language) == "fa")) mine = &d;
  if (!mine || language == "cy" || translated < 10 || n == 0) return;
  for (const auto& id : target.order()) {
    const std::string& text = target.find(id)->target;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto len = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < len;) {
      UChar32 c;
      U8_NEXT(s, i, len, c);
      if (mine->letters.count(c)) return;
    }
  }
  std::string letters;
  for (UChar32 c : mine->letters) letters += (letters.empty() ? "" : " ") + utf8(c);
  diags.error(Origin::Locale, "locale.wrong-language",
              "none of " + std::to_string(translated) + " translations has a letter only " + locale.english_name +
                  " writes (" + letters + "), and " + std::to_string(n) +
                  " have letters it does not write: this text is not " + locale.english_name +
                  "; check the file's target-language (nothing was imported)",
              where);
}

}  // namespace quire::l10n
