// The OPC package: named parts zipped in memory (libdeflate; package.cpp).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace quire::docx {

/// Parts in the order they are added ([Content_Types].xml first, as Word writes it).
class Package {
 public:
  void add(std::string name, std::string bytes) { parts_.push_back({std::move(name), std::move(bytes), nullptr}); }
  /// A part no other document has (the body, which names the child): deflated without
  /// hashing its bytes to look for it among the parts documents share.
  void add_own(std::string name, std::string bytes) {
    parts_.push_back({std::move(name), std::move(bytes), nullptr, true});
  }
  /// A part whose bytes are shared and never change (an embedded font's obfuscated part,
  /// from its cache): not copied, and packed once per process, found again by its address
  /// (the packed cache holds the bytes, so that address is not reused while it is kept),
  /// without hashing or comparing the bytes as add()'s parts are.
  void add_shared(std::string name, std::shared_ptr<const std::string> bytes) {
    parts_.push_back({std::move(name), {}, std::move(bytes)});
  }

  /// Stores every part uncompressed: for a small package zipped into another one (a
  /// chart's workbook inside the DOCX), where the outer zip's deflate does the work once.
  void store_only() { store_only_ = true; }

  /// The zip bytes. Every entry gets `mtime` so the same input gives the same bytes.
  /// Returns an empty string and sets `error` if zipping fails.
  [[nodiscard]] std::string zip(std::chrono::system_clock::time_point mtime, std::string& error) const;

 private:
  struct Part {
    std::string name;
    std::string bytes;
    std::shared_ptr<const std::string> shared;  ///< instead of bytes
    bool own = false;                           ///< add_own(): never in the packed-part cache
    [[nodiscard]] const std::string& data() const { return shared ? *shared : bytes; }
  };
  std::vector<Part> parts_;
  bool store_only_ = false;
};

}  // namespace quire::docx
