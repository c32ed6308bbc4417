#include "roles.hpp"

#include <algorithm>
#include <utility>

namespace quire::service {

namespace {
// Today's templates by kind. Committee reports, minutes, packs and performance reports
// are the clerk's kinds; they have no templates yet.
constexpr std::pair<std::string_view, std::string_view> kTemplateKinds[] = {
    {"pledge", "pledge"},        {"care-plan", "plan"},    {"my-plan", "plan"},
    {"my-pathway-plan", "plan"}, {"pathway-plan", "plan"},
};
}  // namespace

const std::vector<Role>& roles() {
  static const std::vector<Role> table = {
      {"social-worker", {"plan", "pledge", "check"}, "plans, the Pledge, data checks"},
      {"clerk",
       {"committee-report", "minutes", "pack", "performance-report"},
       "committee reports, minutes, packs, performance reports"},
      {"translator", {"locale", "pledge"}, "locales and the Pledge (to see a translation in place)"},
      {"metrics", {"metrics"}, "GET /metrics only (a Prometheus scraper); renders nothing"},
      {"admin", {"*"}, "everything"},
  };
  return table;
}

const Role* find_role(std::string_view name) {
  for (const auto& r : roles())
    if (r.name == name) return &r;
  return nullptr;
}

std::string role_names() {
  std::string out;
  for (const auto& r : roles()) out += (out.empty() ? "" : ", ") + std::string(r.name);
  return out;
}

std::string_view template_kind(std::string_view template_name) {
  for (const auto& [name, kind] : kTemplateKinds)
    if (name == template_name) return kind;
  return {};
}

bool may_render(std::string_view role, std::string_view template_name) {
  const Role* r = find_role(role);
  if (!r) return false;
  std::string_view kind = template_kind(template_name);
  return std::any_of(r->kinds.begin(), r->kinds.end(),
                     [&](std::string_view k) { return k == "*" || (!kind.empty() && k == kind); });
}

bool role_may(std::string_view role, std::string_view capability) {
  const Role* r = find_role(role);
  if (!r) return false;
  return std::any_of(r->kinds.begin(), r->kinds.end(), [&](std::string_view k) { return k == "*" || k == capability; });
}

bool may_check(std::string_view role, std::string_view template_name) {
  return role_may(role, "check") && may_render(role, template_name);
}

bool may_pack(std::string_view role, std::string_view template_name) {
  return role_may(role, "pack") && (may_render(role, template_name) || template_kind(template_name) == "pledge");
}

}  // namespace quire::service
