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

// Windows-1256 (Arabic) 0x80..0xFF. It keeps Latin-1's French letters (à â ç è é ê ë î ï ô ù û ü)
// where they are, and puts the Arabic letters in 0xC1..0xFF.
constexpr char16_t kCp1256High[128] = {
    0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0679,
    0x2039, 0x0152, 0x0686, 0x0698, 0x0688, 0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA, 0x00A0,
    0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x06BE, 0x00AB,
    0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6,
    0x00B7, 0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F, 0x06C1, 0x0621,
    0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0628, 0x0629, 0x062A, 0x062B, 0x062C,
    0x062D, 0x062E, 0x062F, 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
    0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643, 0x00E0, 0x0644, 0x00E2,
    0x0645, 0x0646, 0x0647, 0x0648, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A,
    0x00EE, 0x00EF, 0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7, 0x0651,
    0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

bool is_arabic_letter_1256(unsigned char c) {
  if (c < 0xC1) return false;
  const char16_t cp = kCp1256High[c - 0x80];
  return cp >= 0x0621 && cp <= 0x064A;
}

bool is_ascii_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Whether bytes that are not UTF-8 read better as Windows-1256 than as Windows-1252. Arabic letters
// make whole words: runs of two or more high bytes that touch no Latin letter. A Windows-1252
// text's accented letters sit among Latin letters, one at a time ("Égypte", "Côte") or two
// ("POPULAÇÃO", "CRÉÉ"), and the French lower-case ones read the same in both.
bool reads_as_arabic(std::string_view body) {
  std::size_t in_words = 0, alone = 0;
  for (std::size_t i = 0; i < body.size();) {
    if (static_cast<unsigned char>(body[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t end = i, letters = 0, high = 0;
    for (; end < body.size() && static_cast<unsigned char>(body[end]) >= 0x80; ++end) {
      const auto c = static_cast<unsigned char>(body[end]);
      letters += is_arabic_letter_1256(c);
      high += c >= 0xC0;
    }
    const bool among_latin = (i > 0 && is_ascii_letter(static_cast<unsigned char>(body[i - 1]))) ||
                             (end < body.size() && is_ascii_letter(static_cast<unsigned char>(body[end])));
    if (letters >= 2 && !among_latin) in_words += letters;
    else alone += high;
    i = end;
  }
  return in_words >= 2 && in_words > alone;
}

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
  const bool arabic = reads_as_arabic(body);
  out.encoding = arabic ? "windows-1256" : "windows-1252";
  out.fell_back = true;
  out.first_invalid_offset = invalid + static_cast<std::size_t>(body.data() - bytes.data());
  out.storage.reserve(body.size() + body.size() / (arabic ? 1 : 8));
  for (unsigned char c : body) {
    if (c < 0x80) out.storage.push_back(static_cast<char>(c));
    else if (arabic) util::append_utf8(out.storage, kCp1256High[c - 0x80]);
    else if (c < 0xA0) util::append_utf8(out.storage, kCp1252High[c - 0x80]);
    else util::append_utf8(out.storage, c);
  }
  out.transcoded = true;
  return out;
}

}  // namespace migcheck::csv
