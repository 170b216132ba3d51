// A rule's or a recogniser's message: the rulebook's template, else the
// built-in catalogue's, filled by the catalogue's one placeholder filler.
#include "migcheck/messages.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

std::string render_message(const Rulebook& rulebook, std::string_view language, std::string_view key,
                           const std::vector<std::pair<std::string, std::string>>& params) {
  // The rulebook's own messages first; migcheck's catalogue (readers'
  // errors) for keys the rulebook does not define.
  const std::string* tmpl = rulebook.message(language, key);
  if (!tmpl) tmpl = builtin_message(language, key);
  if (!tmpl) tmpl = builtin_message("en", key);
  if (!tmpl) return std::string(key);
  return fill_placeholders(*tmpl, params, language);
}

}  // namespace migcheck
