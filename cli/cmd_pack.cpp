// quire pack SPEC.json -o OUT.pdf [--edition public|full]
// Several documents as one PDF (a committee's agenda pack), through Engine::run_pack. A
// document's "data" is its JSON inline, or the path of a JSON file relative to the spec's
// folder: it is read through World::read_file_within, so nothing outside that folder (no
// "..", no absolute path, no symbolic link) is read.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "fs_world.hpp"
#include "output.hpp"
#include "quire/job_json.hpp"

namespace quire::cli {

namespace {

struct PackOptions {
  std::string spec_path, output, edition;
};

/// Replaces each document's "data": "PATH" by the file's text ("data_text") and its name.
void read_data_files(nlohmann::json& spec, const World& world, const std::string& folder, const std::string& spec_name,
                     Diagnostics& diags) {
  auto docs = spec.find("documents");
  if (docs == spec.end() || !docs->is_array()) return;  // from_json says what is wrong
  for (std::size_t i = 0; i < docs->size() && i <= kMaxPackDocuments; ++i) {
    nlohmann::json& doc = (*docs)[i];
    if (!doc.is_object()) continue;
    auto data = doc.find("data");
    if (data == doc.end() || !data->is_string()) continue;
    const std::string rel = data->get<std::string>();
    auto text = world.read_file_within(folder, rel);
    if (!text) {
      Diagnostic d;
      d.origin = Origin::Usage;
      d.code = "usage.pack-data";
      d.message = "cannot read the data file '" + rel + "' inside the spec's folder";
      d.hint = "a document's data is its JSON, or a path relative to the folder of " + spec_name +
               " (no '..', no absolute path, no symbolic link)";
      d.pos.file = spec_name;
      d.pointer = "/documents/" + std::to_string(i) + "/data";
      diags.add(std::move(d));
      continue;
    }
    doc.erase("data");
    doc["data_text"] = std::move(*text);
    if (!doc.contains("data_name"))
      doc["data_name"] = (std::filesystem::path(folder) / rel).lexically_normal().string();
  }
}

int run_pack(const PackOptions& o) {
  OutputFormat format = OutputFormat::Pdf;
  if (!format_for_path(o.output, format) || format != OutputFormat::Pdf) {
    std::cerr << "quire: error[usage.pack-format]: a pack is one PDF: the output must end in .pdf: " << o.output
              << '\n';
    return 2;
  }
  if (std::string folder = missing_output_folder(o.output); !folder.empty()) {
    std::cerr << "quire: error[usage.output]: cannot write " << o.output << ": the folder " << folder
              << " does not exist\n";
    return 2;
  }
  std::string text, error;
  if (!read_input(o.spec_path, text, error)) {
    std::cerr << "quire: error[usage.data]: " << error << '\n';
    return 2;
  }
  Diagnostics diags;
  auto spec = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (spec.is_discarded()) {
    parse_pack_job(text, diags, o.spec_path);  // reports the syntax error's line and column
    print_diagnostics(diags);
    return exit_code_for(diags) ? exit_code_for(diags) : 2;
  }
  FsWorld world;
  std::string folder = std::filesystem::path(o.spec_path).parent_path().string();
  if (o.spec_path == "-" || folder.empty()) folder = ".";
  if (spec.is_object()) read_data_files(spec, world, folder, o.spec_path, diags);
  PackJob job;
  bool read = from_json(spec, job, diags, o.spec_path);
  if (!o.edition.empty()) job.edition = o.edition == "public" ? PackEdition::Public : PackEdition::Full;
  if (!read || diags.has_errors()) {
    print_diagnostics(diags);
    return exit_code_for(diags);
  }
  job.name = o.spec_path;             // what its diagnostics show
  job.allow_template_folders = true;  // the local user's own files, as `quire render`
  Engine engine(world, default_config());
  auto result = engine.run_pack(job);
  print_diagnostics(result.diagnostics);
  if (!result.ok()) return result.exit_code();
  if (!write_atomically(o.output, result.bytes, error)) {
    std::cerr << "quire: error[output.write]: " << error << '\n';
    return 1;
  }
  std::cout << o.output << ": " << result.included << " document(s), " << result.pages << " page(s)";
  if (result.withheld > 0) std::cout << ", " << result.withheld << " exempt item(s) withheld";
  std::cout << '\n';
  return 0;
}

}  // namespace

Command add_pack(CLI::App& app) {
  auto o = std::make_shared<PackOptions>();
  auto* cmd = app.add_subcommand("pack", "Render several documents as one PDF (a meeting's agenda pack)");
  cmd->add_option("spec", o->spec_path,
                  "Pack spec (JSON: {\"documents\": [{\"template\", \"data\" (JSON, or a file relative to the spec's "
                  "folder), \"locale\", \"title\", \"confidential\"}], \"edition\", \"title\"}; '-' for stdin)")
      ->required();
  cmd->add_option("-o,--output", o->output, "Output file (.pdf)")->required();
  cmd->add_option("--edition", o->edition,
                  "public: leave out confidential (exempt) documents; full: all of them (default: the spec's, else "
                  "full)")
      ->check(CLI::IsMember({"public", "full"}));
  return [o] { return run_pack(*o); };
}

}  // namespace quire::cli
