// Fills a message's "{name}" placeholders, numbers grouped as the language writes them.
#include "migcheck/messages.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

namespace {

// Large numbers in messages are grouped as people write them: 2,078,862 in
// English, 2 078 862 (narrow no-break spaces) in French. Numbers of four
// digits or fewer (years, small counts) and anything not a plain number stay
// as they are; the report's params keep the plain form.
std::string readable_number(const std::string& value, std::string_view language) {
  std::size_t start = value.size() > 0 && value[0] == '-' ? 1 : 0;
  std::size_t digits = start;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  const bool fraction_ok = digits == value.size() ||
                           (value[digits] == '.' && digits + 1 < value.size() &&
                            value.find_first_not_of("0123456789", digits + 1) == std::string::npos);
  if (digits - start < 5 || !fraction_ok) return value;
  const std::string separator = language == "fr" ? "\u202f" : ",";
  std::string out = value.substr(0, start);
  for (std::size_t i = start; i < digits; ++i) {
    if (i > start && (digits - i) % 3 == 0) out += separator;
    out.push_back(value[i]);
  }
  if (digits < value.size()) out += (language == "fr" ? "," : ".") + value.substr(digits + 1);
  return out;
}

}  // namespace

std::string render_message(const Rulebook& rulebook, std::string_view language, std::string_view key,
                           const std::vector<std::pair<std::string, std::string>>& params) {
  // The rulebook's own messages first; migcheck's catalogue (readers'
  // errors) for keys the rulebook does not define.
  const std::string* tmpl = rulebook.message(language, key);
  if (!tmpl) tmpl = builtin_message(language, key);
  if (!tmpl) tmpl = builtin_message("en", key);
  if (!tmpl) return std::string(key);
  std::string out;
  for (std::size_t i = 0; i < tmpl->size();) {
    if ((*tmpl)[i] == '{') {
      const auto close = tmpl->find('}', i);
      if (close != std::string::npos) {
        const std::string name = tmpl->substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : params)
          if (k == name) {
            out += readable_number(v, language);
            found = true;
            break;
          }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back((*tmpl)[i++]);
  }
  return out;
}

}  // namespace migcheck
