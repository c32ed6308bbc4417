#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fs_world.hpp"

namespace quire::cli {

bool write_atomically(const std::string& path, const std::string& bytes, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path tmp = target;
  tmp += ".part-" + std::to_string(::getpid());
  {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) {
      error = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      return false;
    }
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
      error = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    error = "cannot move the output into place at " + path + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags.items()) std::cerr << format_diagnostic(d) << '\n';
}

bool format_for_path(const std::string& path, OutputFormat& format) {
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf")
    format = OutputFormat::Pdf;
  else if (ext == ".docx")
    format = OutputFormat::Docx;
  else
    return false;
  return true;
}

EngineConfig default_config() {
  EngineConfig config;
  std::string home = data_home();
  config.templates_dir = home + "/templates";
  config.locales_dir = home + "/locales";
  return config;
}

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    contents = ss.str();
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error = path + ": no such file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  contents = ss.str();
  return true;
}

}  // namespace quire::cli
