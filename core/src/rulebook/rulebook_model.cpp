// The rulebook model's lookups (migcheck/rulebook.hpp).
#include "migcheck/rulebook.hpp"
#include "rulebook/loader.hpp"

namespace migcheck {

const std::string& Label::in(std::string_view language) const noexcept {
  static const std::string empty;
  for (const auto& [lang, text] : texts)
    if (lang == language) return text;
  return texts.empty() ? empty : texts.front().second;
}

const Code* CodeList::find(std::string_view code) const noexcept {
  for (const auto& c : codes)
    if (c.id == code) return &c;
  return nullptr;
}

using rulebook::find_by_id;

const CodeList* Rulebook::codelist(std::string_view id) const noexcept { return find_by_id(codelists, id); }
const Dimension* Rulebook::dimension(std::string_view id) const noexcept { return find_by_id(dimensions, id); }
const TableTemplate* Rulebook::table(std::string_view id) const noexcept { return find_by_id(tables, id); }
const Attribute* Rulebook::attribute(AttributeRole role) const noexcept {
  for (const Attribute& a : attributes)
    if (a.role == role) return &a;
  return nullptr;
}

const std::string* Rulebook::message(std::string_view language, std::string_view key) const noexcept {
  const std::string wanted[2] = {std::string(language), languages.empty() ? std::string() : languages.front()};
  for (const std::string& lang : wanted) {
    auto l = messages.find(lang);
    if (l == messages.end()) continue;
    auto m = l->second.find(std::string(key));
    if (m != l->second.end()) return &m->second;
  }
  return nullptr;
}

}  // namespace migcheck
