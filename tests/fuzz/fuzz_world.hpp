// An in-memory World for the fuzz harnesses: no disk, a fixed clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "quire/world.hpp"

namespace quire::fuzz {

class MemWorld : public World {
 public:
  void put(std::string path, std::string text) { files_[std::move(path)] = std::move(text); }
  [[nodiscard]] std::optional<std::string> read_file(std::string_view path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] bool is_directory(std::string_view) const override { return false; }
  [[nodiscard]] std::vector<std::string> list_directory(std::string_view) const override { return {}; }
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point{std::chrono::seconds{1768471200}};
  }

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Splits the input at the first "\n---\n" (two documents in one input).
inline std::pair<std::string_view, std::string_view> split2(std::string_view in) {
  auto at = in.find("\n---\n");
  if (at == std::string_view::npos) return {in, {}};
  return {in.substr(0, at), in.substr(at + 5)};
}

}  // namespace quire::fuzz
