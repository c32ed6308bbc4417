// Helpers for the DOCX writer tests: unzip the package with libzip, parse parts with
// pugixml, small model builders, a tiny PNG encoder, and running LibreOffice/poppler.
#pragma once

#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace quire::docx::testing {

/// The parts of a zip package by name (in archive order in `order`).
struct Unzipped {
  std::map<std::string, std::string> parts;
  std::vector<std::string> order;
  bool ok = false;
  [[nodiscard]] bool has(const std::string& name) const { return parts.count(name) != 0; }
};
Unzipped unzip(const std::string& bytes);

/// Parses a part; `ok` is false (and the test should fail) if it is not well-formed.
struct Xml {
  pugi::xml_document doc;
  bool ok = false;
  std::string error;
};
void parse(const std::string& text, Xml& out);

// Model builders.
model::TextRun text(std::string s, std::string lang = {});
model::Block para(std::vector<model::Inline> content, std::string lang = {});
model::Block para(std::string s);
model::Block heading(int level, std::string s, std::string id = {}, bool numbered = false);
model::TableCell cell(std::string s, model::Rag rag = model::Rag::None);

/// A two-section care plan using most of the model: title, contents, numbered headings,
/// nested and ordered lists, a table with a header row, spans and RAG cells, Arabic with
/// an English name, Tigrinya, Chinese, a picture, a footnote, cross-references, links,
/// keep-together, columns, a chart, a footer with page fields, a landscape appendix.
model::Document sample_care_plan();

/// A small RGB PNG (stored deflate, no zlib needed).
std::string make_png(unsigned width, unsigned height);

/// Output of an external tool.
struct ToolResult {
  int exit_code = -1;
  std::string out;
};
/// Runs a shell command line (arguments already quoted); stderr goes to stdout.
ToolResult run_tool(const std::string& command);

/// A temporary directory, removed with its contents when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& bytes) const;

 private:
  std::string path_;
};

/// Converts `docx` to PDF with headless LibreOffice in `dir`; returns the PDF path or "".
std::string libreoffice_pdf(const TempDir& dir, const std::string& docx_name, const std::string& docx_bytes);

}  // namespace quire::docx::testing
