// quire locales status|check|export|import|extract|normalise: the translators' workflow
// (docs/TRANSLATORS.md). A thin shell over quire::Translations; every catalogue change
// is written whole, atomically, or not at all.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalogues.hpp"
#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"
#include "quire/translations.hpp"
#include "service_commands.hpp"

namespace quire::cli {

namespace {

struct LocalesOptions {
  std::string format = "text";
  double min_complete = -1;
  std::vector<std::string> tags;
  std::string tag, output, input;
  std::string list;        ///< status --list: new, stale, review or machine
  std::string message_id;  ///< preview
  bool dry_run = false;
  bool strict = false;          ///< check/import: warnings (too long, another language's letters) refuse too
  std::string template_folder;  ///< --template DIR: that template folder's own catalogues, not quire's
};

int run_list(const LocalesOptions& o) {
  static const std::map<std::string, StringList> kinds = {{"new", StringList::New},
                                                          {"stale", StringList::Stale},
                                                          {"review", StringList::Review},
                                                          {"machine", StringList::Machine},
                                                          {"broken", StringList::Broken}};
  if (o.tags.size() != 1) {
    std::cerr << "quire: error[usage.list]: --list shows one locale: quire locales status TAG --list " << o.list
              << '\n';
    return 2;
  }
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto rows = tr.list(o.tags.front(), kinds.at(o.list), diags);
  print_diagnostics(diags);
  if (diags.has_errors()) return exit_code_for(diags);
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows)
      out.push_back({{"id", r.id},
                     {"english", r.english},
                     {"translation", r.translation},
                     {"old_english", r.old_english},
                     {"status", r.status},
                     {"machine_drafted", r.machine_drafted},
                     {"needs_review", r.needs_review}});
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  for (const auto& r : rows) {
    std::cout << r.id << "  [" << r.status << (r.machine_drafted ? ", machine draft" : "")
              << (r.needs_review ? ", needs review" : "") << "]\n  en: " << r.english << '\n';
    if (!r.old_english.empty()) std::cout << "  was: " << r.old_english << '\n';
    if (!r.translation.empty()) std::cout << "  " << o.tags.front() << ": " << r.translation << '\n';
  }
  std::cout << rows.size() << " string(s) " << o.list << " in " << o.tags.front() << '\n';
  return 0;
}

std::string percent(double p) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << p << '%';
  return s.str();
}

int run_status(const LocalesOptions& o) {
  if (!o.list.empty()) return run_list(o);
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto rows = tr.status(o.tags, diags);
  print_diagnostics(diags);
  if (diags.has_errors()) return exit_code_for(diags);
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows)
      out.push_back({{"locale", r.tag},
                     {"language", r.name},
                     {"total", r.total},
                     {"new", r.new_strings},
                     {"translated", r.translated},
                     {"reviewed", r.reviewed},
                     {"final", r.final_strings},
                     {"stale", r.stale},
                     {"missing", r.missing},
                     {"machine_drafted", r.machine_drafted},
                     {"broken", r.broken},
                     {"percent_complete", std::round(r.percent_complete * 10) / 10}});
    std::cout << out.dump(2) << '\n';
  } else {
    std::printf("%-8s %-20s %5s %6s %6s %6s %6s %7s %6s %9s %8s\n", "locale", "language", "new", "transl", "signed",
                "final", "stale", "missing", "broken", "complete", "machine");
    for (const auto& r : rows)
      std::printf("%-8s %-20s %5d %6d %6d %6d %6d %7d %6d %9s %8d\n", r.tag.c_str(), r.name.substr(0, 20).c_str(),
                  r.new_strings, r.translated, r.reviewed, r.final_strings, r.stale, r.missing, r.broken,
                  percent(r.percent_complete).c_str(), r.machine_drafted);
    if (!rows.empty())
      std::printf(
          "%d strings per locale; signed = signed off by a reviewer; broken = cannot be printed (shown in English; "
          "quire locales check); complete counts machine drafts, which await a human translator\n"
          "(quire locales status TAG --list new|stale|review|machine|broken lists the strings)\n",
          rows.front().total);
  }
  int below = 0;
  for (const auto& r : rows)
    if (o.min_complete >= 0 && r.percent_complete + 1e-9 < o.min_complete) {
      std::cerr << "quire: error[check.incomplete]: " << r.tag << " is " << percent(r.percent_complete)
                << " complete, below --min-complete " << o.min_complete << "%\n";
      ++below;
    }
  return below ? 5 : 0;
}

