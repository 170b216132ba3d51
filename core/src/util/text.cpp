#include "util/text.hpp"

#include "util/normalize.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace migcheck::util {

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string clipped(std::string_view s, std::size_t max_chars) {
  if (!longer_than(s, max_chars)) return std::string(s);
  std::size_t end = 0;
  for (std::size_t chars = 0; end < s.size(); ++end) {
    if ((static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) continue;  // inside a code point
    if (chars++ == max_chars) break;
  }
  std::string out(s.substr(0, end));
  out += "\xE2\x80\xA6";  // …
  return out;
}

void clip_quoted_params(std::vector<std::pair<std::string, std::string>>& params) {
  static constexpr std::string_view kQuoting[] = {
      "value",  "label",   "header", "status", "structure", "sheet",          "first_sheet",    "other_sheet",
      "country", "code",   "found",  "means",  "file",      "previous_file",  "previous_value", "other_value",
      "partner_value", "first", "second", "text", "title", "type", "reference", "entity", "element", "attribute",
      "open", "part", "entry", "target"};
  for (auto& [name, value] : params) {
    if (value.size() <= kQuotedChars) continue;  // the common case: nothing to count
    for (std::string_view quoting : kQuoting)
      if (name == quoting) {
        value = clipped(value);
        break;
      }
  }
}

bool parse_number(std::string_view s, double& out) noexcept {
  if (s.empty() || s.size() > 64) return false;
  std::size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative || s[0] == '+') i = 1;
  // Fast path: up to 15 digits, exactly representable.
  if (s.size() - i <= 15 && i < s.size()) {
    std::uint64_t v = 0;
    std::size_t j = i;
    for (; j < s.size(); ++j) {
      const unsigned d = static_cast<unsigned char>(s[j]) - '0';
      if (d > 9) break;
      v = v * 10 + d;
    }
    if (j == s.size()) {
      out = negative ? -static_cast<double>(v) : static_cast<double>(v);
      return true;
    }
  }
  // Validate the grammar ourselves: strtod also accepts hex, inf, nan and spaces.
  std::size_t j = i, digits = 0;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++digits;
  if (j < s.size() && s[j] == '.') {
    ++j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++digits;
  }
  if (digits == 0) return false;
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    ++j;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    std::size_t exp_digits = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (j != s.size()) return false;
  char buf[72];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  out = std::strtod(buf, nullptr);
  // 1e309 overflows to infinity: not a number a cell can hold (Excel's
  // largest is 9.99999999999999E+307), so the cell is read as the text it is.
  return std::isfinite(out);
}


namespace {
int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

void append_unescaped_ooxml(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = s.find("_x", i);
    if (at == std::string_view::npos || at + 7 > s.size()) {
      out.append(s.data() + i, s.size() - i);
      return;
    }
    out.append(s.data() + i, at - i);
    std::uint32_t cp = 0;
    bool valid = s[at + 6] == '_';
    for (std::size_t k = at + 2; valid && k < at + 6; ++k) {
      const int v = hex_value(s[k]);
      if (v < 0) valid = false;
      else cp = cp * 16 + static_cast<std::uint32_t>(v);
    }
    if (valid && !(cp >= 0xD800 && cp <= 0xDFFF)) {
      append_utf8(out, cp);
      i = at + 7;
    } else {
      out.append("_x");
      i = at + 2;
    }
  }
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

long date_number(std::string_view typed) {
  // The key of the text: Arabic-Indic digits are digits, direction marks are dropped ("١٥/١١/٢٠٢٤").
  const std::string key = normalize_label(typed);
  const std::string_view text = key;
  std::vector<long> parts;
  std::vector<std::size_t> widths;
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  while (i < text.size()) {
    std::size_t start = i;
    long n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 5) n = n * 10 + (text[i++] - '0');
    if (i == start) return 0;
    parts.push_back(n);
    widths.push_back(i - start);
    if (i == text.size() || text[i] == 't' || text[i] == ' ') break;
    if (text[i] != '-' && text[i] != '/' && text[i] != '.') return 0;
    ++i;
  }
  long year = 0, month = 12, day = 31;
  if (parts.empty() || parts.size() > 3) return 0;
  if (widths.front() == 4) {  // year first
    year = parts[0];
    if (parts.size() > 1) month = parts[1];
    if (parts.size() > 2) day = parts[2];
  } else if (widths.back() == 4) {  // year last
    year = parts.back();
    if (parts.size() == 2) month = parts[0];
    if (parts.size() == 3) {
      day = parts[0];
      month = parts[1];
      if (month > 12 && day <= 12) std::swap(day, month);  // 11/15/2024
    }
  } else {
    return 0;
  }
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return 0;
  return year * 10000 + month * 100 + day;
}


}  // namespace migcheck::util
