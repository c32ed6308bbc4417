// quire's built-in icons: simple outline drawings on a 24 x 24 grid (strokes 2 units
// wide with round joins, a few filled dots), in one colour, recognisable at 16-30 pt.
// Both writers draw them from these paths: PDF content operators and DrawingML shapes.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

#include "model/path.hpp"

namespace quire::model {
namespace {

constexpr float kStroke = 2;

// Appends an arc of the circle (cx, cy, r) from angle a0 to a1 (degrees, clockwise on
// screen since y grows downwards) as cubic pieces of at most 90 degrees. The path's
// current point must already be the arc's start.
void arc(Path& p, float cx, float cy, float r, float a0, float a1) {
  const float total = a1 - a0;
  const int n = std::max(1, static_cast<int>(std::ceil(std::fabs(total) / 90.f - 1e-4f)));
  const float step = total / static_cast<float>(n) * std::numbers::pi_v<float> / 180.f;
  float a = a0 * std::numbers::pi_v<float> / 180.f;
  const float k = 4.f / 3.f * std::tan(step / 4) * r;
  for (int i = 0; i < n; ++i) {
    const float b = a + step;
    const float x0 = cx + r * std::cos(a), y0 = cy + r * std::sin(a);
    const float x3 = cx + r * std::cos(b), y3 = cy + r * std::sin(b);
    p.cubic(x0 - k * std::sin(a), y0 + k * std::cos(a), x3 + k * std::sin(b), y3 - k * std::cos(b), x3, y3);
    a = b;
  }
}

// Point on the circle (cx, cy, r) at `deg` degrees.
float px(float cx, float r, float deg) {
  return cx + r * std::cos(deg * std::numbers::pi_v<float> / 180.f);
}
float py(float cy, float r, float deg) {
  return cy + r * std::sin(deg * std::numbers::pi_v<float> / 180.f);
}

struct Pen {
  Color color;
  Drawing d;
  Path& stroke() {
    Path p;
    p.stroke = color;
    p.stroke_width = kStroke;
    d.paths.push_back(std::move(p));
    return d.paths.back();
  }
  Path& fill() {
    Path p;
    p.fill = color;
    d.paths.push_back(std::move(p));
    return d.paths.back();
  }
  // A person: head and shoulders (an open dome), centred on cx.
  void person(float cx, float head_y, float head_r, float shoulder_w, float base) {
    stroke().circle(cx, head_y, head_r);
    const float top = head_y + head_r + 2.2f;
    stroke()
        .move(cx - shoulder_w, base)
        .cubic(cx - shoulder_w, top + (base - top) * 0.15f, cx - shoulder_w * 0.55f, top, cx, top)
        .cubic(cx + shoulder_w * 0.55f, top, cx + shoulder_w, top + (base - top) * 0.15f, cx + shoulder_w, base);
  }
};

using Draw = std::function<void(Pen&)>;

const std::vector<std::pair<std::string, Draw>>& catalogue() {
  static const std::vector<std::pair<std::string, Draw>> icons = {
      {"advocate",  // a megaphone: someone speaking up for you
       [](Pen& p) {
         p.stroke().move(3, 10).line(3, 14).line(6.5f, 14).line(17, 19.5f).line(17, 4.5f).line(6.5f, 10).close();
         p.stroke().move(7, 14.2f).line(8.3f, 20).line(11, 20).line(10, 15.6f);
         p.stroke().move(20, 9).line(21.5f, 8);
         p.stroke().move(20, 15).line(21.5f, 16);
         p.stroke().move(20.3f, 12).line(21.8f, 12);
       }},
      {"book",
       [](Pen& p) {
         p.stroke()
             .move(12, 6.5f)
             .cubic(10.2f, 5, 7.5f, 4.5f, 3, 4.5f)
             .line(3, 18.5f)
             .cubic(7.5f, 18.5f, 10.2f, 19, 12, 20.5f)
             .cubic(13.8f, 19, 16.5f, 18.5f, 21, 18.5f)
             .line(21, 4.5f)
             .cubic(16.5f, 4.5f, 13.8f, 5, 12, 6.5f)
             .close();
         p.stroke().move(12, 6.5f).line(12, 20.5f);
       }},
      {"calendar",
       [](Pen& p) {
         p.stroke().rounded_rect(3, 5, 18, 16, 2.5f);
         p.stroke().move(3, 10).line(21, 10);
         p.stroke().move(8, 3).line(8, 7);
         p.stroke().move(16, 3).line(16, 7);
         for (float x : {8.f, 12.f, 16.f}) p.fill().circle(x, 14.2f, 1.2f);
         for (float x : {8.f, 12.f}) p.fill().circle(x, 17.8f, 1.2f);
       }},
      {"check",  // a tick in a circle: done, agreed
       [](Pen& p) {
         p.stroke().circle(12, 12, 9.5f);
         p.stroke().move(7.5f, 12.3f).line(10.7f, 15.5f).line(16.5f, 9);
       }},
      {"clock",
       [](Pen& p) {
         p.stroke().circle(12, 12, 9.5f);
         p.stroke().move(12, 6.5f).line(12, 12).line(15.5f, 14);
       }},
      {"culture",  // a globe: languages, faith and heritage
       [](Pen& p) {
         p.stroke().circle(12, 12, 9.5f);
         p.stroke().ellipse(12, 12, 4, 9.5f);
         p.stroke().move(2.5f, 12).line(21.5f, 12);
         p.stroke().move(4, 7).line(20, 7);
         p.stroke().move(4, 17).line(20, 17);
       }},
      {"email",
       [](Pen& p) {
         p.stroke().rounded_rect(2.5f, 5, 19, 14, 2.5f);
         p.stroke().move(3.5f, 6.5f).line(12, 13).line(20.5f, 6.5f);
       }},
      {"family",  // two adults and a child
       [](Pen& p) {
         p.person(4.2f, 5.5f, 2.4f, 2.9f, 20.5f);
         p.person(19.8f, 5.5f, 2.4f, 2.9f, 20.5f);
         p.person(12, 12.3f, 1.7f, 2.4f, 20.5f);
       }},
      {"health",  // a medical cross
       [](Pen& p) {
         p.stroke()
             .move(9.5f, 3.5f)
             .line(14.5f, 3.5f)
             .line(14.5f, 9.5f)
             .line(20.5f, 9.5f)
             .line(20.5f, 14.5f)
             .line(14.5f, 14.5f)
             .line(14.5f, 20.5f)
             .line(9.5f, 20.5f)
             .line(9.5f, 14.5f)
             .line(3.5f, 14.5f)
             .line(3.5f, 9.5f)
             .line(9.5f, 9.5f)
             .close();
       }},
      {"heart",
       [](Pen& p) {
         p.stroke()
             .move(12, 20.5f)
             .cubic(12, 20.5f, 2.5f, 14.8f, 2.5f, 8.8f)
             .cubic(2.5f, 5.9f, 4.8f, 3.8f, 7.5f, 3.8f)
             .cubic(9.5f, 3.8f, 11.1f, 4.9f, 12, 6.6f)
             .cubic(12.9f, 4.9f, 14.5f, 3.8f, 16.5f, 3.8f)
             .cubic(19.2f, 3.8f, 21.5f, 5.9f, 21.5f, 8.8f)
             .cubic(21.5f, 14.8f, 12, 20.5f, 12, 20.5f)
             .close();
       }},
      {"home",
       [](Pen& p) {
         p.stroke().move(2.5f, 11.5f).line(12, 3.5f).line(21.5f, 11.5f);
         p.stroke().move(5.5f, 9.5f).line(5.5f, 20.5f).line(18.5f, 20.5f).line(18.5f, 9.5f);
         p.stroke().move(10, 20.5f).line(10, 14.5f).line(14, 14.5f).line(14, 20.5f);
       }},
      {"info",
       [](Pen& p) {
         p.stroke().circle(12, 12, 9.5f);
         p.stroke().move(12, 11).line(12, 17);
         p.fill().circle(12, 7.6f, 1.3f);
       }},
      {"lock",  // safe, private
       [](Pen& p) {
         p.stroke().rounded_rect(4.5f, 10.5f, 15, 11, 2);
         Path& shackle = p.stroke();
         shackle.move(8, 10.5f).line(8, 7.5f);
         arc(shackle, 12, 7.5f, 4, 180, 360);
         shackle.line(16, 10.5f);
         p.fill().circle(12, 15.3f, 1.6f);
         p.stroke().move(12, 15.5f).line(12, 18);
       }},
      {"money",  // a banknote
       [](Pen& p) {
         p.stroke().rounded_rect(2, 6, 20, 12, 2);
         p.stroke().circle(12, 12, 3);
         p.fill().circle(6, 12, 1.1f);
         p.fill().circle(18, 12, 1.1f);
       }},
      {"people",  // a group: friends, a team, a meeting
       [](Pen& p) {
         p.person(9, 7.5f, 3.2f, 6, 20.5f);
         p.stroke()
             .move(15.5f, 4.6f)
             .cubic(17.2f, 4.9f, 18.3f, 6.2f, 18.3f, 7.8f)
             .cubic(18.3f, 9.4f, 17.2f, 10.6f, 15.5f, 11);
         p.stroke().move(17, 13.6f).cubic(19.8f, 14.2f, 21.5f, 16.3f, 21.5f, 20.5f);
       }},
      {"phone",
       [](Pen& p) {
         p.stroke().rounded_rect(6.5f, 2.5f, 11, 19, 2.5f);
         p.stroke().move(10.5f, 18).line(13.5f, 18);
       }},
      {"pin",  // a place: map marker
       [](Pen& p) {
         Path& drop = p.stroke();
         drop.move(12, 21.5f).cubic(9, 18.5f, 5, 14, 5, 9.5f);
         arc(drop, 12, 9.5f, 7, 180, 360);
         drop.cubic(19, 14, 15, 18.5f, 12, 21.5f).close();
         p.stroke().circle(12, 9.5f, 2.5f);
       }},
      {"question",
       [](Pen& p) {
         p.stroke().circle(12, 12, 9.5f);
         p.stroke()
             .move(9.3f, 9.3f)
             .cubic(9.5f, 7.8f, 10.6f, 6.8f, 12.1f, 6.8f)
             .cubic(13.7f, 6.8f, 14.9f, 7.9f, 14.9f, 9.3f)
             .cubic(14.9f, 11.4f, 12, 11.7f, 12, 13.8f);
         p.fill().circle(12, 17.2f, 1.3f);
       }},
      {"school",  // a mortarboard: education
       [](Pen& p) {
         p.stroke().move(12, 4).line(22.5f, 9).line(12, 14).line(1.5f, 9).close();
         p.stroke()
             .move(6, 11.6f)
             .line(6, 16.2f)
             .cubic(6, 17.9f, 9, 19.5f, 12, 19.5f)
             .cubic(15, 19.5f, 18, 17.9f, 18, 16.2f)
             .line(18, 11.6f);
         p.stroke().move(22.5f, 9).line(22.5f, 15);
       }},
      {"speech",  // a speech bubble: your views, talking
       [](Pen& p) {
         p.stroke()
             .move(6, 3.5f)
             .line(18, 3.5f)
             .cubic(19.9f, 3.5f, 21, 4.6f, 21, 6.5f)
             .line(21, 13.5f)
             .cubic(21, 15.4f, 19.9f, 16.5f, 18, 16.5f)
             .line(12, 16.5f)
             .line(7, 21)
             .line(7, 16.5f)
             .line(6, 16.5f)
             .cubic(4.1f, 16.5f, 3, 15.4f, 3, 13.5f)
             .line(3, 6.5f)
             .cubic(3, 4.6f, 4.1f, 3.5f, 6, 3.5f)
             .close();
         for (float x : {8.f, 12.f, 16.f}) p.fill().circle(x, 10, 1.3f);
       }},
      {"star",
       [](Pen& p) {
         Path& s = p.stroke();
         const float cx = 12, cy = 12.8f, outer = 10, inner = 4.3f;
         for (int i = 0; i < 10; ++i) {
           const float r = i % 2 ? inner : outer, a = -90.f + 36.f * static_cast<float>(i);
           if (i == 0)
             s.move(px(cx, r, a), py(cy, r, a));
           else
             s.line(px(cx, r, a), py(cy, r, a));
         }
         s.close();
       }},
      {"warning",
       [](Pen& p) {
         p.stroke()
             .move(10.3f, 4)
             .cubic(11.1f, 2.7f, 12.9f, 2.7f, 13.7f, 4)
             .line(21.6f, 18)
             .cubic(22.3f, 19.3f, 21.4f, 20.8f, 19.9f, 20.8f)
             .line(4.1f, 20.8f)
             .cubic(2.6f, 20.8f, 1.7f, 19.3f, 2.4f, 18)
             .close();
         p.stroke().move(12, 9).line(12, 13.5f);
         p.fill().circle(12, 17, 1.3f);
       }},
      {"work",  // a briefcase: jobs, training
       [](Pen& p) {
         p.stroke().rounded_rect(2.5f, 7.5f, 19, 13, 2);
         p.stroke()
             .move(8.5f, 7.5f)
             .line(8.5f, 5.5f)
             .cubic(8.5f, 4.6f, 9.1f, 4, 10, 4)
             .line(14, 4)
             .cubic(14.9f, 4, 15.5f, 4.6f, 15.5f, 5.5f)
             .line(15.5f, 7.5f);
         p.stroke().move(2.5f, 13).line(21.5f, 13);
       }},
  };
  return icons;
}

}  // namespace

std::optional<Drawing> icon_drawing(std::string_view name, const Color& color) {
  for (const auto& [n, draw] : catalogue())
    if (n == name) {
      Pen pen{color, {}};
      draw(pen);
      return std::move(pen.d);
    }
  return std::nullopt;
}

const std::vector<std::string>& icon_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& entry : catalogue()) out.push_back(entry.first);
    std::sort(out.begin(), out.end());
    return out;
  }();
  return names;
}

}  // namespace quire::model