int run_check(const LocalesOptions& o) {
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  tr.check(o.tags, diags);
  if (o.strict) make_strict(diags);
  print_diagnostics(diags);
  int errors = 0, warnings = 0;
  for (const auto& d : diags.items()) (d.severity == Severity::Error ? errors : warnings)++;
  std::cerr << "locales check: " << errors << " error(s), " << warnings << " warning(s)\n";
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error && (d.origin == Origin::Usage || d.origin == Origin::Internal))
      return exit_code_for(diags);
  return errors ? 5 : 0;
}

int run_export(const LocalesOptions& o) {
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto xliff = tr.export_locale(o.tag, diags);
  print_diagnostics(diags);
  if (!xliff) return exit_code_for(diags) ? exit_code_for(diags) : 1;
  std::string error;
  if (!write_atomically(o.output, *xliff, error)) {
    std::cerr << "quire: error[usage.output]: " << error << '\n';
    return 2;
  }
  return 0;
}

/// One string in its place: the first template that uses it, rendered with its first example
/// (or --data) in the locale, the string in the preview colour.
int run_preview(const LocalesOptions& o) {
  FsWorld world;
  const EngineConfig config = default_config();
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  auto templates = made->templates_using(o.message_id);
  if (templates.empty()) {
    std::cerr << "quire: error[usage.unknown-message]: no template uses '" << o.message_id
              << "' (quire locales status TAG --list new shows the ids)\n";
    return 2;
  }
  RenderJob job;
  job.template_ref = templates.front();
  job.allow_template_folders = !o.template_folder.empty();  // the one the user named
  job.locale = o.tag;
  job.highlight_message = o.message_id;
  std::string data_path = o.input;
  if (data_path.empty()) {
    const std::string examples =
        (o.template_folder.empty() ? config.templates_dir + "/" + templates.front() : o.template_folder) + "/examples";
    auto names = world.list_directory(examples);
    std::sort(names.begin(), names.end());
    for (const auto& name : names)
      if (name.ends_with(".json")) {
        data_path = examples + "/" + name;
        break;
      }
  }
  std::string error;
  if (data_path.empty() || !read_input(data_path, job.data, error)) {
    std::cerr << "quire: error[usage.data]: " << (error.empty() ? "no example data: give --data FILE" : error) << '\n';
    return 2;
  }
  job.data_name = data_path;
  if (!format_for_path(o.output, job.format)) {
    std::cerr << "quire: error[usage.output]: the output must end in .pdf or .docx: " << o.output << '\n';
    return 2;
  }
  Engine engine(world, config);
  auto result = engine.renderer()->render(job);
  print_diagnostics(result.diagnostics);
  if (!result.ok()) return result.exit_code();
  if (!write_atomically(o.output, result.bytes, error)) {
    std::cerr << "quire: error[output.write]: " << error << '\n';
    return 1;
  }
  std::cout << o.message_id << " shown in colour in " << templates.front() << " (" << job.locale << "), data "
            << data_path << ": " << o.output << '\n';
  return 0;
}

int run_tmx(const LocalesOptions& o) {
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto tmx = tr.export_memory(o.tag, diags);
  print_diagnostics(diags);
  if (!tmx) return exit_code_for(diags) ? exit_code_for(diags) : 1;
  std::string error;
  if (!write_atomically(o.output, *tmx, error)) {
    std::cerr << "quire: error[usage.output]: " << error << '\n';
    return 2;
  }
  return 0;
}

int run_import(const LocalesOptions& o) {
  std::string xml, error;
  if (!read_input(o.input, xml, error)) {
    std::cerr << "quire: error[usage.input]: " << error << '\n';
    return 2;
  }
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto file = tr.import_file(xml, o.input, diags);
  if (o.strict && file) {
    make_strict(diags);
    if (diags.has_errors()) file.reset();
  }
  print_diagnostics(diags);
  if (!file) {
    std::cerr << "quire: import refused: nothing was changed\n";
    return exit_code_for(diags) ? exit_code_for(diags) : 1;
  }
  if (file->changes.empty()) std::cout << file->tag << ": no changes\n";
  return write_catalogues({*file}, o.dry_run);
}

int run_extract(const LocalesOptions& o) {
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto file = tr.extract(diags);
  print_diagnostics(diags);
  if (!file) return exit_code_for(diags) ? exit_code_for(diags) : 1;
  if (file->changes.empty()) std::cout << "en-GB: up to date\n";
  if (file->strings_gone_stale > 0)
    std::cout << file->strings_gone_stale << " changed string(s) now out of date in " << file->locales_affected
              << " language(s): they print in English (with a notice) until translated again; "
                 "quire locales status shows which\n";
  if (int code = write_catalogues({*file}, o.dry_run); code != 0 || o.template_folder.empty() || o.dry_run) return code;
  // A template folder's translations follow its English at once: a string the template no
  // longer uses leaves them too (kept, it would stop the folder's documents rendering).
  Diagnostics again;
  auto files = tr.normalise(again);
  print_diagnostics(again);
  if (again.has_errors()) return exit_code_for(again);
  files.erase(files.begin());  // the English, just written
  return write_catalogues(files, false);
}

