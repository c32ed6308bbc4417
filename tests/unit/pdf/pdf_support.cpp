#include "pdf_support.hpp"

#include <hb.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "support/test_world.hpp"

namespace quire::pdf::testing {

const text::FontLibrary& fonts() {
  static quire::testing::TestWorld world;
  static Diagnostics diags;
  static text::FontLibrary library(world, quire::testing::font_root(), text::default_font_stack(), diags);
  if (library.size() == 0) throw std::runtime_error("fonts missing: run scripts/install-deps.sh");
  return library;
}

const text::Face& face_for(char32_t c, std::string_view script, std::string_view lang, bool bold) {
  return fonts().pick(c, script, lang, bold);
}

layout::GlyphRun shape(const text::Face& face, std::string_view text, float size, float x, float y, bool rtl,
                       std::string_view lang) {
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_language(buf, hb_language_from_string(lang.data(), static_cast<int>(lang.size())));
  hb_buffer_guess_segment_properties(buf);
  hb_shape(face.font, buf, nullptr, 0);
  unsigned n = 0;
  hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);

  layout::GlyphRun run;
  run.face = &face;
  run.size = size;
  run.x = x;
  run.y = y;
  run.rtl = rtl;
  run.lang = std::string(lang);
  const float scale = size / static_cast<float>(face.upem);
  std::vector<unsigned> starts;
  for (unsigned i = 0; i < n; ++i) {
    run.glyphs.push_back(
        {info[i].codepoint, pos[i].x_advance * scale, pos[i].x_offset * scale, pos[i].y_offset * scale});
    starts.push_back(info[i].cluster);
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  auto text_of = [&](unsigned start) {
    auto it = std::upper_bound(starts.begin(), starts.end(), start);
    unsigned end = it == starts.end() ? static_cast<unsigned>(text.size()) : *it;
    return std::string(text.substr(start, end - start));
  };
  for (unsigned i = 0; i < n;) {
    unsigned j = i + 1;
    while (j < n && info[j].cluster == info[i].cluster) ++j;
    run.clusters.push_back({i, j - i, text_of(info[i].cluster)});
    i = j;
  }
  hb_buffer_destroy(buf);
  return run;
}

DocBuilder::DocBuilder() {
  doc.pages.emplace_back();
  layout::StructNode root;
  root.role = layout::Role::Document;
  doc.structure.push_back(root);
}

int DocBuilder::node(layout::Role role, int parent) {
  layout::StructNode n;
  n.role = role;
  n.parent = parent;
  int id = static_cast<int>(doc.structure.size());
  doc.structure.push_back(n);
  if (parent >= 0) doc.structure[static_cast<std::size_t>(parent)].children.push_back(id);
  return id;
}

void DocBuilder::add(layout::ItemValue value, int tag, int page) {
  doc.pages[static_cast<std::size_t>(page)].items.push_back({std::move(value), tag});
}

int DocBuilder::add_page(float width, float height) {
  layout::Page p;
  p.width = width;
  p.height = height;
  doc.pages.push_back(p);
  return static_cast<int>(doc.pages.size()) - 1;
}

namespace {

void put32(std::string& s, std::uint32_t v) {
  for (int k = 3; k >= 0; --k) s.push_back(static_cast<char>((v >> (k * 8)) & 0xFF));
}

void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put32(png, static_cast<std::uint32_t>(
                 crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

}  // namespace

std::string make_png(unsigned width, unsigned height) {
  std::string raw;
  for (unsigned y = 0; y < height; ++y) {
    raw.push_back(0);  // filter: none
    for (unsigned x = 0; x < width; ++x) {
      raw.push_back(static_cast<char>(255 * x / width));
      raw.push_back(static_cast<char>(80));
      raw.push_back(static_cast<char>(255 * y / height));
      raw.push_back(static_cast<char>(128 + 127 * x / width));
    }
  }
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string z(len, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  z.resize(len);
  std::string png = "\x89PNG\r\n\x1A\n";
  std::string ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, deflate, no filter method, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

ToolResult run_tool(const std::string& command) {
  TempDir tmp;
  std::string err_path = tmp.path() + "/stderr";
  ToolResult r;
  std::string full = command + " 2>" + err_path;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t got;
  while ((got = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, got);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  return r;
}

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "quire-pdf-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& bytes) const {
  std::string p = path_ + "/" + name;
  write_to(p, bytes);
  return p;
}

void TempDir::write_to(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace quire::pdf::testing
