// <include>: partials inside the template folder, and the paths it refuses.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "support/images.hpp"

using namespace quire;

namespace {

const char* kData = R"({"council": {"name": "Northbridge", "signatory": "R. Okafor"}, "issued": "2026-01-15",
  "promises": [{"title": "A home", "body": "A safe one."}, {"title": "School", "body": "A good one."}]})";

}  // namespace

TEST_CASE("partials in the template folder are spliced in and see the including scope") {
  testing::Locales l;
  testing::TestWorld world;
  Diagnostics diags;
  auto tpl = tmpl::Template::load(world, testing::source_dir() + "/tests/unit/template/fixtures/with-partials", diags);
  std::string first = diags.items().empty() ? "" : format_diagnostic(diags.items()[0]);
  REQUIRE_MESSAGE(tpl, first);
  CHECK(tpl->name() == "with-partials");
  CHECK(tpl->schema() == nullptr);
  auto doc = tpl->render(nlohmann::json::parse(kData), *l.en, diags);
  CHECK(diags.empty());
  CHECK(testing::without_isolates(model::dump(doc)) == testing::expected_case("partials"));
}

TEST_CASE("includes that leave the template folder are refused at the include's position") {
  testing::Locales l;
  testing::TestWorld world;
  world.put("mem/secret.xml", "<partial><p>secret</p></partial>");
  auto r = testing::render_files(world, "mem/escape", {{"template.xml", R"(<document>
  <include src="../secret.xml"/>
  <include src="/etc/passwd"/>
  <include src="partials/../../secret.xml"/>
  <include src="C:\x.xml"/>
</document>)"}},
                                 "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(
      r.errors() ==
      "mem/escape/template.xml:2:17: error[template.include]: include '../secret.xml' is outside the template folder\n"
      "  hint: include paths are relative to the template folder and may not contain '..'\n"
      "mem/escape/template.xml:3:17: error[template.include]: include '/etc/passwd' is outside the template folder\n"
      "  hint: include paths are relative to the template folder and may not contain '..'\n"
      "mem/escape/template.xml:4:17: error[template.include]: include 'partials/../../secret.xml' is outside the "
      "template folder\n"
      "  hint: include paths are relative to the template folder and may not contain '..'\n"
      "mem/escape/template.xml:5:17: error[template.include]: include 'C:\\x.xml' is outside the template folder\n"
      "  hint: include paths are relative to the template folder and may not contain '..'\n");
}

TEST_CASE("a recursive include is refused at load, naming the chain") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/loop",
                                 {{"template.xml", "<document>\n  <include src=\"a.xml\"/>\n</document>"},
                                  {"a.xml", "<partial>\n  <p>a</p>\n  <include src=\"b.xml\"/>\n</partial>"},
                                  {"b.xml", "<partial><include src=\"a.xml\"/></partial>"}},
                                 "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/loop/b.xml:1:24 (included from mem/loop/a.xml:3:17, included from mem/loop/template.xml:2:17): "
        "error[template.include]: recursive include: a.xml -> b.xml -> a.xml\n");
}

TEST_CASE("includes nested deeper than the limit are refused") {
  testing::Locales l;
  testing::TestWorld world;
  tmpl::Limits limits;
  limits.max_include_depth = 2;
  auto r = testing::render_files(world, "mem/deep",
                                 {{"template.xml", "<document><include src=\"1.xml\"/></document>"},
                                  {"1.xml", "<partial><include src=\"2.xml\"/></partial>"},
                                  {"2.xml", "<partial><include src=\"3.xml\"/></partial>"},
                                  {"3.xml", "<partial><p>deep</p></partial>"}},
                                 "{}", *l.en, limits);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/deep/2.xml:1:24 (included from mem/deep/1.xml:1:24, included from mem/deep/template.xml:1:25): "
        "error[template.limit]: includes nested deeper than 2\n");
}

TEST_CASE("a missing partial, a partial without <partial> root, and bad XML in a partial are reported") {
  testing::Locales l;
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/bad",
                                 {{"template.xml", R"(<document>
  <include src="nope.xml"/>
  <include src="wrong-root.xml"/>
  <include src="broken.xml"/>
</document>)"},
                                  {"wrong-root.xml", "<p>x</p>"},
                                  {"broken.xml", "<partial>\n  <p>x</b>\n</partial>"}},
                                 "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/bad/template.xml:2:17: error[template.include]: cannot read 'nope.xml' in the template folder\n"
        "mem/bad/wrong-root.xml:1:1 (included from mem/bad/template.xml:3:17): error[template.syntax]: the root "
        "element of a partial must be <partial>\n"
        "mem/bad/broken.xml:2:7 (included from mem/bad/template.xml:4:17): error[template.syntax]: </b> at 2:7 closes "
        "no open element\n"
        "  hint: remove it, or add the <b> it should close\n");
}