int run_normalise(const LocalesOptions& o) {
  FsWorld world;
  auto made = open_translations(world, o.template_folder);
  if (!made) return 2;
  Translations& tr = *made;
  Diagnostics diags;
  auto files = tr.normalise(diags);
  print_diagnostics(diags);
  if (diags.has_errors()) return exit_code_for(diags);
  return write_catalogues(files, o.dry_run);
}

}  // namespace

Command add_locales(CLI::App& app) {
  auto o = std::make_shared<LocalesOptions>();
  auto* cmd = app.add_subcommand("locales", "Translators' workflow: status, check, export, import, extract");
  cmd->require_subcommand(1);
  cmd->footer(kLocalesFooter);

  auto* status =
      cmd->add_subcommand("status", "Strings new / translated / reviewed / final / stale / missing per locale");
  status->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  status->add_option("--min-complete", o->min_complete, "Exit 5 if a locale is below this percent complete");
  status->add_option("locales", o->tags, "Locales to show (default: all)");
  status
      ->add_option("--list", o->list,
                   "List one locale's strings that are new, stale, awaiting review or machine drafts")
      ->check(CLI::IsMember({"new", "stale", "review", "machine", "broken"}));

  auto* check = cmd->add_subcommand("check", "Check MessageFormat syntax, placeholders, plural forms, bidi controls");
  check->add_option("locales", o->tags, "Locales to check (default: all)");
  check->add_flag("--strict", o->strict, "Warnings (too long, another language's letters) count as errors");

  auto* exp = cmd->add_subcommand("export", "Write an XLIFF file for a translator's CAT tool");
  exp->add_option("locale", o->tag, "Locale to export")->required();
  exp->add_option("-o,--output", o->output, "The .xlf file to write")->required();

  auto* preview = cmd->add_subcommand("preview", "Render one string in its place, in colour (PDF or DOCX)");
  preview->add_option("locale", o->tag, "Locale")->required();
  preview->add_option("id", o->message_id, "The string's id (pledge.promise.home.body)")->required();
  preview->add_option("-o,--output", o->output, "The .pdf or .docx to write")->required();
  preview->add_option("--data", o->input, "Data to render with (default: the template's first example)");

  auto* tmx = cmd->add_subcommand("tmx", "Write the reviewed translations as a TMX memory for CAT tools");
  tmx->add_option("locale", o->tag, "Locale")->required();
  tmx->add_option("-o,--output", o->output, "The .tmx file to write")->required();

  auto* imp = cmd->add_subcommand("import", "Bring a translated XLIFF file back (all or nothing)");
  imp->add_option("file", o->input, "The translated .xlf file")->required();
  imp->add_flag("--dry-run", o->dry_run, "Check and list the changes, write nothing");
  imp->add_flag("--strict", o->strict, "Refuse on warnings too (too long for the page, another language's letters)");

  // Listed here; it needs the service's database, so quire-service runs it (main.cpp).
  cmd->add_subcommand("apply", std::string(service_description("locales", "apply")));

  auto* extract = cmd->add_subcommand("extract", "Gather the templates' English strings into locales/en-GB");
  extract->add_flag("--dry-run", o->dry_run, "List the changes, write nothing");

  auto* normalise = cmd->add_subcommand("normalise", "Rewrite every catalogue in canonical form");
  normalise->add_flag("--dry-run", o->dry_run, "List files that would change, write nothing");

  for (auto* sub : {status, check, exp, preview, tmx, imp, extract, normalise})
    sub->add_option("--template", o->template_folder,
                    "A template folder of your own: work on its catalogues (DIR/locales/<tag>/messages.xlf) and "
                    "its strings only")
        ->type_name("DIR");

  return [o, status, check, exp, preview, tmx, imp, extract, normalise] {
    if (status->parsed()) return run_status(*o);
    if (check->parsed()) return run_check(*o);
    if (exp->parsed()) return run_export(*o);
    if (tmx->parsed()) return run_tmx(*o);
    if (preview->parsed()) return run_preview(*o);
    if (imp->parsed()) return run_import(*o);
    if (extract->parsed()) return run_extract(*o);
    if (normalise->parsed()) return run_normalise(*o);
    return 2;
  };
}

}  // namespace quire::cli
