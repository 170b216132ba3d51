// Decoding CSV bytes to UTF-8: BOMs, UTF-16, and the Windows-1252 or Windows-1256 (Arabic) fallback.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/error.hpp"

namespace migcheck::csv {

struct DecodedText {
  // UTF-8: the input itself when it already was, else the transcoded copy.
  // A method, not a stored view: a view into `storage` would dangle when a
  // short (SSO) string moves.
  std::string_view text() const noexcept { return transcoded ? std::string_view(storage) : borrowed; }
  std::string_view borrowed;
  std::string storage;
  bool transcoded = false;
  const char* encoding = "utf-8";  // utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252, windows-1256
  bool fell_back = false;          // was not UTF-8; read as Windows-1252, or Windows-1256 when its letters make Arabic words
  std::uint64_t first_invalid_offset = 0;
};


// Errors: csv_invalid_utf16.
Result<DecodedText> decode(std::string_view bytes);

}  // namespace migcheck::csv
