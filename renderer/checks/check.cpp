// The content checks of one plan record (issue 11 item 4; docs/CHECKS.md): statutory
// areas and fields, actions with an owner and a date, overdue actions, the review date,
// the child's voice, the parallel plan of an unaccompanied young person, and plain words
// in the child's edition. Each finding points into the record with a JSON pointer.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "checks/internal.hpp"
#include "checks/record.hpp"

namespace quire::checks {

namespace {

constexpr int kMinWordsForScore = 10;         // fewer words: a reading-ease score means nothing
constexpr std::size_t kMaxPatternDepth = 16;  // segments of a language field pointer

std::string trimmed(const nlohmann::json* v) {
  if (!v || !v->is_string()) return {};
  const auto& s = v->get_ref<const std::string&>();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Finder {
 public:
  Finder(const Rules& rules, const nlohmann::json& record, const Context& ctx, Diagnostics& diags)
      : rules_(rules), record_(record), ctx_(ctx), diags_(diags) {}

  void add(Severity severity, const std::string& code, const std::string& pointer, const std::string& message,
           const std::string& hint) {
    Diagnostic d;
    d.severity = severity;
    d.origin = Origin::Check;
    d.code = code;
    d.message = message;
    d.pos.file = ctx_.data_name;
    d.pointer = pointer;
    d.hint = hint;
    diags_.add(std::move(d));
  }

  void statutory_areas() {
    const nlohmann::json* areas = at_pointer(record_, "/areas");
    std::map<std::string, std::size_t> first;
    if (areas)
      for (std::size_t i = 0; i < areas->size(); ++i) {
        const std::string id = trimmed(at_pointer((*areas)[i], "/area"));
        if (!first.emplace(id, i).second)
          add(Severity::Warning, "plan.area.duplicate", "/areas/" + std::to_string(i),
              "the area '" + id + "' is given twice; the plan shows both",
              "merge it into the first (/areas/" + std::to_string(first[id]) + ")");
      }
    for (const auto& a : rules_.areas) {
      auto it = first.find(a.id);
      if (it == first.end()) {
        add(Severity::Error, "plan.area.missing", "/areas",
            "the statutory area '" + a.id + "' is missing" + (a.title.empty() ? "" : ": " + a.title),
            "add {\"area\": \"" + a.id +
                "\"} with its needs, actions and views, or not_applicable with the reason; required by " + a.source);
        continue;
      }
      const auto& area = (*areas)[it->second];
      const std::string p = "/areas/" + std::to_string(it->second);
      if (trimmed(at_pointer(area, "/not_applicable")).empty() && trimmed(at_pointer(area, "/needs")).empty())
        add(Severity::Error, "plan.area.missing", p + "/needs",
            "the area '" + a.id + "' says nothing of the child's needs and is not marked not_applicable",
            "write the needs and how they will be met, or the reason in not_applicable; required by " + a.source);
    }
  }

  void statutory_fields() {
    for (const auto& f : rules_.fields) {
      const nlohmann::json* v = at_pointer(record_, f.pointer);
      const bool present = f.kind == Field::Kind::Boolean ? (v && v->is_boolean()) : !trimmed(v).empty();
      if (present) continue;
      add(Severity::Error, "plan.area.missing", f.pointer, (f.title.empty() ? f.pointer : f.title) + " is missing",
          std::string(f.kind == Field::Kind::Boolean ? "say true or false" : "write it") + "; required by " + f.source);
    }
  }

  void actions() {
    const nlohmann::json* areas = at_pointer(record_, "/areas");
    if (!areas) return;
    const auto written =
        at_pointer(record_, "/plan/written") ? parse_date(*at_pointer(record_, "/plan/written")) : std::nullopt;
    for (std::size_t i = 0; i < areas->size(); ++i) {
      const nlohmann::json* list = at_pointer((*areas)[i], "/actions");
      if (!list) continue;
      for (std::size_t j = 0; j < list->size(); ++j) {
        const auto& action = (*list)[j];
        const std::string p = "/areas/" + std::to_string(i) + "/actions/" + std::to_string(j);
        const std::string what = trimmed(at_pointer(action, "/what"));
        const std::string named = what.empty() ? "an action" : "\"" + shorten(what) + "\"";
        if (trimmed(at_pointer(action, "/who/name")).empty())
          add(Severity::Error, "plan.action.owner", p + "/who", named + " has no one named to do it",
              "give who: {\"name\": ..., \"role\": ...}: what will be done, by whom, by when");
        const nlohmann::json* by = at_pointer(action, "/by");
        if (!by) {
          add(Severity::Error, "plan.action.date", p + "/by", named + " has no date",
              "give by: the date it will be done by (YYYY-MM-DD)");
          continue;
        }
        const std::string status = trimmed(at_pointer(action, "/status"));
        const auto due = parse_date(*by);
        if (written && due && *due < *written && status != "done")
          add(Severity::Warning, "plan.action.overdue", p + "/by",
              named + " was due on " + by->get<std::string>() + ", before the plan was written, and is " +
                  (status.empty() ? "not marked done" : "still " + status),
              "mark it done, or give it a new date and say why it slipped");
      }
    }
  }

  void review() {
    if (!rules_.review.enabled) return;
    const auto& r = rules_.review;
    const nlohmann::json* due_v = at_pointer(record_, r.due);
    const std::string months = std::to_string(r.max_months) + " months";
    if (!due_v) {
      add(Severity::Warning, "plan.review.due", r.due, "the date of the next review is missing",
          "reviews are due at most " + months + " apart (" + r.source + ")");
      return;
    }
    const nlohmann::json* from_v = at_pointer(record_, r.from);
    const auto due = parse_date(*due_v);
    const auto from = from_v ? parse_date(*from_v) : std::nullopt;
    if (!due || !from) return;
    // The latest lawful date: `from` plus max_months, on the last day of a shorter month.
    std::chrono::year_month_day ymd{*from};
    std::chrono::year_month_day latest = ymd + std::chrono::months{r.max_months};
    if (!latest.ok())
      latest = std::chrono::year_month_day_last{latest.year(), std::chrono::month_day_last{latest.month()}};
    if (*due > std::chrono::sys_days{latest})
      add(Severity::Warning, "plan.review.due", r.due,
          "the next review (" + due_v->get<std::string>() + ") is more than " + months + " after " +
              from_v->get<std::string>(),
          "set it no later than " + format(latest) + " (" + r.source + ")");
  }

  void voice() {
    if (rules_.voice_by.empty()) return;
    const nlohmann::json* areas = at_pointer(record_, "/areas");
    if (!areas) return;
    std::string whose;
    for (const auto& v : rules_.voice_by) whose += (whose.empty() ? "" : " or ") + v;
    for (std::size_t i = 0; i < areas->size(); ++i) {
      const auto& area = (*areas)[i];
      if (!trimmed(at_pointer(area, "/not_applicable")).empty()) continue;
      if (!trimmed(at_pointer(area, "/views_not_sought")).empty()) continue;
      bool heard = false;
      if (const nlohmann::json* views = at_pointer(area, "/views"))
        for (const auto& view : *views) {
          const std::string by = trimmed(at_pointer(view, "/by"));
          if (std::find(rules_.voice_by.begin(), rules_.voice_by.end(), by) != rules_.voice_by.end() &&
              !trimmed(at_pointer(view, "/words")).empty())
            heard = true;
        }
      if (!heard)
        add(Severity::Warning, "plan.voice.missing", "/areas/" + std::to_string(i),
            "the area '" + trimmed(at_pointer(area, "/area")) + "' records no views of the " + whose,
            "quote their words in views (by: " + rules_.voice_by.front() +
                "), or say in views_not_sought why they were not asked");
    }
  }

  void parallel_plan() {
    const auto& r = rules_.parallel_plan;
    if (!r.enabled) return;
    const nlohmann::json* when = at_pointer(record_, r.when);
    if (!when || !when->is_boolean() || !when->get<bool>()) return;
    if (trimmed(at_pointer(record_, r.field)).empty())
      add(Severity::Error, "plan.uasc.parallel", r.field,
          "the young person is unaccompanied and asylum-seeking (" + r.when + " is true) but there is no parallel plan",
          "write the plan for a return to the home country or a change in immigration status (" + r.source + ")");
  }

  std::vector<ReadingEase> language() {
    std::vector<ReadingEase> scores;
    const auto& lang = rules_.language;
    if (!lang.enabled) return scores;
    std::vector<std::pair<std::string, std::string>> texts;  // pointer, text
    for (const auto& pattern : lang.fields) expand(record_, split(pattern), 0, "", texts);
    std::map<std::size_t, std::string> by_area;  // area index -> its texts, one a line
    for (const auto& [pointer, text] : texts) {
      if (lang.jargon) jargon(pointer, text);
      for (const auto& sentence : split_sentences(text)) {
        const int words = count_words(sentence);
        if (words > lang.max_sentence_words)
          add(Severity::Warning, "plan.language.long-sentence", pointer,
              "a sentence of " + std::to_string(words) + " words: \"" + shorten(sentence) + "\"",
              "at most " + std::to_string(lang.max_sentence_words) +
                  " words a sentence in the child's edition: split it, one idea a sentence");
      }
      if (pointer.starts_with("/areas/") && pointer.size() > 7 && pointer[7] >= '0' && pointer[7] <= '9') {
        const std::size_t index = std::stoul(pointer.substr(7));
        by_area[index] += text + "\n";
      }
    }
    for (const auto& [index, text] : by_area) {
      if (!mostly_ascii(text)) continue;  // the Flesch formula is for English
      ReadingEase r;
      r.pointer = "/areas/" + std::to_string(index);
      r.area = trimmed(at_pointer(record_, r.pointer + "/area"));
      r.score = flesch_reading_ease(text, &r.words, &r.sentences);
      if (r.words < kMinWordsForScore) continue;
      r.score = std::round(r.score * 10) / 10;
      if (lang.min_reading_ease > 0 && r.score < lang.min_reading_ease)
        add(Severity::Warning, "plan.language.reading-ease", r.pointer,
            "the area '" + r.area + "' reads at " + score_text(r.score) + " on the Flesch scale",
            "aim for " + score_text(lang.min_reading_ease) + " or more: shorter sentences, shorter words");
      scores.push_back(std::move(r));
    }
    return scores;
  }

 private:
  static std::string shorten(const std::string& text) {
    // The first eight words, so a finding names its sentence without repeating it all.
    std::size_t at = 0;
    for (int words = 0; at < text.size() && words < 8; ++words) {
      at = text.find(' ', at + 1);
      if (at == std::string::npos) return text;
    }
    return text.substr(0, at) + " ...";
  }

  static std::string format(const std::chrono::year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
  }

  static std::string score_text(double score) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f", score);
    return buf;
  }

  static bool mostly_ascii(const std::string& text) {
    std::size_t ascii = 0, other = 0;
    for (unsigned char c : text) {
      if (c < 0x80 && std::isalpha(c))
        ++ascii;
      else if (c >= 0xC0)
        ++other;  // a lead byte: one non-ASCII character
    }
    return ascii > 4 * other;
  }

  static std::vector<std::string> split(const std::string& pattern) {
    std::vector<std::string> out;
    std::size_t at = 1;
    while (at <= pattern.size() && out.size() < kMaxPatternDepth) {
      std::size_t end = pattern.find('/', at);
      if (end == std::string::npos) end = pattern.size();
      out.push_back(pattern.substr(at, end - at));
      at = end + 1;
    }
    return out;
  }

  // Every string the pattern's segments reach ("*" = each index of an array), with its pointer.
  static void expand(const nlohmann::json& v, const std::vector<std::string>& segs, std::size_t i,
                     const std::string& pointer, std::vector<std::pair<std::string, std::string>>& out) {
    if (i == segs.size()) {
      if (v.is_string() && !v.get_ref<const std::string&>().empty()) out.emplace_back(pointer, v.get<std::string>());
      return;
    }
    if (segs[i] == "*") {
      if (!v.is_array()) return;
      for (std::size_t k = 0; k < v.size(); ++k) expand(v[k], segs, i + 1, pointer + "/" + std::to_string(k), out);
      return;
    }
    if (!v.is_object()) return;
    auto it = v.find(segs[i]);
    if (it != v.end()) expand(*it, segs, i + 1, pointer + "/" + segs[i], out);
  }

  void jargon(const std::string& pointer, const std::string& text) {
    const std::string lowered = ascii_lower(text);
    std::vector<std::pair<std::size_t, std::size_t>> taken;
    std::set<std::string> reported;
    for (const Jargon* list : ctx_.jargon) {
      if (!list) continue;
      for (const auto& term : list->terms) {
        for (const auto& span : find_term(text, lowered, term)) {
          // Plain copies: clang before C++20's P1091 cannot capture structured bindings.
          const auto from = span.first, to = span.second;
          const bool overlaps =
              std::any_of(taken.begin(), taken.end(), [&](const auto& t) { return from < t.second && t.first < to; });
          if (overlaps) continue;
          taken.emplace_back(from, to);
          if (!reported.insert(term.term).second) continue;
          add(Severity::Warning, "plan.language.jargon", pointer,
              "'" + text.substr(from, to - from) + "' is a word of the job, not the child's",
              "say instead: " + term.plain);
        }
      }
    }
  }

  const Rules& rules_;
  const nlohmann::json& record_;
  const Context& ctx_;
  Diagnostics& diags_;
};

}  // namespace

std::vector<ReadingEase> check_record(const Rules& rules, const nlohmann::json& record, const Context& context,
                                      Diagnostics& diags) {
  if (!validate_record(rules, record, context, diags)) return {};
  Finder find(rules, record, context, diags);
  find.statutory_fields();
  find.statutory_areas();
  find.actions();
  find.review();
  find.voice();
  find.parallel_plan();
  return find.language();
}

}  // namespace quire::checks
