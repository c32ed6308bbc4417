// Renderer: runs one job through the stages in order:
// data -> template (+ locale) -> model -> layout -> PDF, or model -> DOCX.
#include <algorithm>
#include <chrono>
#include <map>
#include <new>
#include <stdexcept>

#include "api/bilingual.hpp"
#include "api/coverage.hpp"
#include "api/renderer_impl.hpp"
#include "data/json.hpp"
#include "docx/docx_writer.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "text/linebreak.hpp"

namespace quire {

namespace {

std::string resolve_locale(const RenderJob& job, const nlohmann::json& data) {
  if (!job.locale.empty()) return job.locale;
  if (data.is_object()) {
    auto it = data.find("locale");
    if (it != data.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  }
  return std::string(i18n::kSourceLocale);
}

/// Shifts data diagnostics of a record that starts on line `first_line` of its file.
void shift_lines(Diagnostics& diags, int first_line) {
  if (first_line <= 1) return;
  Diagnostics shifted;
  for (auto d : diags.items()) {
    if (d.origin == Origin::Data && d.pos.line > 0) d.pos.line += first_line - 1;
    shifted.add(std::move(d));
  }
  diags = std::move(shifted);
}

/// The record's own problems (JSON syntax, the folder's schema) when its template did not
/// load. The schema's own problems are not repeated: loading the template reported them.
void check_data_alone(const World& world, const std::string& dir, const RenderJob& job, Diagnostics& diags) {
  Diagnostics data_diags;
  auto data = data::parse_json(job.data, job.data_name, data_diags);
  if (data) {
    Diagnostics schema_problems;
    auto schema = tmpl::load_schema(world, dir, schema_problems);
    if (schema.schema) schema.schema->validate(*data, job.data_name, data_diags);
  }
  shift_lines(data_diags, job.data_first_line);
  diags.append(data_diags);
}

/// A visible, marked notice at the top of the document and a metadata entry, so a
/// child never receives a half-translated document without anyone knowing (DESIGN.md section 4).
void mark_untranslated(model::Document& doc, const std::vector<std::string>& ids, i18n::Localiser& loc,
                       Diagnostics& diags) {
  std::string joined;
  for (const auto& id : ids) joined += (joined.empty() ? "" : " ") + id;
  doc.meta.custom["quire:untranslated"] = joined;
  doc.meta.keywords.push_back("untranslated-strings");
  model::Paragraph notice;
  notice.role = model::ParaRole::Notice;
  model::TextRun text;
  text.text = loc.message(i18n::kFallbackNoticeId, {}, diags);
  notice.content.emplace_back(std::move(text));
  if (!doc.sections.empty())
    doc.sections.front().blocks.insert(doc.sections.front().blocks.begin(), model::Block{std::move(notice)});
}

}  // namespace

i18n::Localiser* Renderer::Impl::localiser(const std::string& tag, const std::string& dir, Diagnostics& diags) {
  const std::string key = dir + '\x1f' + tag;
  if (auto it = localisers.find(key); it != localisers.end()) {
    // A folder's catalogue problems fail every job, not only the first.
    shared.folder_problems(dir, std::string(i18n::kSourceLocale), diags);
    if (it->second->info().tag != i18n::kSourceLocale) shared.folder_problems(dir, it->second->info().tag, diags);
    return it->second.get();
  }
  auto info = i18n::locale_info(tag);
  if (!info) {
    diags.add({Severity::Error,
               Origin::Usage,
               "usage.unknown-locale",
               "'" + tag + "' is not a valid locale tag",
               {},
               {},
               {}});
    return nullptr;
  }
  const i18n::Catalogue* source = shared.catalogue_for(dir, std::string(i18n::kSourceLocale), diags);
  // The English file's problems are reported once per job (just above).
  Diagnostics again;
  const i18n::Catalogue* target =
      shared.catalogue_for(dir, info->tag, info->tag == i18n::kSourceLocale ? again : diags);
  if (!target) {
    // "ar-SA", "fa-AF", "zh-CN": the closest shipped catalogue (likely subtags, alias table).
    std::vector<std::string> shipped = shared.locales_for(dir);
    if (auto closest = i18n::closest_locale(tag, shipped)) {
      auto closer = i18n::locale_info(*closest);
      if (closer &&
          (target = shared.catalogue_for(dir, closer->tag, closer->tag == i18n::kSourceLocale ? again : diags)))
        info = std::move(closer);
    }
  }
  if (!source) {
    diags.error(Origin::Internal, "locale.no-source",
                "the English source catalogue is missing from " + shared.config.locales_dir);
    return nullptr;
  }
  if (!target) {
    Diagnostic d{
        Severity::Error, Origin::Usage, "usage.unknown-locale", "no catalogue for locale '" + tag + "'", {}, {}, {}};
    std::string all;
    for (const auto& t : shared.locales_for(dir)) all += (all.empty() ? "" : ", ") + t;
    d.hint = "available locales: " + all;
    diags.add(std::move(d));
    return nullptr;
  }
  auto loc = std::make_unique<i18n::Localiser>(*info, target, source);
  auto* raw = loc.get();
  localisers.emplace(key, std::move(loc));
  return raw;
}

std::optional<Renderer::Impl::Prepared> Renderer::Impl::prepare(const RenderJob& job, const StopCheck& stop,
                                                                Diagnostics& diags) {
  const FoundTemplate found = shared.find_template(job.template_ref, job.allow_template_folders, diags);
  const tmpl::Template* tpl = found.tpl;
  if (!tpl) {
    // A template with errors: the record is still read and checked against the folder's
    // schema, so that its problems come in the same round as the template's.
    if (!found.dir.empty()) check_data_alone(shared.world, found.dir, job, diags);
    return std::nullopt;
  }
  if (stop.stop_here(diags, "after loading the template")) return std::nullopt;

  Diagnostics data_diags;
  auto data = data::parse_json(job.data, job.data_name, data_diags);
  shift_lines(data_diags, job.data_first_line);
  diags.append(data_diags);
  if (!data) return std::nullopt;

  std::string tag = resolve_locale(job, *data);
  i18n::Localiser* loc = localiser(tag, found.dir, diags);
  if (!loc) return std::nullopt;
  if (auto asked = i18n::locale_info(tag); asked && asked->tag != loc->info().tag)
    diags.warning(Origin::Locale, "locale.closest",
                  "'" + tag + "' has no catalogue of its own: rendering in " + loc->info().tag + " (" +
                      loc->info().english_name + "), the closest shipped locale");

  if (tpl->schema() && !tpl->schema()->validate(*data, job.data_name, diags)) return std::nullopt;

  // A template with content rules (checks.yaml) is checked before it renders, for the CLI and
  // the service alike: a bad record is a data error; findings are warnings, and with `strict`
  // their errors refuse the render (exit 5).
  bool has_rules = false;
  if (const checks::Rules* rules = shared.check_rules(found.dir, diags, &has_rules)) {
    Diagnostics findings;
    shared.run_checks(*rules, *data, job.data_name, loc->info().tag, findings);
    for (auto d : findings.items()) {
      if (d.origin == Origin::Check && d.severity == Severity::Error && !job.strict) {
        d.severity = Severity::Warning;
        d.hint += (d.hint.empty() ? "" : "; ") + std::string("render --strict refuses a plan with this");
      }
      diags.add(std::move(d));
    }
    if (diags.has_errors()) return std::nullopt;
  } else if (has_rules) {
    return std::nullopt;  // broken rules: their template errors are in diags
  }

  // The council's theme, under the record's own "theme" fields; templates read it as data.
  const Theme* base = shared.theme(job.theme.empty() ? std::string("default") : job.theme, diags);
  if (!base) return std::nullopt;
  auto theme = effective_theme(*base, *data, job.data_name, diags);
  if (!theme) return std::nullopt;
  if (data->is_object()) (*data)["theme"] = theme->data;

  if (stop.stop_here(diags, "after reading the data")) return std::nullopt;

  loc->reset_fallbacks();
  Prepared out;
  out.locale = loc->info().tag;
  Diagnostics rendered;
  out.doc = tpl->render(*data, *loc, rendered, &theme->model, job.highlight_message);
  for (auto d : rendered.items()) {  // a value of the data the template could not use: name the data file
    if (d.origin == Origin::Data && d.pos.file.empty()) d.pos.file = job.data_name;
    diags.add(std::move(d));
  }
  if (diags.has_errors()) return std::nullopt;
  if (stop.stop_here(diags, "after building the document")) return std::nullopt;
  std::map<std::string, i18n::Fallback::Reason> why;
  for (const auto& f : loc->fallbacks())  // once each, in the order the document uses them
    if (why.emplace(f.id, f.reason).second) out.untranslated.push_back(f.id);

  if (job.bilingual && out.locale != i18n::kSourceLocale) {
    Diagnostics again;  // the folder's problems were reported with the job's own locale
    i18n::Localiser* english = localiser(std::string(i18n::kSourceLocale), found.dir, again);
    for (const auto& d : again.items())
      if (d.severity == Severity::Error && d.origin != Origin::Locale) diags.add(d);
    if (!english) return std::nullopt;
    auto english_doc = tpl->render(*data, *english, diags, &theme->model);
    if (diags.has_errors()) return std::nullopt;
    if (stop.stop_here(diags, "after building the English side")) return std::nullopt;
    out.doc = pair_bilingual(std::move(out.doc), std::move(english_doc));
  }

  if (!out.untranslated.empty()) {
    if (job.strict) {
      for (const auto& id : out.untranslated)
        diags.add(
            {Severity::Error,
             Origin::Check,
             "check.untranslated",
             "'" + id + "' has no current translation in " + out.locale + " (--strict refuses the English fallback)",
             {},
             {},
             {}});
      return std::nullopt;
    }
    std::string ids;
    for (const auto& id : out.untranslated) {
      const auto reason = why[id];
      ids += (ids.empty() ? "" : ", ") + id +
             (reason == i18n::Fallback::Reason::Stale ? " (stale: quire locales status " + out.locale + " --list stale)"
              : reason == i18n::Fallback::Reason::Invalid
                  ? " (broken translation: quire locales check " + out.locale + ")"
                  : " (not translated: quire locales status " + out.locale + " --list new)");
    }
    diags.warning(Origin::Locale, "locale.fallback",
                  std::to_string(out.untranslated.size()) + " string(s) shown in English, with no current " +
                      out.locale + " translation: " + ids);
    mark_untranslated(out.doc, out.untranslated, *loc, diags);
  }
  model::complete_document(out.doc);  // numbers, targets, contents: once, for every writer

  // No character may be lost for want of a font, in PDF or DOCX (Word would substitute silently).
  CoverageSources sources;
  sources.data = &*data;
  sources.data_name = job.data_name;
  Diagnostics again;  // reported above
  sources.catalogue = out.locale == i18n::kSourceLocale ? nullptr : shared.catalogue_for(found.dir, out.locale, again);
  sources.world = &shared.world;
  sources.template_file = found.dir + "/template.xml";
  if (!check_glyph_coverage(out.doc, shared.fonts, sources, job.allow_missing_glyphs, diags)) return std::nullopt;
  return out;
}

Renderer::Renderer(const Engine::Shared& shared) : impl_(std::make_unique<Impl>(shared)) {}
Renderer::~Renderer() = default;

RenderResult Renderer::render(const RenderJob& job, const CancelToken* cancel) {
  return render(job, StopCheck(&impl_->shared.world, Deadline(), cancel));
}

RenderResult Renderer::render(const RenderJob& job, const StopCheck& outer) {
  return memory_guarded<RenderResult>([&] { return render_unguarded(job, outer); },
                                      "the job needed more memory than it may use");
}

RenderResult Renderer::render_unguarded(const RenderJob& job, const StopCheck& outer) {
  const World& world = impl_->shared.world;
  StopCheck stop = with_job_deadline(world, outer, job.deadline_ms);

  RenderResult result;
  auto& diags = result.diagnostics;
  diags.append(impl_->shared.startup);
  if (diags.has_errors()) return result;
  if (job.max_pages && *job.max_pages < 0) {
    diags.error(Origin::Usage, "usage.page-limit", "the page limit must be 0 or more");
    return result;
  }
  if (stop.stop_here(diags, "before starting")) return result;

  auto prepared = impl_->prepare(job, stop, diags);
  if (!prepared) return result;
  result.locale = prepared->locale;
  result.untranslated = prepared->untranslated;

  auto created = world.now();
  // Inside the stages the deadline and the cancellation are polled per block, line and page:
  // a stage told to stop returns early, and the check after it says why and in which stage.
  layout::LayoutResources res;
  res.fonts = &impl_->shared.fonts;
  res.hyphenators = impl_->shared.hyphenators.get();
  res.keep_going = stop.as_callback();
  res.paragraphs = &impl_->paragraphs;
  // A template that asks to fit its pages is laid out once, here, for either format: the
  // size chosen is recorded in the model (typography.fitted), so Word sets it as the PDF.
  std::optional<layout::LaidOutDocument> laid_out;
  model::Typography& typo = prepared->doc.typography;
  if (typo.fit_pages > 0 && !typo.fitted) {
    const std::string key = job.template_ref + '\x1f' + prepared->locale + '\x1f' + std::to_string(typo.fit_pages);
    auto& guess = impl_->fitted_sizes[key];
    // For Word only the size is wanted: lines are measured, not drawn.
    layout::LayoutResources fit_res = res;
    fit_res.measure_only = job.format == OutputFormat::Docx;
    laid_out = layout::fit(prepared->doc, fit_res, diags, guess);
    guess = {typo.body_size, typo.line_height};
    if (stop.stop_here(diags, "during layout")) return result;
    if (diags.has_errors()) return result;
  }
  if (job.format == OutputFormat::Docx) {
    docx::DocxOptions options{created, stop.as_callback(), &impl_->shared.fonts, job.embed_fonts};
    result.bytes = docx::write_docx(prepared->doc, options, diags);
    if (stop.stop_here(diags, "while writing the DOCX")) {
      std::string().swap(result.bytes);
      return result;
    }
  } else {
    if (!laid_out) laid_out = layout::lay_out(prepared->doc, res, diags);
    if (stop.stop_here(diags, "during layout")) return result;
    if (diags.has_errors()) return result;
    result.pages = static_cast<int>(laid_out->pages.size());
    if (job.max_pages && result.pages > *job.max_pages) {
      diags.error(Origin::Limit, "job.page-limit",
                  "the document has " + std::to_string(result.pages) + " pages, more than the job's limit of " +
                      std::to_string(*job.max_pages));
      return result;
    }
    pdf::PdfOptions options;
    options.created = created;
    options.keep_going = stop.as_callback();
    result.bytes = pdf::write_pdf(*laid_out, options, diags);
    if (stop.stop_here(diags, "while writing the PDF")) {
      std::string().swap(result.bytes);
      return result;
    }
  }
  if (diags.has_errors()) std::string().swap(result.bytes);
  if (result.bytes.empty() && !diags.has_errors())
    diags.error(Origin::Internal, "internal.empty-output", "the writer produced no bytes and gave no reason");
  return result;
}

std::string Renderer::dump(const RenderJob& job, Stage stage, Diagnostics& diags) {
  diags.append(impl_->shared.startup);
  if (diags.has_errors()) return {};
  auto prepared = impl_->prepare(job, StopCheck(), diags);
  if (!prepared) return {};
  if (stage == Stage::Model) return model::dump(prepared->doc);
  layout::LayoutResources res{&impl_->shared.fonts, impl_->shared.hyphenators.get()};
  auto laid_out = layout::lay_out(prepared->doc, res, diags);
  return layout::dump(laid_out);
}

}  // namespace quire
