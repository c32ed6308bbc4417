// Roles and what each may do, as data (docs/SERVICE.md has the table).
//
// Every built-in template belongs to a kind ("plan", "pledge"...); a role names the kinds
// it may render and whether it may use the listing routes. A template not in the table
// can be rendered by admin only, so a new template is closed until someone places it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::service {

struct Role {
  std::string_view name;
  std::vector<std::string_view> kinds;  ///< template kinds it may render; "*" = every template
  std::string_view summary;             ///< for docs and `quire tokens create --help`
};

/// The roles, in the order docs/SERVICE.md lists them.
const std::vector<Role>& roles();
/// The role of that name, or nullptr.
const Role* find_role(std::string_view name);
/// "social-worker, clerk, translator, metrics, admin".
std::string role_names();

/// The kind of a built-in template ("pledge", "plan"...), or empty if the table has none.
std::string_view template_kind(std::string_view template_name);
/// Whether `role` may render `template_name`.
bool may_render(std::string_view role, std::string_view template_name);
/// Whether `role` has a capability that is not a template kind ("check", "metrics", "locale"):
/// named in its kinds, or "*".
bool role_may(std::string_view role, std::string_view capability);
/// Whether `role` may run the content checks on a record for `template_name` (POST /v1/check):
/// it has "check" and may render the template.
bool may_check(std::string_view role, std::string_view template_name);

/// Whether `role` may put a document of `template_name` in a pack (POST /v1/jobs, kind "pack"):
/// it has "pack", and the template is one it may render or the Pledge (a council's public
/// promise, which committee packs carry). Other templates stay closed to a pack, as to a render.
bool may_pack(std::string_view role, std::string_view template_name);

}  // namespace quire::service
