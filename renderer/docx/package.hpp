// The OPC package: named parts zipped in memory (zlib; package.cpp).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace quire::docx {

/// Parts in the order they are added ([Content_Types].xml first, as Word writes it).
class Package {
 public:
  void add(std::string name, std::string bytes) { parts_.emplace_back(std::move(name), std::move(bytes)); }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& parts() const { return parts_; }

  /// Stores every part uncompressed: for a small package zipped into another one (a
  /// chart's workbook inside the DOCX), where the outer zip's deflate does the work once.
  void store_only() { store_only_ = true; }

  /// The zip bytes. Every entry gets `mtime` so the same input gives the same bytes.
  /// Returns an empty string and sets `error` if zipping fails.
  [[nodiscard]] std::string zip(std::chrono::system_clock::time_point mtime, std::string& error) const;

 private:
  std::vector<std::pair<std::string, std::string>> parts_;
  bool store_only_ = false;
};

}  // namespace quire::docx
