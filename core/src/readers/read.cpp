// Format sniffing: magic numbers decide, never the file name alone, so a
// renamed PDF or .xls gets a message that says what it really is.
#include <algorithm>
#include <cstring>

#include "io/bytes.hpp"
#include "migcheck/read.hpp"
#include "util/text.hpp"

namespace migcheck {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

bool contains_utf16le(std::string_view haystack, std::string_view ascii) {
  std::string needle;
  for (char c : ascii) {
    needle.push_back(c);
    needle.push_back('\0');
  }
  return haystack.find(needle) != std::string_view::npos;
}

Diagnostic file_error(ErrorCode code, std::string message, std::string_view variant = {}) {
  return make_error(code, std::move(message), {}, {}, variant);
}

bool is_ods(std::string_view bytes) {
  // ODF puts an uncompressed "mimetype" entry first.
  if (bytes.size() < 30 + 8 || io::le16(bytes.data() + 26) != 8) return false;
  if (bytes.substr(30, 8) != "mimetype") return false;
  const std::size_t data = 30 + 8 + io::le16(bytes.data() + 28);
  return bytes.size() > data && bytes.substr(data).substr(0, 46) == "application/vnd.oasis.opendocument.spreadsheet";
}

// UTF-16 text without a byte-order mark: NUL bytes, a quarter of the first
// 4 KiB at least, nearly all at odd offsets (little-endian: ASCII "a" is
// 61 00) or nearly all at even ones (big-endian). Arabic or other non-Latin
// text has fewer NULs, but a CSV's digits, delimiters and line ends are ASCII.
const char* utf16_without_bom(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  if (n < 8) return nullptr;  // four characters at least
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (bytes[i] == '\0') ++(i % 2 ? odd : even);
  const std::size_t nuls = even + odd;
  if (nuls * 4 < n) return nullptr;
  if (odd * 20 >= nuls * 19) return "UTF-16LE";
  if (even * 20 >= nuls * 19) return "UTF-16BE";
  return nullptr;
}

}  // namespace

Result<Workbook> read_workbook(std::string_view bytes, std::string_view file_name, const ReadOptions& options) {
  if (bytes.empty())
    return file_error(ErrorCode::file_empty, "The file is empty (0 bytes). Save the return again and re-send it.");
  if (bytes.size() > options.limits.max_input_bytes)
    return make_error(ErrorCode::file_too_large,
                      "The file has " + std::to_string(bytes.size()) + " bytes; at most " +
                          std::to_string(options.limits.max_input_bytes) + " are accepted.",
                      {}, {{"limit", std::to_string(options.limits.max_input_bytes)}, {"value", std::to_string(bytes.size())}});
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
    if (is_ods(bytes))
      return file_error(ErrorCode::file_ods,
                        "This is an OpenDocument spreadsheet (.ods). Save it as Excel (.xlsx) or CSV and try again.");
    return read_xlsx(bytes, file_name, options);
  }
  if (starts_with(bytes, "PK\x07\x08"))
    return file_error(ErrorCode::zip_multi_disk,
                      "This is one part of a split zip archive. Save the workbook again as a single .xlsx file.",
                      "split_part");
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    if (contains_utf16le(bytes, "EncryptedPackage"))
      return file_error(ErrorCode::file_encrypted,
                        "The workbook is password-protected. Remove the password in your spreadsheet "
                        "program (File > Info > Protect Workbook) and save it again.");
    if (contains_utf16le(bytes, "Workbook") || contains_utf16le(bytes, "Book"))
      return file_error(ErrorCode::file_legacy_xls,
                        "This is a legacy Excel 97-2003 workbook (.xls). Open it and save it as Excel "
                        "Workbook (.xlsx), then try again.");
    return file_error(ErrorCode::file_not_spreadsheet,
                      "This is a Microsoft Office 97-2003 document, not a spreadsheet. Send the return as .xlsx or .csv.",
                      "office_document");
  }
  if (starts_with(bytes, "%PDF-"))
    return file_error(ErrorCode::file_pdf,
                      "This is a PDF document, not a spreadsheet. Send the return as .xlsx or .csv; "
                      "migcheck cannot read tables from PDF.");
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n") || starts_with(bytes, "\xFF\xD8\xFF") ||
      starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a") ||
      starts_with(bytes, std::string_view("II*\0", 4)) || starts_with(bytes, std::string_view("MM\0*", 4)) ||
      (bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP"))
    return file_error(ErrorCode::file_image,
                      "This is an image, not a spreadsheet. Send the return as .xlsx or .csv.");
  const bool utf16 = starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF");
  if (const char* encoding = utf16 ? nullptr : utf16_without_bom(bytes))
    return make_error(ErrorCode::csv_invalid_utf16,
                      std::string("This looks like ") + encoding +
                          " text without a byte-order mark. Save it again as UTF-8 CSV (in Excel: CSV UTF-8).",
                      {}, {{"encoding", encoding}}, "no_bom");
  if (!utf16 && std::memchr(bytes.data(), '\0', std::min<std::size_t>(bytes.size(), 4096)))
    return file_error(ErrorCode::file_not_spreadsheet,
                      "This file is neither an Excel workbook (.xlsx) nor CSV text. Send the return as .xlsx or .csv.");
  return read_csv(bytes, file_name, options);
}

}  // namespace migcheck
