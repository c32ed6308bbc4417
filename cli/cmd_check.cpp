// quire check TEMPLATE DATA.json [--format text|json] [--locale TAG]
// The content checks of a plan record (docs/CHECKS.md). The findings are the command's
// output (stdout); exit 0 with warnings only, 5 with an error finding, 3 for a bad record.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"

namespace quire::cli {

namespace {
struct CheckOptions {
  std::string template_ref, data_path, locale;
  std::string format = "text";
};

void print_text(const CheckResult& result) {
  int errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics.items()) {
    std::cout << format_diagnostic(d) << '\n';
    (d.severity == Severity::Error ? errors : warnings)++;
  }
  for (const auto& s : result.reading_ease) {
    char score[16];
    std::snprintf(score, sizeof score, "%.0f", s.score);
    std::cout << "info: " << s.pointer << " (" << s.area << "): Flesch reading ease " << score << " over " << s.words
              << " words\n";
  }
  std::cout << errors << " error(s), " << warnings << " warning(s)\n";
}

int run_check(const CheckOptions& o) {
  if (o.format != "text" && o.format != "json") {
    std::cerr << "quire: error[usage.format]: --format is text or json, not " << o.format << '\n';
    return 2;
  }
  CheckJob job;
  job.template_ref = o.template_ref;
  job.allow_template_folders = true;  // the local user's own files
  job.locale = o.locale;
  job.data_name = o.data_path;
  std::string error;
  if (!read_input(o.data_path, job.data, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  FsWorld world;
  Engine engine(world, default_config());
  const auto result = engine.check(job);
  if (o.format == "json")
    std::cout << findings_json(result).dump(2) << '\n';
  else
    print_text(result);
  return result.exit_code();
}
}  // namespace

Command add_check(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check", "Check a plan record against its template's rules: statutory areas, actions, voice, plain words");
  cmd->add_option("template", o->template_ref, "Built-in template name or template folder")->required();
  cmd->add_option("data", o->data_path, "JSON record ('-' for stdin)")->required();
  cmd->add_option("--format", o->format, "text (default) or json: {\"findings\": [...]}");
  cmd->add_option("--locale", o->locale, "Whose jargon list to use besides English's (default: the record's)");
  return [o] { return run_check(*o); };
}

}  // namespace quire::cli
