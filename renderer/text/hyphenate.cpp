#include "text/hyphenate.hpp"

#include <hyphen.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "text/unicode.hpp"

namespace quire::text {

struct Hyphenators::Dict {
  std::string path;
  std::once_flag loaded;
  HyphenDict* dict = nullptr;  // read-only once loaded: hnj_hyphen_hyphenate3 keeps its state on the stack

  HyphenDict* get() {
    std::call_once(loaded, [this] { dict = hnj_hyphen_load(path.c_str()); });
    return dict;
  }
  ~Dict() {
    if (dict) hnj_hyphen_free(dict);
  }
};

namespace {

std::string lower_tag(std::string_view tag) {
  std::string out(tag);
  for (auto& c : out) {
    if (c == '_') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Hyphenators::Hyphenators(std::map<std::string, std::string> dictionaries) {
  for (auto& [tag, path] : dictionaries) {
    auto d = std::make_unique<Dict>();
    d->path = std::move(path);
    dicts_.emplace(lower_tag(tag), std::move(d));
  }
}

Hyphenators::~Hyphenators() = default;

std::unique_ptr<Hyphenators> Hyphenators::from_directory(const World& world, const std::string& dir) {
  std::map<std::string, std::string> found;
  for (const auto& name : world.list_directory(dir)) {
    if (name.size() <= 9 || name.rfind("hyph_", 0) != 0 || name.substr(name.size() - 4) != ".dic") continue;
    found[name.substr(5, name.size() - 9)] = dir + "/" + name;
  }
  return std::make_unique<Hyphenators>(std::move(found));
}

const Hyphenators::Dict* Hyphenators::find(std::string_view lang) const {
  if (lang.empty()) return nullptr;
  std::string tag = lower_tag(lang);
  if (auto it = dicts_.find(tag); it != dicts_.end()) return it->second.get();
  std::string primary = tag.substr(0, tag.find('-'));
  // language + region, skipping a script subtag ("en-Latn-GB" -> "en-gb")
  auto last = tag.rfind('-');
  if (last != std::string::npos && last != primary.size()) {
    if (auto it = dicts_.find(primary + tag.substr(last)); it != dicts_.end()) return it->second.get();
  }
  if (auto it = dicts_.find(primary); it != dicts_.end()) return it->second.get();
  // The service writes British English: prefer en-GB for a bare "en".
  if (primary == "en")
    if (auto it = dicts_.find("en-gb"); it != dicts_.end()) return it->second.get();
  for (const auto& [t, d] : dicts_)
    if (t.rfind(primary + "-", 0) == 0) return d.get();
  return nullptr;
}

bool Hyphenators::supports(std::string_view lang) const {
  return find(lang) != nullptr;
}

std::vector<std::string> Hyphenators::languages() const {
  std::vector<std::string> out;
  for (const auto& [t, d] : dicts_) out.push_back(t);
  return out;
}

std::vector<std::uint32_t> Hyphenators::hyphenate(std::u16string_view word, std::string_view lang,
                                                  int min_letters) const {
  std::vector<std::uint32_t> out;
  const Dict* d = find(lang);
  if (!d) return out;
  HyphenDict* dict = const_cast<Dict*>(d)->get();
  if (!dict) return out;

  // Characters (code points) of the word, lower-cased, with their UTF-16 offsets.
  const bool romanian = lower_tag(lang).rfind("ro", 0) == 0;
  std::vector<std::uint32_t> offsets;
  std::u16string lower;
  for (size_t i = 0; i < word.size();) {
    size_t len = 1;
    char32_t c = code_point_at(word, i, &len);
    c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    if (romanian) {  // the dictionary only has comma-below letters
      if (c == 0x015F) c = 0x0219;
      if (c == 0x0163) c = 0x021B;
    }
    offsets.push_back(static_cast<std::uint32_t>(i));
    char16_t units[2];
    if (c >= 0x10000) {
      units[0] = static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      units[1] = static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
      lower.append(units, 2);
    } else {
      lower.push_back(static_cast<char16_t>(c));
    }
    i += len;
  }
  if (static_cast<int>(offsets.size()) < min_letters) return out;

  std::string bytes;
  if (dict->utf8) {
    append_utf8(bytes, lower);
  } else {  // an 8-bit dictionary (ISO 8859-x): only Latin-1 words can match
    for (char16_t c : lower) {
      if (c > 0xFF) return out;
      bytes.push_back(static_cast<char>(c));
    }
  }
  std::vector<char> hyphens(bytes.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  hnj_hyphen_hyphenate3(dict, bytes.data(), static_cast<int>(bytes.size()), hyphens.data(), nullptr, &rep, &pos, &cut,
                        2, 2, 2, 2);
  // For UTF-8 dictionaries hyphens[] is indexed by character, not byte (after hnj_hyphen_norm).
  for (size_t k = 0; k + 1 < offsets.size(); ++k) {
    bool standard = !(rep && rep[k]);  // non-standard (replacement) breaks are not supported
    if ((hyphens[k] & 1) && standard) out.push_back(offsets[k + 1]);
  }
  if (rep) {
    for (size_t k = 0; k < bytes.size(); ++k) std::free(rep[k]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return out;
}

}  // namespace quire::text
