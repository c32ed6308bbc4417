// Themes: a council's name, colours, logo and contacts (templates/themes/NAME/theme.json),
// loaded once per engine and laid under each record's own "theme" object.
#include <array>

#include "api/shared.hpp"
#include "data/json.hpp"
#include "image/decode.hpp"
#include "model/style.hpp"

namespace quire {
namespace {

void bad(Diagnostics& diags, Origin origin, const std::string& file, const std::string& pointer,
         const std::string& code, const std::string& message) {
  Diagnostic d;
  d.origin = origin;
  d.code = code;
  d.message = message;
  d.pos.file = file;
  d.pointer = pointer;
  diags.add(std::move(d));
}

// Checks the fields of a theme object (from theme.json or a record) and copies them into
// `out`; every problem is reported, with its pointer under `base`.
bool apply(const nlohmann::json& j, const std::string& file, const std::string& base, Origin origin, Theme& out,
           Diagnostics& diags) {
  if (!j.is_object()) {
    bad(diags, origin, file, base, origin == Origin::Data ? "data.theme" : "template.theme",
        "a theme must be an object");
    return false;
  }
  const std::string code = origin == Origin::Data ? "data.theme" : "template.theme";
  bool ok = true;
  for (const char* key : {"name", "logo_alt"})
    if (auto it = j.find(key); it != j.end()) {
      if (!it->is_string()) {
        bad(diags, origin, file, base + "/" + key, code, std::string(key) + " must be text");
        ok = false;
      } else {
        out.data[key] = *it;
        (std::string(key) == "name" ? out.model.name : out.model.logo_alt) = it->get<std::string>();
      }
    }
  for (const char* key : {"primary", "accent"})
    if (auto it = j.find(key); it != j.end()) {
      auto c = it->is_string() ? model::parse_color(it->get<std::string>()) : std::nullopt;
      if (!c) {
        bad(diags, origin, file, base + "/" + key, code, std::string(key) + " must be a colour written #rrggbb");
        ok = false;
        continue;
      }
      // Text in the theme's colours (titles, white on fills) must stay readable (WCAG AA).
      if (model::contrast_ratio(*c, model::Color{0xff, 0xff, 0xff}) < 4.5) {
        bad(diags, origin, file, base + "/" + key, code,
            std::string(key) + " " + it->get<std::string>() +
                " is too light for text: its contrast with white is below 4.5:1 (WCAG AA)");
        ok = false;
        continue;
      }
      (std::string(key) == "primary" ? out.model.primary : out.model.accent) = *c;
      out.data[key] = *it;
    }
  if (auto it = j.find("contacts"); it != j.end()) {
    if (!it->is_array()) {
      bad(diags, origin, file, base + "/contacts", code, "contacts must be a list");
      ok = false;
    } else {
      out.model.contacts.clear();
      nlohmann::json list = nlohmann::json::array();
      for (size_t i = 0; i < it->size(); ++i) {
        const auto& c = (*it)[i];
        model::Theme::Contact contact;
        nlohmann::json entry = nlohmann::json::object();
        bool good = c.is_object();
        for (const char* f : {"label", "phone", "email", "web", "address"}) {
          if (!good) break;
          auto v = c.find(f);
          if (v == c.end()) continue;
          if (!v->is_string()) {
            bad(diags, origin, file, base + "/contacts/" + std::to_string(i) + "/" + f, code,
                std::string(f) + " must be text");
            good = false;
            break;
          }
          entry[f] = *v;
          std::string& slot = std::string(f) == "label"   ? contact.label
                              : std::string(f) == "phone" ? contact.phone
                              : std::string(f) == "email" ? contact.email
                              : std::string(f) == "web"   ? contact.web
                                                          : contact.address;
          slot = v->get<std::string>();
        }
        if (!good) {
          if (!c.is_object())
            bad(diags, origin, file, base + "/contacts/" + std::to_string(i), code, "a contact must be an object");
          ok = false;
          continue;
        }
        out.model.contacts.push_back(std::move(contact));
        list.push_back(std::move(entry));
      }
      out.data["contacts"] = std::move(list);
    }
  }
  if (origin == Origin::Data && j.contains("logo")) {
    bad(diags, origin, file, base + "/logo", code, "a record cannot set the logo: it comes from the theme folder");
    ok = false;
  }
  return ok;
}

}  // namespace

const Theme* Engine::Shared::theme(const std::string& name, Diagnostics& diags) const {
  {
    std::lock_guard lock(themes_mutex);
    if (auto it = themes.find(name); it != themes.end()) return it->second.get();
  }
  const std::string dir = config.templates_dir + "/themes/" + name;
  const std::string file = dir + "/theme.json";
  auto text = is_builtin_template_name(name) ? world.read_file(file) : std::nullopt;
  if (!text) {
    Diagnostic d;
    d.origin = Origin::Usage;
    d.code = "usage.unknown-theme";
    d.message = "unknown theme '" + name + "'";
    std::string names;
    for (const auto& n : world.list_directory(config.templates_dir + "/themes"))
      if (world.read_file(config.templates_dir + "/themes/" + n + "/theme.json"))
        names += (names.empty() ? "" : ", ") + n;
    d.hint = "themes: " + names;
    diags.add(std::move(d));
    return nullptr;
  }
  auto json = data::parse_json(*text, file, diags);
  if (!json) return nullptr;
  auto loaded = std::make_unique<Theme>();
  loaded->data = nlohmann::json::object();
  loaded->data["name"] = "";
  loaded->data["primary"] = "#" + model::hex(loaded->model.primary);
  loaded->data["accent"] = "#" + model::hex(loaded->model.accent);
  loaded->data["contacts"] = nlohmann::json::array();
  bool ok = apply(*json, file, "", Origin::Template, *loaded, diags);
  if (auto logo = json->find("logo"); json->is_object() && logo != json->end()) {
    auto bytes = logo->is_string() && is_builtin_template_name(logo->get<std::string>())
                     ? world.read_file(dir + "/" + logo->get<std::string>())
                     : std::nullopt;
    std::string why;
    if (!bytes) {
      bad(diags, Origin::Template, file, "/logo", "template.theme",
          "logo must name a PNG or JPEG file in the theme's folder");
      ok = false;
    } else if (!image::decoded(*bytes, why)) {  // the same decoders as the writers', once per process
      bad(diags, Origin::Template, file, "/logo", "template.theme", "the logo cannot be decoded: " + why);
      ok = false;
    } else if (loaded->model.logo_alt.empty()) {
      bad(diags, Origin::Template, file, "/logo_alt", "template.theme", "a logo needs its alternative text (logo_alt)");
      ok = false;
    } else {
      loaded->model.logo = std::move(*bytes);
    }
  }
  loaded->data["has_logo"] = !loaded->model.logo.empty();
  if (!ok) return nullptr;
  std::lock_guard lock(themes_mutex);
  auto [it, fresh] = themes.emplace(name, std::move(loaded));
  return it->second.get();
}

std::optional<Theme> effective_theme(const Theme& base, const nlohmann::json& data, const std::string& data_name,
                                     Diagnostics& diags) {
  Theme out = base;
  if (!data.is_object()) return out;
  auto it = data.find("theme");
  if (it == data.end()) return out;
  if (!apply(*it, data_name, "/theme", Origin::Data, out, diags)) return std::nullopt;
  return out;
}

}  // namespace quire
