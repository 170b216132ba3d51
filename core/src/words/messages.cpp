// The built-in message catalogue (core/messages/messages.json), parsed once.
#include "migcheck/messages.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace migcheck {
namespace {

// key -> language -> template
using Catalogue = std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>;

Catalogue parse_catalogue() {
  Catalogue catalogue;
  const auto json = nlohmann::json::parse(builtin_messages_json(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return catalogue;
  for (const auto& [key, languages] : json.items()) {
    if (!languages.is_object()) continue;
    auto& entry = catalogue[key];
    for (const auto& [language, text] : languages.items())
      if (text.is_string()) entry.emplace(language, text.get<std::string>());
  }
  return catalogue;
}

const Catalogue& catalogue() {
  static const Catalogue instance = parse_catalogue();  // thread-safe initialisation
  return instance;
}

}  // namespace

const std::string* builtin_message(std::string_view language, std::string_view key) {
  const Catalogue& c = catalogue();
  const auto entry = c.find(key);
  if (entry == c.end()) return nullptr;
  const auto text = entry->second.find(language);
  return text == entry->second.end() ? nullptr : &text->second;
}

std::string render_template(std::string_view tmpl, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find('}', open + 1);
    if (close == std::string_view::npos) break;
    // The name runs to the nearest '{' or '}': "{a{b}" keeps "{a" and fills "{b}".
    const std::size_t reopen = tmpl.find('{', open + 1);
    if (reopen < close) {
      out.append(tmpl.substr(i, reopen - i));
      i = reopen;
      continue;
    }
    out.append(tmpl.substr(i, open - i));
    const std::string_view name = tmpl.substr(open + 1, close - open - 1);
    const std::pair<std::string, std::string>* found = nullptr;
    for (const auto& p : params)
      if (p.first == name) {
        found = &p;
        break;
      }
    if (found) out.append(found->second);
    else out.append(tmpl.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

std::vector<std::pair<std::string, std::string>> message_params(const Diagnostic& d) {
  auto params = d.params;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    for (const auto& p : params)
      if (p.first == name) return;
    params.emplace_back(name, value);
  };
  add("part", d.where.part);
  add("sheet", d.where.sheet);
  add("cell", d.where.cell);
  if (d.where.line != 0) add("line", std::to_string(d.where.line));
  return params;
}

std::string render_diagnostic(const Diagnostic& d, std::string_view language) {
  const std::string* tmpl = builtin_message(language, message_key(d));
  if (!tmpl && !d.variant.empty()) tmpl = builtin_message(language, error_id(d.code));
  if (!tmpl) return d.message;
  return render_template(*tmpl, message_params(d));
}

std::vector<std::string> builtin_message_keys() {
  std::vector<std::string> keys;
  for (const auto& entry : catalogue()) keys.push_back(entry.first);
  return keys;
}

}  // namespace migcheck
