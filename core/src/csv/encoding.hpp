// Decoding CSV bytes to UTF-8: BOMs, UTF-16, and the Windows-1252 fallback.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/error.hpp"

namespace migcheck::csv {

struct DecodedText {
  std::string_view text;  // UTF-8; views the input or `storage`
  std::string storage;
  const char* encoding = "utf-8";  // utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252
  bool fell_back = false;          // was not UTF-8; read as Windows-1252
  std::uint64_t first_invalid_offset = 0;
};

// Offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

// Errors: csv_invalid_utf16.
Result<DecodedText> decode(std::string_view bytes);

}  // namespace migcheck::csv