TEST_CASE("images are read from the template folder at load; src outside it is refused") {
  testing::Locales l;
  const std::string logo = testing::encode_png(8, 4, 2, 8);
  testing::TestWorld world;
  auto r = testing::render_files(world, "mem/img",
                                 {{"template.xml", R"(<document>
  <img src="logo.png" alt="Council logo" width="72"/>
  <img src="../x.png" alt="x"/>
</document>)"},
                                  {"logo.png", logo}},
                                 "{}", *l.en);
  CHECK_FALSE(r.loaded);
  CHECK(r.errors() ==
        "mem/img/template.xml:3:13: error[template.include]: image '../x.png' is outside the template folder\n");

  auto ok = testing::render_files(
      world, "mem/img2",
      {{"template.xml", "<document><img src=\"logo.png\" alt=\"Council logo\"/></document>"}, {"logo.png", logo}}, "{}",
      *l.en);
  REQUIRE_MESSAGE(ok.loaded, ok.errors());
  const auto& img = std::get<model::Image>(ok.doc.sections[0].blocks[0].value);
  CHECK(img.source == "logo.png");
  CHECK(img.data == logo);
  CHECK(img.alt == "Council logo");
}

TEST_CASE("an image that does not decode is a template error at its src, whatever the damage") {
  testing::Locales l;
  testing::TestWorld world;
  const std::string png = testing::encode_png(30, 20, 6, 8);
  const std::string jpeg = testing::encode_jpeg(30, 20, false);
  const std::pair<const char*, std::string> cases[] = {
      {"truncated PNG", png.substr(0, png.size() / 2)},
      {"bad CRC", testing::break_png_crc(png, "IDAT")},
      {"100000 x 100000", testing::png_declaring(100000, 100000)},
      {"truncated JPEG", jpeg.substr(0, jpeg.size() / 2)},
      {"garbage JPEG", "\xFF\xD8\xFF" + std::string(300, '\x11')},
      {"not an image", "PNGBYTES"},
  };
  int n = 0;
  for (const auto& [what, bytes] : cases) {
    INFO(what);
    auto r = testing::render_files(
        world, "mem/badimg" + std::to_string(n++),
        {{"template.xml", "<document>\n  <img src=\"pic\" alt=\"A picture\"/>\n</document>"}, {"pic", bytes}}, "{}",
        *l.en);
    CHECK_FALSE(r.loaded);
    CHECK(r.errors().find("template.xml:2:13: error[template.include]: cannot use image 'pic': ") != std::string::npos);
  }
}

namespace {
std::string to_base64(const std::string& bytes) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
    for (int k = 18; k >= 0; k -= 6) out += abc[(v >> k) & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned v = (unsigned char)bytes[i] << 16;
    out += std::string{abc[v >> 18], abc[(v >> 12) & 63]} + "==";
  } else if (i + 2 == bytes.size()) {
    unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
    out += std::string{abc[v >> 18], abc[(v >> 12) & 63], abc[(v >> 6) & 63]} + "=";
  }
  return out;
}
}  // namespace

TEST_CASE("a picture from the record is a PNG or JPEG data URI; a path in the data is never read") {
  testing::Locales l;
  testing::TestWorld world;
  const std::string tpl =
      "<document>\n  <img src=\"{{ child.photo }}\" alt=\"Sami's picture\" width=\"90\"/>\n</document>";
  for (const std::string& png : {testing::encode_png(8, 4, 2, 8), testing::encode_png(7, 5, 6, 8)}) {
    const std::string data = R"({"child": {"photo": "data:image/png;base64,)" + to_base64(png) + "\"}}";
    auto ok =
        testing::render_files(world, "mem/photo" + std::to_string(png.size()), {{"template.xml", tpl}}, data, *l.en);
    REQUIRE_MESSAGE(ok.loaded, ok.errors());
    REQUIRE(ok.doc.sections[0].blocks.size() == 1);
    const auto& img = std::get<model::Image>(ok.doc.sections[0].blocks[0].value);
    CHECK(img.data == png);
    CHECK(img.alt == "Sami's picture");
  }
  auto none =
      testing::render_files(world, "mem/photo-none", {{"template.xml", tpl}}, R"({"child": {"photo": ""}})", *l.en);
  REQUIRE_MESSAGE(none.loaded, none.errors());
  const bool nothing = none.doc.sections.empty() || none.doc.sections[0].blocks.empty();
  CHECK(nothing);

  const std::pair<const char*, const char*> bad[] = {
      {"/etc/passwd", "must be a data URI"},
      {"photos/sami.png", "a file path in the data is never read"},
      {"data:image/gif;base64,R0lGODlh", "must be a data URI"},
      {"data:image/png;base64,!!!!", "cannot use the image from the data: it is not valid base64"},
      {"data:image/png;base64,UE5HQllURVM=", "cannot use the image from the data: "},
  };
  int n = 0;
  for (const auto& [value, message] : bad) {
    INFO(value);
    auto r = testing::render_files(world, "mem/photo-bad" + std::to_string(n++), {{"template.xml", tpl}},
                                   std::string(R"({"child": {"photo": ")") + value + "\"}}", *l.en);
    INFO(r.errors());
    CHECK(r.errors().find("template.xml:2:13: error[template.type]: ") != std::string::npos);
    CHECK(r.errors().find(message) != std::string::npos);
  }
}
