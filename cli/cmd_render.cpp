// quire render TEMPLATE DATA.json -o OUT.pdf|OUT.docx [--locale TAG] [--strict] [--bilingual]
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"

namespace quire::cli {

namespace {
struct RenderOptions {
  std::string template_ref, data_path, output, locale;
  bool strict = false;
  bool allow_missing_glyphs = false;
  bool no_embed_fonts = false;
  bool bilingual = false;
  std::string theme = "default";
};

int run_render(const RenderOptions& o) {
  RenderJob job;
  job.template_ref = o.template_ref;
  job.allow_template_folders = true;  // the local user's own files
  job.locale = o.locale;
  job.strict = o.strict;
  job.allow_missing_glyphs = o.allow_missing_glyphs;
  job.embed_fonts = !o.no_embed_fonts;
  job.bilingual = o.bilingual;
  job.theme = o.theme;
  job.data_name = o.data_path;
  if (!format_for_path(o.output, job.format)) {
    std::cerr << "quire: error[usage.output]: the output must end in .pdf or .docx: " << o.output << '\n';
    return 2;
  }
  if (std::string folder = missing_output_folder(o.output); !folder.empty()) {
    std::cerr << "quire: error[usage.output]: cannot write " << o.output << ": the folder " << folder
              << " does not exist\n";
    return 2;
  }
  std::string error;
  if (!read_input(o.data_path, job.data, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  FsWorld world;
  Engine engine(world, default_config());
  warn_if_folder_shadowed(engine, o.template_ref);
  auto result = engine.renderer()->render(job);
  print_diagnostics(result.diagnostics);
  if (!result.ok()) return result.exit_code();
  if (!write_atomically(o.output, result.bytes, error)) {
    std::cerr << "quire: error[output.write]: " << error << '\n';
    return 1;
  }
  return 0;
}
}  // namespace

Command add_render(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  auto* cmd = app.add_subcommand("render", "Render one document to PDF or DOCX");
  cmd->add_option("template", o->template_ref,
                  "Built-in template name, or a template folder (a path, or ./NAME: a name with no slash is a "
                  "built-in template, else an existing folder of that name)")
      ->required();
  cmd->add_option("data", o->data_path, "JSON data file ('-' for stdin)")->required();
  cmd->add_option("-o,--output", o->output, "Output file (.pdf or .docx)")->required();
  cmd->add_option("--locale", o->locale, "BCP 47 locale (default: the data's \"locale\", else en-GB)");
  cmd->add_flag("--strict", o->strict,
                "Refuse to render (exit 5) when a string would fall back to English, or when the template's content "
                "checks find an error (docs/CHECKS.md)");
  cmd->add_flag("--allow-missing-glyphs", o->allow_missing_glyphs,
                "Render characters no installed font has as a replacement glyph, with a warning (else exit 3)");
  cmd->add_flag("--no-embed-fonts", o->no_embed_fonts,
                "DOCX: name the fonts only, embed no subsets (smaller; Word substitutes fonts it lacks)");
  cmd->add_flag("--bilingual", o->bilingual, "The locale and English side by side");
  cmd->add_option("--theme", o->theme, "The council's theme (a folder under templates/themes)");
  return [o] { return run_render(*o); };
}

Command add_templates(CLI::App& app) {
  auto* cmd = app.add_subcommand("templates", "List the built-in templates and locales");
  (void)cmd;
  return [] {
    FsWorld world;
    Engine engine(world, default_config());
    std::cout << "templates:";
    for (const auto& t : engine.templates()) std::cout << ' ' << t;
    std::cout << "\nlocales:";
    for (const auto& l : engine.locales()) std::cout << ' ' << l;
    std::cout << '\n';
    return 0;
  };
}

}  // namespace quire::cli
