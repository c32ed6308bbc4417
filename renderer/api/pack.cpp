// Packs: several documents as one PDF (a committee's agenda pack). Each document takes the
// one template path (Renderer::Impl::prepare), then layout::lay_out_all lays them out as one
// and the PDF writer writes it. A Public pack never prepares a confidential document: its
// template, data and title are not read, so nothing of it can reach the PDF.
#include <chrono>
#include <new>
#include <stdexcept>

#include "api/renderer_impl.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"

namespace quire {

namespace {

/// The fixed sentence put where a confidential document was left out of a Public pack. It
/// says that an item was withheld, and nothing of what it was.
constexpr const char* kWithheldTitle = "Exempt item withheld";
constexpr const char* kWithheldText = "An exempt item has been withheld from this edition.";

/// Points a document's diagnostics into the pack: data and check problems at
/// /documents/N/data/... (a JSON syntax error keeps its line and column), others without a
/// place at /documents/N/template, /locale or /documents/N (a template problem keeps its
/// file:line:col).
void point_into_pack(Diagnostics& diags, std::size_t index, const std::string& pack_name) {
  const std::string at = "/documents/" + std::to_string(index);
  Diagnostics pointed;
  for (auto d : diags.items()) {
    const bool about_data = d.origin == Origin::Data || (d.origin == Origin::Check && !d.pointer.empty());
    if (about_data && d.pos.line > 0) {
      // A syntax error in a data file or text: its line and column say where.
    } else if (about_data) {
      d.pointer = at + "/data" + d.pointer;
      d.pos.file = pack_name;  // the pointer is into the pack, where the document's data sits
    } else if (d.pointer.empty() && d.pos.line == 0)
      d.pointer = d.code == "usage.unknown-template" || d.code == "usage.template-folder" ? at + "/template"
                  : d.code == "usage.unknown-locale"                                      ? at + "/locale"
                                                                                          : at;
    else if (!d.pointer.empty() && d.origin == Origin::Usage && d.pointer.rfind("/documents/", 0) != 0)
      d.pointer = at + d.pointer;
    if (!d.pointer.empty() && d.pos.file.empty()) d.pos.file = pack_name;
    pointed.add(std::move(d));
  }
  diags = std::move(pointed);
}

model::Inline text_run(const std::string& text) {
  model::TextRun run;
  run.text = text;
  return run;
}

/// A one-page document saying an exempt item was withheld, in the page setup, styles and
/// footer of `like` (a public document of the same pack), so its page number runs on.
model::Document withheld_notice(const model::Document* like) {
  model::Document doc;
  model::Section section;
  if (like) {
    doc.styles = like->styles;
    doc.theme = like->theme;
    doc.meta.language = like->meta.language;
    doc.meta.direction = like->meta.direction;
    doc.meta.digits = like->meta.digits;
    doc.typography.body_size = like->typography.body_size;
    doc.typography.line_height = like->typography.line_height;
    doc.typography.paragraph_space = like->typography.paragraph_space;
    if (!like->sections.empty()) {
      section.page = like->sections.front().page;
      section.footer = like->sections.front().footer;
    }
  }
  doc.meta.title = kWithheldTitle;
  section.title = kWithheldTitle;
  model::Heading heading;
  heading.level = 1;
  heading.in_contents = false;
  heading.content.push_back(text_run(kWithheldTitle));
  section.blocks.emplace_back(model::Block{std::move(heading)});
  model::Paragraph notice;
  notice.role = model::ParaRole::Notice;
  notice.content.push_back(text_run(kWithheldText));
  section.blocks.emplace_back(model::Block{std::move(notice)});
  doc.sections.push_back(std::move(section));
  model::complete_document(doc);
  return doc;
}

}  // namespace

PackResult Engine::run_pack(const PackJob& job, const CancelToken* cancel) const {
  return renderer()->render_pack(job, cancel);
}

PackResult Renderer::render_pack(const PackJob& job, const CancelToken* cancel) {
  return memory_guarded<PackResult>(
      [&] { return render_pack_unguarded(job, StopCheck(&impl_->shared.world, Deadline(), cancel)); },
      "the pack needed more memory than it may use");
}

PackResult Renderer::render_pack_unguarded(const PackJob& job, const StopCheck& outer) {
  const World& world = impl_->shared.world;
  StopCheck stop = with_job_deadline(world, outer, job.deadline_ms);

  PackResult result;
  auto& diags = result.diagnostics;
  diags.append(impl_->shared.startup);
  if (diags.has_errors()) return result;

  // The pack's own problems, all at once, before any document is read.
  auto usage = [&](std::string code, std::string pointer, std::string message, Origin origin = Origin::Usage) {
    Diagnostic d;
    d.origin = origin;
    d.code = std::move(code);
    d.message = std::move(message);
    d.pointer = std::move(pointer);
    d.pos.file = job.name;
    diags.add(std::move(d));
  };
  if (job.format != OutputFormat::Pdf)
    usage("usage.pack-format", "/format",
          "a pack is made as one PDF only; render its documents one by one for Word files");
  if (job.max_pages && *job.max_pages < 0) usage("usage.page-limit", "/max_pages", "the page limit must be 0 or more");
  if (job.documents.empty()) usage("usage.pack-empty", "/documents", "a pack needs at least one document");
  if (job.documents.size() > kMaxPackDocuments)
    usage("job.too-many-documents", "/documents",
          "the pack has " + std::to_string(job.documents.size()) + " documents; a pack may have at most " +
              std::to_string(kMaxPackDocuments),
          Origin::Limit);
  if (diags.has_errors()) return result;
  if (stop.stop_here(diags, "before starting")) return result;

  // Each document through the one template path. Every document is prepared, even after one
  // fails, so that all problems come in one round.
  struct Slot {
    std::optional<Impl::Prepared> prepared;
    bool withheld = false;
  };
  std::vector<Slot> slots(job.documents.size());
  for (std::size_t i = 0; i < job.documents.size(); ++i) {
    const PackDocument& d = job.documents[i];
    PackPart part;
    part.index = i;
    if (job.edition == PackEdition::Public && d.confidential) {
      slots[i].withheld = true;
      part.withheld = true;
      ++result.withheld;
      result.parts.push_back(std::move(part));
      continue;
    }
    Diagnostics doc_diags;
    if (!d.edition.empty() && d.edition != "full") {
      doc_diags.add({Severity::Error,
                     Origin::Usage,
                     "usage.edition-unavailable",
                     "the template '" + d.template_ref + "' has no '" + d.edition + "' edition (only \"full\")",
                     {job.name, 0, 0},
                     "/documents/" + std::to_string(i) + "/edition",
                     {}});
    } else {
      RenderJob one;
      one.template_ref = d.template_ref;
      one.data = d.data;
      one.data_name = d.data_name.empty() ? job.name : d.data_name;
      one.locale = d.locale;
      one.format = OutputFormat::Pdf;
      one.strict = job.strict;
      one.allow_missing_glyphs = job.allow_missing_glyphs;
      one.theme = job.theme;
      one.allow_template_folders = job.allow_template_folders;
      slots[i].prepared = impl_->prepare(one, stop, doc_diags);
    }
    point_into_pack(doc_diags, i, job.name);
    diags.append(doc_diags);
    if (slots[i].prepared) {
      part.locale = slots[i].prepared->locale;
      if (!d.title.empty()) slots[i].prepared->doc.meta.title = d.title;
      ++result.included;
    }
    result.parts.push_back(std::move(part));
    if (stop.stop_here(diags, "after document " + std::to_string(i))) return result;
  }
  if (diags.has_errors()) return result;

  layout::LayoutResources res;
  res.fonts = &impl_->shared.fonts;
  res.hyphenators = impl_->shared.hyphenators.get();
  res.keep_going = stop.as_callback();
  res.paragraphs = &impl_->paragraphs;

  // A document that asks to fit its pages (the Pledge on one page) is fitted on its own first,
  // as a single render would: the size chosen is in its model when the pack is laid out.
  const model::Document* first_public = nullptr;
  for (auto& slot : slots) {
    if (!slot.prepared) continue;
    model::Document& doc = slot.prepared->doc;
    if (!first_public) first_public = &doc;
    if (doc.typography.fit_pages > 0 && !doc.typography.fitted) {
      layout::fit(doc, res, diags);
      if (stop.stop_here(diags, "during layout")) return result;
    }
  }
  if (diags.has_errors()) return result;

  std::vector<model::Document> notices;
  notices.reserve(result.withheld);
  std::vector<const model::Document*> docs;
  for (auto& slot : slots) {
    if (slot.withheld) {
      notices.push_back(withheld_notice(first_public));
      docs.push_back(&notices.back());
    } else if (slot.prepared) {
      docs.push_back(&slot.prepared->doc);
    }
  }

  auto laid_out = layout::lay_out_all(docs, res, diags);
  if (stop.stop_here(diags, "during layout")) return result;
  if (diags.has_errors()) return result;
  if (first_public) laid_out.meta = first_public->meta;  // not a notice's, when the first item is withheld
  if (!job.title.empty()) laid_out.meta.title = job.title;
  if (job.edition == PackEdition::Public) laid_out.meta.keywords.push_back("public-edition");
  result.pages = static_cast<int>(laid_out.pages.size());
  if (job.max_pages && result.pages > *job.max_pages) {
    diags.error(Origin::Limit, "job.page-limit",
                "the pack has " + std::to_string(result.pages) + " pages, more than the job's limit of " +
                    std::to_string(*job.max_pages));
    return result;
  }
  pdf::PdfOptions options;
  options.created = world.now();
  options.keep_going = stop.as_callback();
  result.bytes = pdf::write_pdf(laid_out, options, diags);
  if (stop.stop_here(diags, "while writing the PDF") || diags.has_errors()) {
    std::string().swap(result.bytes);
    return result;
  }
  if (result.bytes.empty())
    diags.error(Origin::Internal, "internal.empty-output", "the writer produced no bytes and gave no reason");
  return result;
}

}  // namespace quire
