// quire new DIR: a template folder to start from (template, schema, example data,
// catalogue, README), copied from $QUIRE_HOME/examples/starter, which the tests render
// like every other example, so what `new` gives always works.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <vector>

#include "commands.hpp"
#include "fs_world.hpp"

namespace quire::cli {

namespace {
namespace fs = std::filesystem;

struct NewOptions {
  std::string folder;
};

// The starter is small; a bound keeps a wrong QUIRE_HOME from copying a whole tree.
constexpr int kMaxStarterFiles = 64;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Copies the starter's regular files into `to` (which exists and is empty), writing the
// folder's name where the starter says FOLDER. Symbolic links are not followed.
bool copy_starter(const fs::path& from, const fs::path& to, const std::string& folder_name,
                  std::vector<std::string>& made, std::string& error) {
  std::error_code ec;
  int files = 0;
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    fs::path rel = fs::relative(it->path(), from, ec);
    if (ec) break;
    if (it->is_symlink()) continue;
    if (it->is_directory()) {
      fs::create_directory(to / rel, ec);
      continue;
    }
    if (!it->is_regular_file() || ++files > kMaxStarterFiles) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::ofstream out(to / rel, std::ios::binary | std::ios::trunc);
    std::string ext = rel.extension().string();
    bool textual = ext == ".xml" || ext == ".md" || ext == ".json" || ext == ".xlf";
    // "./FOLDER" is how `render` is told the argument is a folder; a path with a slash needs no "./".
    std::string folder_ref = folder_name.find('/') == std::string::npos ? "./" + folder_name : folder_name;
    out << (textual ? replace_all(replace_all(text.str(), "./FOLDER", folder_ref), "FOLDER", folder_name) : text.str());
    if (!in || !out) {
      error = "cannot copy " + it->path().string();
      return false;
    }
    made.push_back(rel.string());
  }
  if (ec) error = "cannot read " + from.string() + ": " + ec.message();
  return !ec;
}

int run_new(const NewOptions& o) {
  fs::path target(o.folder);
  fs::path starter = fs::path(data_home()) / "examples" / "starter";
  std::error_code ec;
  if (!fs::is_regular_file(starter / "template.xml", ec)) {
    std::cerr << "quire: error[new.starter]: the starter template is missing: " << starter.string()
              << "\n  hint: set QUIRE_HOME to quire's folder (the one with templates/ and locales/)\n";
    return 1;
  }
  if (fs::exists(fs::symlink_status(target, ec)) && !(fs::is_directory(target, ec) && fs::is_empty(target, ec))) {
    std::cerr << "quire: error[usage.exists]: " << o.folder
              << " already exists and is not an empty folder; nothing was written\n"
              << "  hint: give the name of a new folder\n";
    return 2;
  }
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    std::cerr << "quire: error[usage.output]: the folder " << parent.string() << " does not exist\n";
    return 2;
  }
  // Built beside the target under an unpredictable name, then renamed into place: a
  // failure leaves no half-made folder, and nothing planted in advance is written into.
  std::string tmp = (parent / ".quire-new-XXXXXX").string();
  if (!::mkdtemp(tmp.data())) {
    std::cerr << "quire: error[output.write]: cannot create a folder in " << parent.string() << '\n';
    return 1;
  }
  std::vector<std::string> made;
  std::string error;
  bool ok = copy_starter(starter, tmp, o.folder, made, error);
  if (ok) {
    fs::permissions(tmp,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                        fs::perms::others_exec,
                    ec);
    fs::rename(tmp, target, ec);
    if (ec) error = "cannot create " + o.folder + ": " + ec.message();
    ok = !ec;
  }
  if (!ok) {
    fs::remove_all(tmp, ec);
    std::cerr << "quire: error[output.write]: " << error << "; nothing was written\n";
    return 1;
  }
  std::sort(made.begin(), made.end());
  std::cout << "made " << o.folder << ":\n";
  for (const auto& f : made) std::cout << "  " << f << '\n';
  std::cout << "next:\n  quire render " << (o.folder.find('/') == std::string::npos ? "./" : "") << o.folder << ' '
            << (fs::path(o.folder) / "examples" / "example.json").string() << " -o letter.pdf\n"
            << "  quire locales extract --template " << o.folder << "   (after changing any <t> text)\n";
  return 0;
}
}  // namespace

Command add_new(CLI::App& app) {
  auto o = std::make_shared<NewOptions>();
  auto* cmd =
      app.add_subcommand("new", "Make a new template folder to start from (template, schema, example, catalogue)");
  cmd->add_option("folder", o->folder, "The folder to make (must not exist, or be empty)")->required();
  return [o] { return run_new(*o); };
}

}  // namespace quire::cli
