// The built-in catalogue of words (core/messages/<language>.json), parsed once.
#include "migcheck/messages.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace migcheck {
namespace {

using Texts = std::map<std::string, std::string, std::less<>>;

struct NumberStyle {
  std::string group = ",", decimal = ".";
  bool right_to_left = false;  // "language.direction": "rtl"
};

struct Catalogue {
  std::map<std::string, Texts, std::less<>> languages;  // language -> key -> text
  std::map<std::string, NumberStyle, std::less<>> numbers;
};

Catalogue parse_catalogue() {
  Catalogue catalogue;
  for (const CatalogueFile& file : builtin_catalogue_files()) {
    const auto json = nlohmann::json::parse(file.json, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) continue;
    Texts& texts = catalogue.languages[std::string(file.language)];
    for (const auto& [key, text] : json.items())
      if (text.is_string()) texts.emplace(key, text.get<std::string>());
    NumberStyle& style = catalogue.numbers[std::string(file.language)];
    if (auto g = texts.find("number.group"); g != texts.end()) style.group = g->second;
    if (auto d = texts.find("number.decimal"); d != texts.end()) style.decimal = d->second;
    if (auto d = texts.find("language.direction"); d != texts.end()) style.right_to_left = d->second == "rtl";
  }
  return catalogue;
}

const Catalogue& catalogue() {
  static const Catalogue instance = parse_catalogue();  // thread-safe initialisation
  return instance;
}

const NumberStyle& number_style(std::string_view language) {
  static const NumberStyle plain;
  const auto& numbers = catalogue().numbers;
  const auto found = numbers.find(language);
  return found == numbers.end() ? plain : found->second;
}

const std::string* find_param(const MessageParams& params, std::string_view name) {
  for (const auto& p : params)
    if (p.first == name) return &p.second;
  return nullptr;
}

}  // namespace

std::vector<std::string> builtin_languages() {
  std::vector<std::string> out;
  for (const auto& entry : catalogue().languages) out.push_back(entry.first);
  return out;
}

const std::string* builtin_message(std::string_view language, std::string_view key) {
  const auto& languages = catalogue().languages;
  const auto texts = languages.find(language);
  if (texts == languages.end()) return nullptr;
  const auto text = texts->second.find(key);
  return text == texts->second.end() ? nullptr : &text->second;
}

const std::string& builtin_word(std::string_view language, std::string_view key) {
  static const std::string missing;
  if (const std::string* text = builtin_message(language, key)) return *text;
  if (const std::string* text = builtin_message("en", key)) return *text;
  return missing;
}

std::string readable_number(std::string_view value, std::string_view language) {
  const std::size_t start = !value.empty() && value[0] == '-' ? 1 : 0;
  std::size_t digits = start;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  const bool fraction_ok = digits == value.size() ||
                           (value[digits] == '.' && digits + 1 < value.size() &&
                            value.find_first_not_of("0123456789", digits + 1) == std::string_view::npos);
  // Under five digits nothing changes: "2024" is a year, "2026.1" a version, as often as numbers.
  const bool group = digits - start >= 5;
  if (!fraction_ok || !group) return std::string(value);
  const NumberStyle& style = number_style(language);
  std::string out(value.substr(0, start));
  for (std::size_t i = start; i < digits; ++i) {
    if (group && i > start && (digits - i) % 3 == 0) out += style.group;
    out.push_back(value[i]);
  }
  if (digits < value.size()) out.append(style.decimal).append(value.substr(digits + 1));
  return out;
}

bool right_to_left(std::string_view language) { return number_style(language).right_to_left; }

std::string fill_placeholders(std::string_view tmpl, const MessageParams& params, std::string_view language,
                              Numbers numbers) {
  // In a right-to-left sentence each value is isolated (U+2068 FIRST STRONG ISOLATE .. U+2069 POP
  // DIRECTIONAL ISOLATE), so that "-5", "B12", "0-4" or a Latin sheet name keep their own order.
  const bool isolate = right_to_left(language);
  std::string out;
  out.reserve(tmpl.size() + 32);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find('}', open + 1);
    if (close == std::string_view::npos) break;
    const std::size_t reopen = tmpl.find('{', open + 1);
    if (reopen < close) {  // "{a{b}": "{a" is text
      out.append(tmpl.substr(i, reopen - i));
      i = reopen;
      continue;
    }
    out.append(tmpl.substr(i, open - i));
    if (const std::string* value = find_param(params, tmpl.substr(open + 1, close - open - 1))) {
      if (isolate) out.append("\u2068");
      out.append(numbers == Numbers::readable ? readable_number(*value, language) : *value);
      if (isolate) out.append("\u2069");
    } else out.append(tmpl.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

MessageParams message_params(const Diagnostic& d) {
  auto params = d.params;
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty() && !find_param(params, name)) params.emplace_back(name, value);
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
  return fill_placeholders(*tmpl, message_params(d), language, Numbers::as_written);
}

std::vector<std::string> builtin_message_keys() {
  std::set<std::string> keys;
  for (const auto& [language, texts] : catalogue().languages)
    for (const auto& entry : texts) keys.insert(entry.first);
  return {keys.begin(), keys.end()};
}

}  // namespace migcheck
