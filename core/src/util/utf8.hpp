// UTF-8, one way for every reader and writer: decoding (an invalid, overlong
// or truncated sequence, or an encoded surrogate, is U+FFFD and one byte),
// validation, encoding, and the characters XML 1.0 allows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace migcheck::util {

constexpr std::uint32_t kReplacementCharacter = 0xFFFD;

// The code point of the UTF-8 sequence at s[i], advancing i past it; an
// invalid sequence gives U+FFFD and advances one byte. i must be < s.size().
std::uint32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// Offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

// s with every invalid sequence replaced by U+FFFD (s itself when valid).
std::string valid_utf8(std::string_view s);

void append_utf8(std::string& out, std::uint32_t code_point);

// A character XML 1.0 allows in a document (tab, newline, carriage return and the rest of Char).
constexpr bool is_xml_char(std::uint32_t cp) noexcept {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace migcheck::util
