#include "recognition/matcher.hpp"

#include <algorithm>
#include <cmath>

#include "util/normalize.hpp"
#include "util/text.hpp"

namespace migcheck::recognition {

using util::normalize_label;

namespace {

// Integers in a normalized label, in order ("15 a 64 ans" -> 15, 64).
std::vector<double> integers_in(std::string_view s) {
  std::vector<double> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] >= '0' && s[i] <= '9') {
      double v = 0;
      std::size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 6) v = v * 10 + (s[j++] - '0');
      out.push_back(v);
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  const auto at = text.find(word);
  if (at == std::string_view::npos) return false;
  // Symbols ("+", "-") need no word boundary; words do.
  const bool symbol = !std::isalnum(static_cast<unsigned char>(word.front()));
  if (symbol) return true;
  const bool left_ok = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
  const std::size_t end = at + word.size();
  const bool right_ok = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
  return left_ok && right_ok;
}

struct Range {
  double low, high;
};

std::optional<Range> parse_range(std::string_view key, const std::map<std::string, RangeWords>& words) {
  const auto numbers = integers_in(key);
  if (numbers.empty() || numbers.size() > 2) return std::nullopt;
  // Nothing but digits, separators and range words: "15-64", "85 ans et plus".
  for (const auto& [lang, w] : words) {
    auto any = [&](const std::vector<std::string>& list) {
      for (const auto& word : list)
        if (contains_word(key, normalize_label(word))) return true;
      return false;
    };
    if (numbers.size() == 2 && (any(w.between) || key.find('-') != std::string_view::npos))
      return Range{numbers[0], numbers[1]};
    if (numbers.size() == 1 && any(w.open_high)) return Range{numbers[0], INFINITY};
    if (numbers.size() == 1 && any(w.open_low)) return Range{0, numbers[0] - 1};
  }
  if (numbers.size() == 2 && key.find('-') != std::string_view::npos) return Range{numbers[0], numbers[1]};
  if (numbers.size() == 1 && key.back() == '+') return Range{numbers[0], INFINITY};
  return std::nullopt;
}

// ^-?\d{1,3}(,\d{3})+$
bool comma_thousands(const std::string& s) {
  const std::size_t begin = !s.empty() && s[0] == '-' ? 1 : 0;
  const std::size_t first = s.find(',', begin);
  if (first == std::string::npos || first == begin || first - begin > 3) return false;
  for (std::size_t k = begin; k < first; ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  for (std::size_t k = first; k < s.size(); k += 4) {
    if (s[k] != ',' || k + 4 > s.size()) return false;
    for (std::size_t d = k + 1; d < k + 4; ++d)
      if (s[d] < '0' || s[d] > '9') return false;
  }
  return true;
}

// "1 234", "1,234", "12,5", "-3" -> number; false otherwise.
bool parse_loose_number(std::string_view key, double& out) {
  // util::parse_number takes 64 characters at most (86 with thousands commas): a longer text is no
  // number, and is not copied (issue 15: 30,000 cells of one 32,767-character text, copied once
  // per flag suffix).
  std::size_t kept = 0;
  for (char c : key) kept += c != ' ' && c != '\'';
  if (kept > 128) return false;
  std::string compact;
  for (char c : key)
    if (c != ' ' && c != '\'') compact.push_back(c);
  if (compact.empty()) return false;
  if (comma_thousands(compact)) {
    compact.erase(std::remove(compact.begin(), compact.end(), ','), compact.end());
  } else if (const auto comma = compact.find(','); comma != std::string::npos) {
    if (compact.find(',', comma + 1) != std::string::npos) return false;
    compact[comma] = '.';  // decimal comma
  }
  return util::parse_number(compact, out);
}

}  // namespace

std::string year_of(std::string_view text) {
  const std::string key = normalize_label(text);
  if (key.size() >= 4 && (key.size() == 4 || key[4] == '-' || key[4] == '.') && std::all_of(key.begin(), key.begin() + 4, ::isdigit)) {
    const int y = std::stoi(key.substr(0, 4));
    if (y >= 1900 && y <= 2100 && (key.size() == 4 || key.size() == 6 || key.size() >= 7)) return key.substr(0, 4);
  }
  return {};
}

