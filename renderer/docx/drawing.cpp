// Vector drawings: icons as inline DrawingML shapes (wps:wsp with an a:custGeom path
// list built from the same model::Drawing the PDF writer draws), and the wp:inline
// frame shared with charts.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {
namespace {

constexpr double kEmuPerPoint = 12700;
constexpr double kUnits = 1000;  // path units per drawing unit (custGeom coordinates are integers)

long emu(double points) {
  return std::max(1L, std::lround(points * kEmuPerPoint));
}

void point(pugi::xml_node parent, float x, float y) {
  pugi::xml_node pt = parent.append_child("a:pt");
  pt.append_attribute("x") = std::lround(x * kUnits);
  pt.append_attribute("y") = std::lround(y * kUnits);
}

void solid_fill(pugi::xml_node parent, const model::Color& c) {
  parent.append_child("a:solidFill").append_child("a:srgbClr").append_attribute("val") = model::hex(c).c_str();
}

// wps:spPr of a shape drawing `d` at cx x cy EMU: one custGeom path per model path, the
// shape's one fill and line colour taken from the first filled and first stroked path.
void shape_properties(pugi::xml_node sp, const model::Drawing& d, long cx, long cy, double size_pt) {
  pugi::xml_node xfrm = sp.append_child("a:xfrm");
  pugi::xml_node off = xfrm.append_child("a:off");
  off.append_attribute("x") = 0;
  off.append_attribute("y") = 0;
  pugi::xml_node ext = xfrm.append_child("a:ext");
  ext.append_attribute("cx") = cx;
  ext.append_attribute("cy") = cy;
  pugi::xml_node geom = sp.append_child("a:custGeom");
  for (const char* n : {"a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"}) geom.append_child(n);
  pugi::xml_node rect = geom.append_child("a:rect");
  for (const char* side : {"l", "t", "r", "b"}) rect.append_attribute(side) = side;
  pugi::xml_node list = geom.append_child("a:pathLst");
  const model::Path* filled = nullptr;
  const model::Path* stroked = nullptr;
  for (const auto& path : d.paths) {
    if (path.fill && !filled) filled = &path;
    if (path.stroke && !stroked) stroked = &path;
    pugi::xml_node p = list.append_child("a:path");
    p.append_attribute("w") = std::lround(d.width * kUnits);
    p.append_attribute("h") = std::lround(d.height * kUnits);
    if (!path.fill) p.append_attribute("fill") = "none";
    if (!path.stroke) p.append_attribute("stroke") = "0";
    for (const auto& op : path.ops) switch (op.kind) {
        case model::PathOp::Kind::Move:
          point(p.append_child("a:moveTo"), op.x1, op.y1);
          break;
        case model::PathOp::Kind::Line:
          point(p.append_child("a:lnTo"), op.x1, op.y1);
          break;
        case model::PathOp::Kind::Cubic: {
          pugi::xml_node c = p.append_child("a:cubicBezTo");
          point(c, op.x1, op.y1);
          point(c, op.x2, op.y2);
          point(c, op.x, op.y);
          break;
        }
        case model::PathOp::Kind::Close:
          p.append_child("a:close");
          break;
      }
  }
  if (filled)
    solid_fill(sp, *filled->fill);
  else
    sp.append_child("a:noFill");
  pugi::xml_node ln = sp.append_child("a:ln");
  if (stroked) {
    const double scale = size_pt / std::max(d.width, d.height);
    ln.append_attribute("w") = emu(stroked->stroke_width * scale);
    if (stroked->round_joins) ln.append_attribute("cap") = "rnd";
    solid_fill(ln, *stroked->stroke);
    ln.append_child(stroked->round_joins ? "a:round" : "a:miter");
  } else {
    ln.append_child("a:noFill");
  }
}

// The wps:spPr of each icon drawn at a size in a colour, written once per thread and placed
// in each document as a fragment: a Pledge draws ten icons, and building their paths point
// by point was a tenth of its Word file. The fragment is the same XML. Bounded: past
// kMaxShapes the cache starts again (documents keep the fragments they hold).
class ShapeCache {
 public:
  static constexpr std::size_t kMaxShapes = 64;

  static ShapeCache& thread() {
    thread_local ShapeCache cache;
    return cache;
  }

