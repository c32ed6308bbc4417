// Template: the public face of the template engine (see template.hpp).
#include "template/template.hpp"

#include "template/compiled.hpp"

namespace quire::tmpl {

struct Template::Impl {
  Compiled compiled;
};

Template::Template(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Template::~Template() = default;

std::unique_ptr<Template> Template::load(const World& world, const std::string& dir, Diagnostics& diags,
                                         Limits limits) {
  auto impl = std::make_unique<Impl>();
  std::string folder = dir;
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  if (!compile_template(world, folder, limits, diags, impl->compiled)) return nullptr;
  return std::unique_ptr<Template>(new Template(std::move(impl)));
}

const std::string& Template::name() const {
  return impl_->compiled.name;
}

const data::Schema* Template::schema() const {
  return impl_->compiled.schema.get();
}

std::vector<MessageUse> Template::messages() const {
  return impl_->compiled.messages;
}

model::Document Template::render(const nlohmann::json& data, i18n::Localiser& loc, Diagnostics& diags,
                                 const model::Theme* theme, std::string_view highlight_message) const {
  return render_template(impl_->compiled, data, loc, diags, theme, highlight_message);
}

}  // namespace quire::tmpl