CodeMatcher::CodeMatcher(const CodeList& list, const Rulebook& rulebook) : list_(list), range_words_(&rulebook.range_words) {
  for (const auto& [language, words] : rulebook.connector_words)
    for (const auto& w : words) connectors_.insert(normalize_label(w));
  for (std::uint32_t i = 0; i < list.codes.size(); ++i) {
    const Code& c = list.codes[i];
    add(c.id, i);
    if (!c.numeric.empty()) add(c.numeric, i);
    if (!c.alpha2.empty()) add(c.alpha2, i);  // ISO 3166-1 alpha-2, as people and Eurostat write countries
    for_each_text(c.label, c.synonyms, [&](const std::string& text) {
      add(text, i);
      const std::string words = words_key(normalize_label(text));
      if (words.empty()) return;
      auto [it, inserted] = by_words_.emplace(words, i);
      if (!inserted && it->second != i) it->second = -1;
    });
  }
}

std::vector<std::string> content_words(std::string_view normalized, const std::set<std::string>& connectors) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !connectors.count(word)) words.push_back(word);
    word.clear();
  };
  for (char c : normalized) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) word.push_back(c);
    else flush();
  }
  flush();
  return words;
}

// The words of a label, sorted, without connectors and punctuation ("congo dem rep"), or "" when
// fewer than two remain.
std::string CodeMatcher::words_key(std::string_view normalized) const {
  std::vector<std::string> words = content_words(normalized, connectors_);
  if (words.size() < 2) return std::string();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string key;
  for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
  return key;
}

const Code* CodeMatcher::by_id(std::string_view id) const {
  for (const Code& c : list_.codes)
    if (c.id == id) return &c;
  return nullptr;
}

void CodeMatcher::add(const std::string& text, std::uint32_t code) {
  const std::string key = normalize_label(text);
  if (key.empty()) return;
  auto [it, inserted] = by_key_.emplace(key, code);
  if (!inserted && it->second != code) {
    // The id of a code beats another code's synonym; otherwise it is ambiguous.
    if (util::iequals(list_.codes[code].id, key)) it->second = code;
    else if (!(it->second >= 0 && util::iequals(list_.codes[static_cast<std::size_t>(it->second)].id, key))) it->second = -1;
  }
}

const Code* CodeMatcher::match(std::string_view text, bool* ambiguous) const {
  if (ambiguous) *ambiguous = false;
  const std::string key = normalize_label(text);
  if (key.empty()) return nullptr;
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    if (it->second < 0) {
      if (ambiguous) *ambiguous = true;
      return nullptr;
    }
    return &list_.codes[static_cast<std::size_t>(it->second)];
  }
  if (auto range = parse_range(key, *range_words_)) {
    for (const Code& c : list_.codes)
      if (c.has_range && c.range_high == range->high &&
          (c.range_low == range->low || (range->low == 0 && std::isinf(c.range_low))))
        return &c;
  }
  // A footnote mark after the label ("Somalia*", "Sudan (a)", "Kenya 1/"): the label without it.
  std::string_view bare = key;
  while (!bare.empty() && (bare.back() == '*' || bare.back() == ' ')) bare.remove_suffix(1);
  if (bare.size() > 4 && bare.back() == ')') {
    const std::size_t open = bare.rfind(" (");
    if (open != std::string_view::npos && bare.size() - open <= 5) bare = bare.substr(0, open);
  }
  if (bare.size() > 3 && bare.size() < key.size())
    if (auto it = by_key_.find(std::string(bare)); it != by_key_.end() && it->second >= 0)
      return &list_.codes[static_cast<std::size_t>(it->second)];
  // The same words in another order ("Congo, Dem. Rep."), connectors aside.
  if (auto it = by_words_.find(words_key(bare)); !by_words_.empty() && it != by_words_.end() && it->second >= 0)
    return &list_.codes[static_cast<std::size_t>(it->second)];
  return nullptr;
}

const Code* CodeMatcher::longest_in_text(std::string_view text, bool individuals_only) const {
  std::size_t best_length = 0;
  const Code* best = nullptr;
  bool tied = false;
  for (const auto& [key, code] : by_key_) {
    // Short keys (codes, "m", "404") would match by accident inside titles.
    if (code < 0 || key.size() < 4 || key.size() < best_length) continue;
    const Code& c = list_.codes[static_cast<std::size_t>(code)];
    if (individuals_only && c.role != CodeRole::individual) continue;
    if (!contains_word(text, key)) continue;
    if (key.size() == best_length) {
      tied = tied || best != &c;
      continue;
    }
    best_length = key.size();
    best = &c;
    tied = false;
  }
  return tied ? nullptr : best;
}

std::string CodeMatcher::find_in_text(std::string_view text) const {
  const Code* c = longest_in_text(text, true);
  return c ? c->id : std::string();
}

const Code* CodeMatcher::named_in(std::string_view normalized_text) const { return longest_in_text(normalized_text, false); }

