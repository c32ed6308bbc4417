// Pictures: word/media/imageN.(png|jpeg) and an inline w:drawing with alternative text.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "docx/writer.hpp"
#include "docx/xml.hpp"
#include "image/decode.hpp"

namespace quire::docx {
namespace {

constexpr double kEmuPerPoint = 12700;

unsigned be16(const std::string& b, size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}
unsigned long be32(const std::string& b, size_t at) {
  return (static_cast<unsigned long>(be16(b, at)) << 16) | be16(b, at + 2);
}

std::optional<ImageInfo> probe_png(const std::string& b) {
  static const char sig[] = "\x89PNG\r\n\x1a\n";
  if (b.size() < 33 || std::memcmp(b.data(), sig, 8) != 0 || b.compare(12, 4, "IHDR") != 0) return std::nullopt;
  ImageInfo info;
  info.width = static_cast<unsigned>(be32(b, 16));
  info.height = static_cast<unsigned>(be32(b, 20));
  // pHYs (pixels per metre) gives the intended size, if present before the image data.
  for (size_t at = 8; at + 12 <= b.size();) {
    unsigned long len = be32(b, at);
    if (b.compare(at + 4, 4, "IDAT") == 0 || at + 12 + len > b.size()) break;
    if (b.compare(at + 4, 4, "pHYs") == 0 && len >= 9 && b[at + 16] == 1) {
      double x = be32(b, at + 8) * 0.0254, y = be32(b, at + 12) * 0.0254;
      if (x >= 10 && y >= 10) {
        info.dpi_x = x;
        info.dpi_y = y;
      }
    }
    at += 12 + len;
  }
  return info;
}

std::optional<ImageInfo> probe_jpeg(const std::string& b) {
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF || static_cast<unsigned char>(b[1]) != 0xD8)
    return std::nullopt;
  for (size_t at = 2; at + 4 <= b.size();) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
    const unsigned marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    const unsigned len = be16(b, at + 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof && at + 9 <= b.size()) {
      ImageInfo info;
      info.height = be16(b, at + 5);
      info.width = be16(b, at + 7);
      info.ext = "jpeg";
      info.mime = "image/jpeg";
      if (info.width == 0 || info.height == 0) return std::nullopt;
      return info;
    }
    at += 2 + len;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> probe_image(const std::string& bytes) {
  if (auto png = probe_png(bytes); png && png->width && png->height) return png;
  return probe_jpeg(bytes);
}

void write_image(Context& ctx, pugi::xml_node parent, const model::Image& image, const BlockEnv& env) {
  // Word decodes what it is given: only bytes that quire's own decoders read (the
  // process cache, warmed by the template stage) are embedded, as they came.
  std::string why;
  auto info = probe_image(image.data);
  if (!info || !quire::image::decoded(image.data, why)) {
    ctx.diags.warning(Origin::Template, "docx.image-unreadable",
                      "\"" + image.source + "\" cannot be decoded (" + (info ? why : "neither PNG nor JPEG") +
                          "); its alternative text is shown instead");
    if (!image.alt.empty()) write_plain_paragraph(ctx, parent, nullptr, image.alt, env);
    return;
  }
  const int n = static_cast<int>(ctx.media.size()) + 1;
  const std::string file = "image" + std::to_string(n) + "." + info->ext;
  ctx.media.push_back({file, image.data});
  ctx.types.add_default(info->ext, info->mime);
  const std::string rid = ctx.rels->add(rel_type("image"), "media/" + file);

  // Natural size at the image's resolution, or the requested width; never wider than the column.
  double w = info->width * 72.0 / info->dpi_x, h = info->height * 72.0 / info->dpi_y;
  if (image.width > 0) {
    h *= image.width / w;
    w = image.width;
  }
  const double max_w = ctx.text_width_twips / 20.0;
  if (w > max_w) {
    h *= max_w / w;
    w = max_w;
  }
  const long cx = std::max(1L, std::lround(w * kEmuPerPoint)), cy = std::max(1L, std::lround(h * kEmuPerPoint));
  const std::string alt = image.decorative ? std::string() : clean_text(image.alt);
  const int id = ctx.next_drawing_id++;
  const std::string name = "Picture " + std::to_string(id);

  pugi::xml_node p = parent.append_child("w:p");
  drawing_line(p);
  if (env.rtl) prop(ppr(p), Props::PPr, "w:bidi");
  pugi::xml_node inl = p.append_child("w:r").append_child("w:drawing").append_child("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) inl.append_attribute(d) = 0;
  pugi::xml_node extent = inl.append_child("wp:extent");
  extent.append_attribute("cx") = cx;
  extent.append_attribute("cy") = cy;
  pugi::xml_node effect = inl.append_child("wp:effectExtent");
  for (const char* d : {"l", "t", "r", "b"}) effect.append_attribute(d) = 0;
  pugi::xml_node doc_pr = inl.append_child("wp:docPr");
  doc_pr.append_attribute("id") = id;
  doc_pr.append_attribute("name") = name.c_str();
  doc_pr.append_attribute("descr") = alt.c_str();
  if (image.decorative) {
    // Office's "mark as decorative" flag, so checkers do not ask for alternative text.
    pugi::xml_node ext = doc_pr.append_child("a:extLst").append_child("a:ext");
    ext.append_attribute("uri") = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}";
    pugi::xml_node dec = ext.append_child("adec:decorative");
    dec.append_attribute("xmlns:adec") = "http://schemas.microsoft.com/office/drawing/2017/decorative";
    dec.append_attribute("val") = "1";
  }
  inl.append_child("wp:cNvGraphicFramePr").append_child("a:graphicFrameLocks").append_attribute("noChangeAspect") = 1;
  pugi::xml_node data = inl.append_child("a:graphic").append_child("a:graphicData");
  data.append_attribute("uri") = "http://schemas.openxmlformats.org/drawingml/2006/picture";
  pugi::xml_node pic = data.append_child("pic:pic");
  pugi::xml_node nv = pic.append_child("pic:nvPicPr");
  pugi::xml_node cnv = nv.append_child("pic:cNvPr");
  cnv.append_attribute("id") = 0;
  cnv.append_attribute("name") = file.c_str();
  cnv.append_attribute("descr") = alt.c_str();
  nv.append_child("pic:cNvPicPr");
  pugi::xml_node fill = pic.append_child("pic:blipFill");
  fill.append_child("a:blip").append_attribute("r:embed") = rid.c_str();
  fill.append_child("a:stretch").append_child("a:fillRect");
  pugi::xml_node sp = pic.append_child("pic:spPr");
  pugi::xml_node xfrm = sp.append_child("a:xfrm");
  pugi::xml_node off = xfrm.append_child("a:off");
  off.append_attribute("x") = 0;
  off.append_attribute("y") = 0;
  pugi::xml_node ext = xfrm.append_child("a:ext");
  ext.append_attribute("cx") = cx;
  ext.append_attribute("cy") = cy;
  pugi::xml_node geom = sp.append_child("a:prstGeom");
  geom.append_attribute("prst") = "rect";
  geom.append_child("a:avLst");

  auto bm = ctx.block_bookmarks.find(&image);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, p, bm->second);
}

}  // namespace quire::docx
