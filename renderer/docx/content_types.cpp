// [Content_Types].xml and the relationship parts.
#include "docx/writer.hpp"
#include "docx/xml.hpp"

namespace quire::docx {

std::string rel_type(const char* short_name) {
  return std::string(kRelBase) + short_name;
}

std::string Relationships::add(const std::string& type, const std::string& target, bool external) {
  std::string id = "rId" + std::to_string(items_.size() + 1);
  items_.push_back({id, type, target, external});
  return id;
}

std::string Relationships::xml() const {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Relationships");
  root.append_attribute("xmlns") = kNsPkgRels;
  for (const auto& it : items_) {
    pugi::xml_node r = root.append_child("Relationship");
    r.append_attribute("Id") = it.id.c_str();
    r.append_attribute("Type") = it.type.c_str();
    r.append_attribute("Target") = it.target.c_str();
    if (it.external) r.append_attribute("TargetMode") = "External";
  }
  return serialize(doc);
}

int Context::add_num(int abstract_id, int level, int start) {
  nums.push_back({abstract_id, level, start});
  return static_cast<int>(nums.size());
}

std::string ContentTypes::xml() const {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Types");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
  for (const auto& [ext, type] : defaults_) {
    pugi::xml_node d = root.append_child("Default");
    d.append_attribute("Extension") = ext.c_str();
    d.append_attribute("ContentType") = type.c_str();
  }
  for (const auto& [part, type] : overrides_) {
    pugi::xml_node o = root.append_child("Override");
    o.append_attribute("PartName") = part.c_str();
    o.append_attribute("ContentType") = type.c_str();
  }
  return serialize(doc);
}

}  // namespace quire::docx