std::string CodeMatcher::code_in_name(std::string_view name) const {
  std::string found;
  std::size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && !std::isalnum(static_cast<unsigned char>(name[i]))) ++i;
    std::size_t end = i;
    while (end < name.size() && std::isalnum(static_cast<unsigned char>(name[end]))) ++end;
    std::string word(name.substr(i, end - i));
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Code* code = word.empty() ? nullptr : list_.find(word);
    if (code && code->role == CodeRole::individual) {
      if (!found.empty() && found != code->id) return std::string();
      found = code->id;
    }
    i = end;
  }
  return found;
}

std::vector<std::string> CodeMatcher::suggestions(std::string_view text, std::string_view language, std::size_t n) const {
  const std::string key = normalize_label(text);
  std::vector<std::pair<std::size_t, std::uint32_t>> scored;
  for (const auto& [candidate, code] : by_key_) {
    if (code < 0) continue;
    // A label nobody recognised is a category, never a sum of them: no total or aggregate is offered.
    const CodeRole role = list_.codes[static_cast<std::size_t>(code)].role;
    if (role == CodeRole::total || role == CodeRole::aggregate) continue;
    // A name is compared with names, not with three-letter codes ("Atlantis" is not near "ALB").
    if (key.size() > 4 && candidate.size() <= 3) continue;
    // A label the text begins ("Unkn" of "Unknown") is closest of all.
    const bool prefix = key.size() >= 3 && candidate.size() > key.size() && candidate.compare(0, key.size(), key) == 0;
    const std::size_t d = prefix ? 0 : util::edit_distance(key, candidate, 6);
    // Of the same kind as what was typed: a special category (unknown, the nationals, other
    // countries) only for a near miss of its own label, never for a mistyped country.
    if (role != CodeRole::individual && d > 1) continue;
    if (d < 6) scored.emplace_back(d, static_cast<std::uint32_t>(code));
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, code] : scored) {
    const Code& c = list_.codes[code];
    std::string s = c.id + " (" + c.label.in(language) + ")";
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    if (out.size() == n) break;
  }
  return out;
}

Matcher::Matcher(const Rulebook& rulebook) : rulebook_(rulebook) {
  for (const auto& [language, words] : rulebook.connector_words)
    for (const auto& w : words) connectors_.insert(normalize_label(w));
  for (const Dimension& d : rulebook.dimensions) {
    headers_.emplace(normalize_label(d.id), HeaderTarget{HeaderKind::dimension, d.id});
    for_each_text(d.label, d.synonyms, [&](const std::string& t) {
      headers_.emplace(normalize_label(t), HeaderTarget{HeaderKind::dimension, d.id});
    });
  }
  headers_.emplace(normalize_label(rulebook.measure.id), HeaderTarget{HeaderKind::measure, rulebook.measure.id});
  for_each_text(rulebook.measure.label, rulebook.measure.synonyms, [&](const std::string& t) {
    headers_.emplace(normalize_label(t), HeaderTarget{HeaderKind::measure, rulebook.measure.id});
  });
  for (const Attribute& a : rulebook.attributes) {
    headers_.emplace(normalize_label(a.id), HeaderTarget{HeaderKind::attribute, a.id});
    for_each_text(a.label, a.synonyms, [&](const std::string& t) {
      headers_.emplace(normalize_label(t), HeaderTarget{HeaderKind::attribute, a.id});
    });
  }
  for (const TableTemplate& t : rulebook.tables) {
    table_names_.emplace(normalize_label(t.id), &t);
    for_each_text(t.label, t.synonyms, [&](const std::string& s) { table_names_.emplace(normalize_label(s), &t); });
  }
  auto sheet_names = [](const SheetTemplate& sheet, std::vector<std::string>& names,
                        std::unordered_map<std::string, const SheetField*>& fields) {
    if (!sheet.present) return;
    for_each_text(sheet.label, sheet.synonyms, [&](const std::string& t) { names.push_back(normalize_label(t)); });
    for (const SheetField& f : sheet.fields) {
      fields.emplace(normalize_label(f.id), &f);
      for_each_text(f.label, f.synonyms, [&](const std::string& t) { fields.emplace(normalize_label(t), &f); });
    }
  };
  sheet_names(rulebook.metadata_sheet, metadata_names_, metadata_fields_);
  sheet_names(rulebook.sources_sheet, sources_names_, sources_fields_);
  std::unordered_map<std::string, const SheetField*> codes_fields;  // the codes sheet's columns are not read
  sheet_names(rulebook.codes_sheet, codes_names_, codes_fields);
  for (const CodeList& list : rulebook.codelists) by_list_.emplace(list.id, std::make_unique<CodeMatcher>(list, rulebook));
  for (const Marker& m : rulebook.markers)
    for (const auto& text : m.texts) markers_.emplace(normalize_label(text), &m);
}

