// Renderer::Impl: one worker's caches and the template path every document takes
// (private header: renderer.cpp renders one document, pack.cpp several as one).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/shared.hpp"
#include "layout/layout.hpp"
#include "text/linebreak.hpp"

namespace quire {

struct Renderer::Impl {
  explicit Impl(const Engine::Shared& s) : shared(s) {}
  const Engine::Shared& shared;
  // Compiled ICU formatters per locale, reused across this worker's jobs.
  std::map<std::string, std::unique_ptr<i18n::Localiser>> localisers;
  // The body size and line height the last document of a template, locale and page count
  // fitted at: where layout::fit starts the next one (a batch of Pledges fits at one size,
  // mostly). Saves layouts only; the choice does not depend on it.
  std::map<std::string, layout::FitGuess> fitted_sizes;
  // Paragraphs set by this worker's layouts, for the next documents (a batch's promises).
  text::ParagraphCache paragraphs;

  struct Prepared {
    model::Document doc;
    std::string locale;
    std::vector<std::string> untranslated;
  };

  std::optional<Prepared> prepare(const RenderJob& job, const StopCheck& stop, Diagnostics& diags);
  /// The Localiser of `tag` for a template in folder `dir` (its own catalogues over quire's).
  i18n::Localiser* localiser(const std::string& tag, const std::string& dir, Diagnostics& diags);
};

/// The caller's stop check with the job's own budget (`deadline_ms`, if set) joined to it:
/// the job stops at whichever deadline comes first, or when the caller cancels.
inline StopCheck with_job_deadline(const World& world, const StopCheck& outer,
                                   const std::optional<long long>& deadline_ms) {
  if (!deadline_ms) return outer;
  return StopCheck(
      &world,
      outer.deadline().earliest(Deadline::after(std::chrono::milliseconds(*deadline_ms), world.monotonic_now())),
      outer.cancel_token());
}

/// Memory is a limit like time: a job that asks for more than there is (a string or a
/// document grown past every other limit) fails on its own with `job.memory` and no bytes,
/// and the process and the other jobs carry on. `run` returns the job's Result.
template <class Result, class Run>
Result memory_guarded(Run&& run, const char* message) {
  try {
    return run();
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  Result result;
  result.diagnostics.error(Origin::Limit, "job.memory", message);
  return result;
}

}  // namespace quire
