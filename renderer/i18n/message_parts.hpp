// A message split into the words a translator writes and the ICU syntax a CAT tool
// must protect ({name}, "{count, plural, one {", "#", "} other {"). Export writes the
// syntax as XLIFF <ph> inline codes; joining the parts gives the message back exactly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::i18n {

struct MessagePart {
  std::string text;
  bool code = false;  ///< ICU syntax (an argument, a plural/select frame, '#'), not words
};

/// The parts of `pattern` in order; adjacent codes are merged. A pattern ICU cannot
/// parse (or nested deeper than kMaxMessageNesting) comes back as one text part.
std::vector<MessagePart> split_message(std::string_view pattern);

/// The direction markup a message may hold around words or a placeholder (written in the
/// template inside <t>, kept or added by a translator): <span dir="ltr">, <span dir="rtl">,
/// <span dir="auto"> and </span>, exactly so. split_message gives each tag as a code.
/// `pattern` with each opening tag made LRI, RLI or FSI and each closing one PDI
/// (`isolates`), or with the tags left out (for text that is not laid out: attributes).
std::string dir_spans(std::string_view pattern, bool isolates);

/// Number of characters (code points) a translator sees in `pattern`, for XLIFF maxwidth.
int message_length(std::string_view pattern);

}  // namespace quire::i18n
