// Matching a cell's text to a code of a code list: by id, label or synonym,
// by the words of a label in any order, by an age range written in words,
// and the suggestions for a label that matches nothing.
#include "recognition/matcher.hpp"

#include <algorithm>
#include <cmath>

#include "util/normalize.hpp"
#include "util/utf8.hpp"
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
    // Before open_low: "15 and under" holds the word "under", "15 فما دون" the word "دون".
    if (numbers.size() == 1 && any(w.up_to)) return Range{0, numbers[0]};
    if (numbers.size() == 1 && any(w.open_low)) return Range{0, numbers[0] - 1};
  }
  if (numbers.size() == 2 && key.find('-') != std::string_view::npos) return Range{numbers[0], numbers[1]};
  if (numbers.size() == 1 && key.back() == '+') return Range{numbers[0], INFINITY};
  return std::nullopt;
}

}  // namespace

bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  // Symbols ("+", "-") need no word boundary; words do.
  std::size_t first = 0;
  const bool symbol = !is_word_char(util::next_code_point(word, first));
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
    if (symbol || (word_starts_at(text, at) && word_ends_at(text, at + word.size()))) return true;
  return false;
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
  for (std::size_t i = 0; i < normalized.size();) {
    const std::size_t start = i;
    if (is_word_char(util::next_code_point(normalized, i))) word.append(normalized.substr(start, i - start));
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
  if (const Code* code = match_one(text, ambiguous)) return code;
  if (ambiguous && *ambiguous) return nullptr;
  // "ذكور / Hommes": each language's label, one code.
  return by_every_part(text, [&](std::string_view part) { return match_one(part, nullptr); },
                       [](const Code* a, const Code* b) { return a == b; });
}

const Code* CodeMatcher::match_one(std::string_view text, bool* ambiguous) const {
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

}  // namespace migcheck::recognition
