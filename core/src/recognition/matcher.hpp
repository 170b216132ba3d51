// Lookup tables built once from a rulebook: what people write -> what the
// rulebook means (tables, headers, codes, markers, flags, ranges).
#pragma once

#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migcheck/rulebook.hpp"
#include "migcheck/workbook.hpp"

namespace migcheck::recognition {

enum class HeaderKind : std::uint8_t { dimension, measure, attribute };
struct HeaderTarget {
  HeaderKind kind;
  std::string id;
};

// Matches labels of one code list: ids, labels, synonyms, numeric and
// alpha-2 identifiers, and numeric ranges ("0 à 4 ans", "85+").
class CodeMatcher {
 public:
  CodeMatcher(const CodeList& list, const Rulebook& rulebook);
  // The code for `text`; nullptr when unknown. `ambiguous` is set when two
  // codes claim the text.
  const Code* match(std::string_view text, bool* ambiguous = nullptr) const;
  // Up to `n` codes whose labels are closest to `text`, as "ID (Label)".
  std::vector<std::string> suggestions(std::string_view text, std::string_view language, std::size_t n = 3) const;
  const CodeList& list() const noexcept { return list_; }
  // The code of that id; nullptr when none.
  const Code* by_id(std::string_view id) const;
  // The id of the individual code whose longest label or synonym appears as
  // whole words in a normalized text ("population du kenya 2024" -> KEN); "" if none.
  std::string find_in_text(std::string_view normalized_text) const;
  // The one individual code written as a word of a file or sheet name
  // ("RWA_2024_ABR": RWA), or "" when none or several are.
  std::string code_in_name(std::string_view name) const;
  // The code (of any role: "both sexes combined" is the total) whose longest label or synonym
  // appears as whole words in a normalized text; nullptr when none, or when two tie.
  const Code* named_in(std::string_view normalized_text) const;

 private:
  // match() for one language's text (a bilingual cell is matched part by part).
  const Code* match_one(std::string_view text, bool* ambiguous) const;
  void add(const std::string& text, std::uint32_t code);
  const CodeList& list_;
  std::unordered_map<std::string, std::int64_t> by_key_;  // -1: ambiguous
  // Labels of two words or more as the sorted set of their words but connectors: a last resort
  // for another word order ("Congo, Dem. Rep."). -1: ambiguous.
  std::unordered_map<std::string, std::int64_t> by_words_;
  std::set<std::string> connectors_;
  std::string words_key(std::string_view normalized) const;
  const Code* longest_in_text(std::string_view text, bool individuals_only) const;
  const std::map<std::string, RangeWords>* range_words_;
};

// The words of a normalized text, split at anything but letters and digits, without `connectors`.
std::vector<std::string> content_words(std::string_view normalized, const std::set<std::string>& connectors);

struct ParsedValue {
  enum class Kind : std::uint8_t { empty, number, marker, invalid } kind = Kind::empty;
  double number = 0;
  bool from_text = false;  // a number written as text ("1 234")
  const Marker* marker = nullptr;
  const Flag* flag = nullptr;
};

class Matcher {
 public:
  explicit Matcher(const Rulebook& rulebook);

  std::optional<HeaderTarget> header(std::string_view text) const;
  // The table whose id, label or synonym the name is, or contains as a word ("ken-2024-pop_ctz").
  const TableTemplate* table_by_name(std::string_view name) const;
  bool is_metadata_sheet(std::string_view name) const;
  bool is_sources_sheet(std::string_view name) const;
  // A sheet left with its default name ("Sheet1", "ورقة1") whose title, its cell A1 alone on the
  // first row, is exactly the Metadata or Sources sheet's label in one of the rulebook's languages.
  bool is_metadata_title(std::string_view title) const;
  bool is_sources_title(std::string_view title) const;
  bool is_codes_sheet(std::string_view name) const;
  const SheetField* metadata_field(std::string_view text) const;
  const SheetField* sources_field(std::string_view text) const;
  const CodeMatcher* codes_for(std::string_view dimension) const;
  const CodeMatcher* codes_of_list(std::string_view codelist) const;

  ParsedValue parse_value(const Workbook& workbook, const Cell* cell) const;
  ParsedValue parse_text_value(std::string_view text) const;

  const Rulebook& rulebook() const noexcept { return rulebook_; }
  // The words of a normalized text but the rulebook's connector words ("of", "by", "par").
  std::vector<std::string> content_words(std::string_view normalized) const {
    return recognition::content_words(normalized, connectors_);
  }

 private:
  const Rulebook& rulebook_;
  std::set<std::string> connectors_;
  std::unordered_map<std::string, HeaderTarget> headers_;
  std::unordered_map<std::string, const TableTemplate*> table_names_;
  std::unordered_map<std::string, const SheetField*> metadata_fields_, sources_fields_;
  std::vector<std::string> metadata_names_, sources_names_, codes_names_;
  std::unordered_map<std::string, std::unique_ptr<CodeMatcher>> by_list_;
  std::unordered_map<std::string, const Marker*> markers_;
};

// A year ("2024", 2024, "2024-01-01") or empty.
std::string year_of(std::string_view text);

// Whether `word` occurs in `text` as a whole word (a symbol such as "+" anywhere).
bool contains_word(std::string_view text, std::string_view word);

// A label typed in two languages in one cell, "الجنس / Sexe" or "Total" and "المجموع" on two lines:
// its parts, when " / " or a line break separates non-empty parts; else none.
std::vector<std::string_view> bilingual_parts(std::string_view text);

// What `find` recognises in a bilingual label: the one thing every part is recognised as ("الجنس /
// Sexe" is SEX), else nothing ("Country / territory of birth" is not the country: one part is
// unknown). `same(a, b)` says whether two results are the same thing.
template <class Find, class Same>
auto by_every_part(std::string_view text, Find find, Same same) -> decltype(find(text)) {
  const auto parts = bilingual_parts(text);
  decltype(find(text)) found{};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto r = find(parts[i]);
    if (!r || (i > 0 && !same(found, r))) return {};
    found = r;
  }
  return found;
}

// A character of a word in a normalized label: a Latin letter or digit, or a letter of another
// script ("مصر" is not a word of "مصرف"); not a symbol or punctuation mark ("65 and over¹",
// "Kenya†": the word ends before the mark).
bool is_word_char(std::uint32_t code_point);
// Whether a word may start at `at` of `text` (nothing, or no word character, before it) and end
// at `end` (nothing, or no word character, after it).
bool word_starts_at(std::string_view text, std::size_t at);
bool word_ends_at(std::string_view text, std::size_t end);

// Every normalized text a label and its synonyms give.
template <class F>
void for_each_text(const Label& label, const Synonyms& synonyms, F&& f) {
  for (const auto& [lang, text] : label.texts) f(text);
  for (const auto& [lang, list] : synonyms.texts)
    for (const auto& text : list) f(text);
}

}  // namespace migcheck::recognition
