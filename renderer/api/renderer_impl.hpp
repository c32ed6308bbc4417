// Renderer::Impl: one worker's caches and the template path every document takes
// (private header: renderer.cpp renders one document, pack.cpp several as one).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/shared.hpp"
#include "text/linebreak.hpp"

namespace quire {

struct Renderer::Impl {
  explicit Impl(const Engine::Shared& s) : shared(s) {}
  const Engine::Shared& shared;
  // Compiled ICU formatters per locale, reused across this worker's jobs.
  std::map<std::string, std::unique_ptr<i18n::Localiser>> localisers;
  // The body size the last document of a template, locale and page count fitted at: where
  // layout::fit starts the next one (a batch of Pledges fits at one size, mostly). Saves
  // layouts only; the size chosen does not depend on it.
  std::map<std::string, double> fitted_sizes;
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

}  // namespace quire
