// The rulebook's words as a recogniser needs them: table names, headers,
// Metadata and Sources fields, code matchers per dimension, and values read
// as numbers or markers.
#include "recognition/matcher.hpp"

#include <algorithm>
#include <cmath>

#include "util/normalize.hpp"
#include "util/utf8.hpp"
#include "util/text.hpp"

namespace migcheck::recognition {

using util::normalize_label;

namespace {

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

bool is_word_char(std::uint32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  if (cp < 0xC0) return false;                     // Latin-1 signs: ¹ ² ° · « » §
  if (cp == 0xD7 || cp == 0xF7) return false;     // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, super- and subscripts, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp == 0x060C || cp == 0x061B || cp == 0x061F || (cp >= 0x066A && cp <= 0x066D) || cp == 0x06D4)
    return false;  // Arabic comma, semicolon, question mark, percent and separators, full stop
  return true;
}

bool word_starts_at(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  std::size_t lead = at - 1;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;  // back to the character's first byte
  return !is_word_char(util::next_code_point(text, lead));
}

bool word_ends_at(std::string_view text, std::size_t end) {
  return end >= text.size() || !is_word_char(util::next_code_point(text, end));
}

std::vector<std::string_view> bilingual_parts(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool line = i < text.size() && text[i] == '\n';
    const bool slash = i + 2 < text.size() && text.substr(i, 3) == " / ";
    if (i < text.size() && !line && !slash) continue;
    const std::string_view part = util::trimmed(text.substr(start, i - start));
    if (!part.empty()) parts.push_back(part);
    start = i + (slash ? 3 : 1);
    if (slash) i += 2;
  }
  if (parts.size() < 2) parts.clear();
  return parts;
}

std::optional<HeaderTarget> Matcher::header(std::string_view text) const {
  if (auto it = headers_.find(normalize_label(text)); it != headers_.end()) return it->second;
  return by_every_part(
      text,
      [&](std::string_view part) -> std::optional<HeaderTarget> {
        auto it = headers_.find(normalize_label(part));
        if (it == headers_.end()) return std::nullopt;
        return it->second;
      },
      [](const std::optional<HeaderTarget>& a, const std::optional<HeaderTarget>& b) {
        return a->kind == b->kind && a->id == b->id;
      });
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
      const bool left = word_starts_at(key, at);
      const bool right = word_ends_at(key, end);
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

namespace {
// Whether `title` is exactly one of the sheet's labels (in any language; not a synonym: "Cover",
// "Information" or "Source" are words a notes sheet or a table's first header may hold).
bool titled(const SheetTemplate& sheet, std::string_view title) {
  if (!sheet.present || title.empty()) return false;
  const std::string key = normalize_label(title);
  for (const auto& [language, text] : sheet.label.texts)
    if (normalize_label(text) == key) return true;
  return false;
}
}  // namespace

bool Matcher::is_metadata_title(std::string_view title) const { return titled(rulebook_.metadata_sheet, title); }

bool Matcher::is_sources_title(std::string_view title) const { return titled(rulebook_.sources_sheet, title); }

bool Matcher::is_codes_sheet(std::string_view name) const {
  const std::string key = normalize_label(name);
  return std::find(codes_names_.begin(), codes_names_.end(), key) != codes_names_.end();
}

namespace {

// The field a header names, or failing that the field its words before a note
// in brackets name ("Contact (name, e-mail)" is the contact).
const SheetField* field_named(const std::unordered_map<std::string, const SheetField*>& fields, std::string_view text) {
  auto it = fields.find(normalize_label(text));
  if (it != fields.end()) return it->second;
  const std::size_t bracket = text.find('(');
  if (bracket == std::string_view::npos || bracket == 0) return nullptr;
  it = fields.find(normalize_label(text.substr(0, bracket)));
  return it == fields.end() ? nullptr : it->second;
}

}  // namespace

const SheetField* Matcher::metadata_field(std::string_view text) const {
  if (const SheetField* f = field_named(metadata_fields_, text)) return f;
  return by_every_part(text, [&](std::string_view part) { return field_named(metadata_fields_, part); },
                       [](const SheetField* a, const SheetField* b) { return a == b; });
}

const SheetField* Matcher::sources_field(std::string_view text) const {
  if (const SheetField* f = field_named(sources_fields_, text)) return f;
  return by_every_part(text, [&](std::string_view part) { return field_named(sources_fields_, part); },
                       [](const SheetField* a, const SheetField* b) { return a == b; });
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
