#include "support/test_world.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quire::testing {

std::optional<std::string> TestWorld::read_file(std::string_view path) const {
  if (auto it = files_.find(path); it != files_.end()) return it->second;
  std::ifstream in(std::string(path), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool TestWorld::is_file(std::string_view path) const {
  if (files_.find(path) != files_.end()) return true;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::string(path), ec);
}

bool TestWorld::is_directory(std::string_view path) const {
  std::string prefix = std::string(path) + "/";
  for (const auto& [name, _] : files_)
    if (name.rfind(prefix, 0) == 0) return true;
  std::error_code ec;
  return std::filesystem::is_directory(std::string(path), ec);
}

std::vector<std::string> TestWorld::list_directory(std::string_view path) const {
  std::vector<std::string> names;
  std::string prefix = std::string(path) + "/";
  for (const auto& [name, _] : files_)  // files and folders of the overlay directly under `path`
    if (name.rfind(prefix, 0) == 0) {
      const auto slash = name.find('/', prefix.size());
      names.push_back(
          name.substr(prefix.size(), slash == std::string::npos ? std::string::npos : slash - prefix.size()));
    }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::string(path), ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::chrono::system_clock::time_point TestWorld::now() const {
  return std::chrono::system_clock::time_point{std::chrono::seconds{1768471200}};  // 2026-01-15T10:00:00Z
}

}  // namespace quire::testing
