#include "csv/encoding.hpp"

#include "util/utf8.hpp"

#include "util/text.hpp"

namespace migcheck::csv {
namespace {

// Windows-1252 0x80..0x9F; undefined bytes map to the C1 control of the same value.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

Result<DecodedText> decode_utf16(std::string_view bytes, bool little_endian) {
  DecodedText out;
  out.encoding = little_endian ? "utf-16le" : "utf-16be";
  auto bad = [&](std::size_t offset, const char* why, std::string_view variant) {
    Location where;
    where.offset = offset;
    return make_error(ErrorCode::csv_invalid_utf16,
                      std::string("The file starts with a UTF-16 byte-order mark but ") + why +
                          " at byte " + std::to_string(offset) + ". Save it again as UTF-8 CSV.",
                      where, {{"offset", std::to_string(offset)}}, variant);
  };
  if (bytes.size() % 2 != 0) return bad(bytes.size() - 1, "has an odd number of bytes", "odd_length");
  out.storage.reserve(bytes.size() + bytes.size() / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (std::size_t i = 2; i < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return bad(i, "ends inside a surrogate pair", "surrogate_cut");
      const std::uint32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return bad(i, "has an unpaired surrogate", "unpaired_surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return bad(i, "has an unpaired surrogate", "unpaired_surrogate");
    }
    util::append_utf8(out.storage, cp);
  }
  out.transcoded = true;
  return out;
}

}  // namespace


Result<DecodedText> decode(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE)
    return decode_utf16(bytes, true);
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF)
    return decode_utf16(bytes, false);
  DecodedText out;
  std::string_view body = bytes;
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
    out.encoding = "utf-8-bom";
  }
  const std::size_t invalid = util::find_invalid_utf8(body);
  if (invalid == std::string_view::npos) {
    out.borrowed = body;
    return out;
  }
  out.encoding = "windows-1252";
  out.fell_back = true;
  out.first_invalid_offset = invalid + static_cast<std::size_t>(body.data() - bytes.data());
  out.storage.reserve(body.size() + body.size() / 8);
  for (unsigned char c : body) {
    if (c < 0x80) out.storage.push_back(static_cast<char>(c));
    else if (c < 0xA0) util::append_utf8(out.storage, kCp1252High[c - 0x80]);
    else util::append_utf8(out.storage, c);
  }
  out.transcoded = true;
  return out;
}

}  // namespace migcheck::csv
