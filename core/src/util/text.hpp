// Small text helpers used on hot paths: no allocation unless they append.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/utf8.hpp"  // append_utf8, next_code_point: one UTF-8 module

namespace migcheck::util {

// Number of Unicode code points in valid UTF-8 (continuation bytes skipped).
std::size_t utf8_length(std::string_view s) noexcept;

// True when s exceeds max_chars code points, without counting when the byte
// size already settles it.
inline bool longer_than(std::string_view s, std::size_t max_chars) noexcept {
  return s.size() > max_chars && utf8_length(s) > max_chars;
}

// How much of a cell's text a finding quotes (issue 15: 30,000 findings
// quoting one 32,767-character shared string made a 3 GB report).
inline constexpr std::size_t kQuotedChars = 200;

// s when it has at most max_chars code points; otherwise its first max_chars
// code points (cut on a UTF-8 boundary) and "…".
std::string clipped(std::string_view s, std::size_t max_chars = kQuotedChars);

// Clips, in place, the params of a finding that quote what a file says (a
// cell's value, a label, a header, a sheet or file name), so that neither
// the params nor the message rendered from them copy a long text whole.
void clip_quoted_params(std::vector<std::pair<std::string, std::string>>& params);

// Parses a plain decimal number as spreadsheets store it ("12", "-3.5",
// "1E-3"); false for anything else, including leading/trailing spaces and
// numbers beyond a double ("1e309", which would be infinite).
bool parse_number(std::string_view s, double& out) noexcept;

// Appends s with OOXML's _xHHHH_ escapes (ST_Xstring) decoded.
void append_unescaped_ooxml(std::string& out, std::string_view s);
inline bool has_ooxml_escape(std::string_view s) noexcept {
  return s.find("_x") != std::string_view::npos;
}


// s without leading and trailing ASCII spaces and tabs (labels indented with spaces, as published tables do).
inline std::string_view trimmed(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b) noexcept;

inline bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A date as written in an inventory, as yyyymmdd: 2024-11-15, 2024-11-15T10:00,
// 15/11/2024, 15.11.2024, 15-11-2024, 2024/11/15, 11/2024, 2024-11, 2024, in
// Latin or Arabic-Indic digits (١٥/١١/٢٠٢٤). A part left out is its latest (2024 is 2024-12-31), so that a vague date is never
// taken for an older one. Day first when both could be the month, as in the
// community's member states. 0 when the text is no date.
long date_number(std::string_view text);

}  // namespace migcheck::util