  /// The shape's XML, or null if `icon` names no icon.
  std::shared_ptr<const std::string> get(const std::string& name, const model::Color& color, double size_pt) {
    std::string k = key(name, color, size_pt);
    if (auto it = shapes_.find(k); it != shapes_.end()) return it->second;
    auto drawing = model::icon_drawing(name, color);
    if (!drawing) return nullptr;
    pugi::xml_document doc;
    pugi::xml_node sp = doc.append_child("wps:spPr");
    const long side = emu(size_pt);
    shape_properties(sp, *drawing, side, side, size_pt);
    auto xml = std::make_shared<const std::string>(serialize_node(sp));
    if (shapes_.size() >= kMaxShapes) shapes_.clear();
    shapes_.emplace(std::move(k), xml);
    return xml;
  }

 private:
  static std::string key(const std::string& name, const model::Color& color, double size_pt) {
    std::string k = name;
    k += '#';
    k += static_cast<char>(color.r);
    k += static_cast<char>(color.g);
    k += static_cast<char>(color.b);
    char bits[sizeof size_pt];
    std::memcpy(bits, &size_pt, sizeof size_pt);
    k.append(bits, sizeof bits);
    return k;
  }

  std::unordered_map<std::string, std::shared_ptr<const std::string>> shapes_;
};

}  // namespace

pugi::xml_node append_inline_drawing(Context& ctx, pugi::xml_node run, double width_pt, double height_pt,
                                     const std::string& alt, bool decorative, const std::string& name,
                                     const char* uri) {
  const long cx = emu(width_pt), cy = emu(height_pt);
  pugi::xml_node inl = run.append_child("w:drawing").append_child("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) inl.append_attribute(d) = 0;
  pugi::xml_node extent = inl.append_child("wp:extent");
  extent.append_attribute("cx") = cx;
  extent.append_attribute("cy") = cy;
  pugi::xml_node effect = inl.append_child("wp:effectExtent");
  for (const char* d : {"l", "t", "r", "b"}) effect.append_attribute(d) = 0;
  pugi::xml_node doc_pr = inl.append_child("wp:docPr");
  const int id = ctx.next_drawing_id++;
  doc_pr.append_attribute("id") = id;
  doc_pr.append_attribute("name") = (name + " " + std::to_string(id)).c_str();
  doc_pr.append_attribute("descr") = decorative ? "" : clean_text(alt).c_str();
  if (decorative) {
    pugi::xml_node ext = doc_pr.append_child("a:extLst").append_child("a:ext");
    ext.append_attribute("uri") = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}";
    pugi::xml_node dec = ext.append_child("adec:decorative");
    dec.append_attribute("xmlns:adec") = "http://schemas.microsoft.com/office/drawing/2017/decorative";
    dec.append_attribute("val") = "1";
  }
  inl.append_child("wp:cNvGraphicFramePr");
  pugi::xml_node data = inl.append_child("a:graphic").append_child("a:graphicData");
  data.append_attribute("uri") = uri;
  return data;
}

void drawing_line(pugi::xml_node paragraph) {
  pugi::xml_node sp = prop(ppr(paragraph), Props::PPr, "w:spacing");
  sp.remove_attribute("w:line");
  sp.remove_attribute("w:lineRule");
  sp.append_attribute("w:line") = 240;
  sp.append_attribute("w:lineRule") = "auto";
}

void append_icon_run(Context& ctx, pugi::xml_node paragraph, const model::Icon& icon, double size_pt) {
  drawing_line(paragraph);
  const model::Color color = icon.color ? *icon.color : ctx.doc.styles.color("primary");
  auto shape = ShapeCache::thread().get(icon.name, color, size_pt);
  if (!shape) {
    ctx.diags.warning(Origin::Template, "docx.icon-unknown", "there is no icon '" + icon.name + "'; nothing is drawn");
    return;
  }
  pugi::xml_node data = append_inline_drawing(ctx, paragraph.append_child("w:r"), size_pt, size_pt, icon.alt,
                                              icon.decorative, "Icon " + icon.name, kNsWps);
  pugi::xml_node wsp = data.append_child("wps:wsp");
  wsp.append_child("wps:cNvSpPr");
  append_fragment(wsp, ctx.fragments, std::move(shape));
  wsp.append_child("wps:bodyPr");
}

void write_icon(Context& ctx, pugi::xml_node parent, const model::Icon& icon, const BlockEnv& env) {
  const double size = icon.size > 0 ? icon.size : 2 * ctx.doc.typography.body_size;
  pugi::xml_node p = parent.append_child("w:p");
  if (env.rtl) prop(ppr(p), Props::PPr, "w:bidi");
  append_icon_run(ctx, p, icon, std::min(size, ctx.text_width_twips / 20.0));
  auto bm = ctx.block_bookmarks.find(&icon);
  if (bm != ctx.block_bookmarks.end()) add_bookmark(ctx, p, bm->second);
}

}  // namespace quire::docx