std::optional<HeaderTarget> Matcher::header(std::string_view text) const {
  auto it = headers_.find(normalize_label(text));
  if (it == headers_.end()) return std::nullopt;
  return it->second;
}

const TableTemplate* Matcher::table_by_name(std::string_view name) const {
  const std::string key = normalize_label(name);
  if (auto it = table_names_.find(key); it != table_names_.end()) return it->second;
  // The id as a word of a file or sheet name: "ken-2024-pop_ctz".
  const TableTemplate* found = nullptr;
  for (const TableTemplate& t : rulebook_.tables) {
    const std::string id = normalize_label(t.id);
    for (std::size_t at = key.find(id); at != std::string::npos; at = key.find(id, at + 1)) {
      const std::size_t end = at + id.size();
      const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(key[at - 1]));
      const bool right = end == key.size() || !std::isalnum(static_cast<unsigned char>(key[end]));
      if (left && right && (!found || id.size() > found->id.size())) found = &t;
    }
  }
  return found;
}

namespace {
// The name, or a word of it ("zmb_2023_metadata.csv", "RWA_2024_Métadonnées"):
// a return split in files names each file after its sheet.
bool names_sheet(const std::vector<std::string>& names, std::string_view name) {
  const std::string key = normalize_label(name);
  for (const std::string& n : names)
    if (key == n || (n.size() >= 6 && contains_word(key, n))) return true;
  return false;
}
}  // namespace

bool Matcher::is_metadata_sheet(std::string_view name) const { return names_sheet(metadata_names_, name); }

bool Matcher::is_sources_sheet(std::string_view name) const { return names_sheet(sources_names_, name); }

bool Matcher::is_codes_sheet(std::string_view name) const {
  const std::string key = normalize_label(name);
  return std::find(codes_names_.begin(), codes_names_.end(), key) != codes_names_.end();
}

const SheetField* Matcher::metadata_field(std::string_view text) const {
  auto it = metadata_fields_.find(normalize_label(text));
  return it == metadata_fields_.end() ? nullptr : it->second;
}

const SheetField* Matcher::sources_field(std::string_view text) const {
  auto it = sources_fields_.find(normalize_label(text));
  return it == sources_fields_.end() ? nullptr : it->second;
}

const CodeMatcher* Matcher::codes_of_list(std::string_view codelist) const {
  auto it = by_list_.find(std::string(codelist));
  return it == by_list_.end() ? nullptr : it->second.get();
}

const CodeMatcher* Matcher::codes_for(std::string_view dimension) const {
  const Dimension* d = rulebook_.dimension(dimension);
  return d ? codes_of_list(d->codelist) : nullptr;
}

ParsedValue Matcher::parse_text_value(std::string_view text) const {
  ParsedValue v;
  const std::string key = normalize_label(text);
  if (key.empty()) return v;
  if (auto it = markers_.find(key); it != markers_.end()) {
    v.kind = ParsedValue::Kind::marker;
    v.marker = it->second;
    return v;
  }
  v.from_text = true;
  if (parse_loose_number(key, v.number)) {
    v.kind = ParsedValue::Kind::number;
    return v;
  }
  for (const Flag& f : rulebook_.flags)
    for (const auto& suffix : f.suffixes) {
      const std::string s = normalize_label(suffix);
      if (s.empty() || key.size() <= s.size() || key.compare(key.size() - s.size(), s.size(), s) != 0) continue;
      std::string_view rest = std::string_view(key).substr(0, key.size() - s.size());
      while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
      if (parse_loose_number(rest, v.number)) {
        v.kind = ParsedValue::Kind::number;
        v.flag = &f;
        return v;
      }
    }
  v.kind = ParsedValue::Kind::invalid;
  return v;
}

ParsedValue Matcher::parse_value(const Workbook& workbook, const Cell* cell) const {
  ParsedValue v;
  if (!cell) return v;
  switch (cell->kind) {
    case CellKind::number:
      // No reader makes an infinite or NaN cell; a workbook built otherwise is refused alike.
      if (!std::isfinite(cell->number)) {
        v.kind = ParsedValue::Kind::invalid;
        return v;
      }
      v.kind = ParsedValue::Kind::number;
      v.number = cell->number;
      return v;
    case CellKind::text: return parse_text_value(workbook.text(*cell));
    default:
      v.kind = ParsedValue::Kind::invalid;
      return v;
  }
}

}  // namespace migcheck::recognition
