// Errors are values: every reader returns a Result<T> that holds either the
// value or one Diagnostic naming what went wrong and where. Nothing in the
// core throws across its public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace migcheck {

enum class Severity : std::uint8_t { error, warning, info };

const char* severity_name(Severity s) noexcept;

// Stable identifiers; the id strings (error_id) are part of the JSON output
// and of the documentation (docs/errors.md), so never renumber or rename.
enum class ErrorCode : std::uint16_t {
  ok = 0,
  // The file as a whole.
  file_empty,            // zero bytes
  file_legacy_xls,       // OLE2 compound file holding a BIFF workbook (.xls)
  file_encrypted,        // password-protected workbook (OLE2 EncryptedPackage or encrypted zip entry)
  file_ods,              // OpenDocument spreadsheet
  file_pdf,              // PDF document
  file_image,            // PNG, JPEG, GIF, BMP, TIFF, WebP
  file_not_spreadsheet,  // binary data that is neither XLSX nor CSV text
  file_too_large,        // input larger than Limits::max_input_bytes
  // Zip container.
  zip_truncated,           // no end-of-central-directory record, or data cut short
  zip_malformed,           // inconsistent headers, offsets or sizes
  zip_multi_disk,          // split or spanned archive
  zip_too_many_entries,    // more than Limits::max_zip_entries
  zip_entry_too_large,     // one entry over Limits::max_entry_bytes
  zip_total_too_large,     // all entries over Limits::max_total_bytes
  zip_ratio_exceeded,      // expansion ratio over Limits::max_expansion_ratio
  zip_size_mismatch,       // inflated size differs from the declared size
  zip_crc_mismatch,        // CRC-32 of the inflated data differs
  zip_duplicate_entry,     // two entries with the same name
  zip_unsupported_method,  // compression other than stored or deflate
  zip_inflate_failed,      // corrupt deflate stream
  // XML in workbook parts.
  xml_doctype,     // <!DOCTYPE ...> present (no DTDs, no entity expansion)
  xml_malformed,   // not well-formed
  xml_bad_entity,  // unknown entity or invalid character reference
  xml_too_deep,    // element nesting over Limits::max_xml_depth
  // XLSX structure.
  xlsx_missing_part,              // a part the workbook needs is absent
  xlsx_bad_reference,             // malformed cell reference or outside Excel's grid
  xlsx_shared_string_out_of_range,
  xlsx_text_too_long,             // a cell's text over Limits::max_cell_text
  xlsx_no_sheets,
  // CSV.
  csv_too_many_fields,     // a row with more than Limits::max_csv_fields
  csv_field_too_long,      // a field over Limits::max_cell_text characters
  csv_unterminated_quote,  // a quoted field still open at end of file
  csv_invalid_utf16,       // odd byte count or unpaired surrogate after a UTF-16 BOM
  // Non-fatal findings of the readers (diagnostics).
  csv_windows1252_fallback,     // info: not UTF-8, read as Windows-1252
  xlsx_formula_without_value,   // warning: formula with no cached value
  xlsx_unknown_cell_type,       // warning: t="..." not in the standard
  // Added later (numbering is stable: new codes go at the end).
  file_too_many_cells,     // cells read in all sheets over Limits::max_total_cells
  xlsx_shared_sheet_part,  // two sheets name the same worksheet part
  file_xlsb,               // an Excel Binary Workbook (.xlsb: xl/workbook.bin)
  annotate_not_xlsx,       // migcheck annotate was given a CSV, an unreadable or a Strict OOXML file
  assemble_refused,        // migcheck assemble: two versions of a table, several returns, or nothing to assemble
  csv_windows1256_fallback,  // info: not UTF-8, its letters make Arabic words: read as Windows-1256
  // Add new codes above this line, and to kAllErrorCodes below.
};

// Every code but ok, in declaration order (for tests and catalogues).
inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::file_empty,
    ErrorCode::file_legacy_xls,
    ErrorCode::file_encrypted,
    ErrorCode::file_ods,
    ErrorCode::file_pdf,
    ErrorCode::file_image,
    ErrorCode::file_not_spreadsheet,
    ErrorCode::file_too_large,
    ErrorCode::zip_truncated,
    ErrorCode::zip_malformed,
    ErrorCode::zip_multi_disk,
    ErrorCode::zip_too_many_entries,
    ErrorCode::zip_entry_too_large,
    ErrorCode::zip_total_too_large,
    ErrorCode::zip_ratio_exceeded,
    ErrorCode::zip_size_mismatch,
    ErrorCode::zip_crc_mismatch,
    ErrorCode::zip_duplicate_entry,
    ErrorCode::zip_unsupported_method,
    ErrorCode::zip_inflate_failed,
    ErrorCode::xml_doctype,
    ErrorCode::xml_malformed,
    ErrorCode::xml_bad_entity,
    ErrorCode::xml_too_deep,
    ErrorCode::xlsx_missing_part,
    ErrorCode::xlsx_bad_reference,
    ErrorCode::xlsx_shared_string_out_of_range,
    ErrorCode::xlsx_text_too_long,
    ErrorCode::xlsx_no_sheets,
    ErrorCode::csv_too_many_fields,
    ErrorCode::csv_field_too_long,
    ErrorCode::csv_unterminated_quote,
    ErrorCode::csv_invalid_utf16,
    ErrorCode::csv_windows1252_fallback,
    ErrorCode::xlsx_formula_without_value,
    ErrorCode::xlsx_unknown_cell_type,
    ErrorCode::file_too_many_cells,
    ErrorCode::xlsx_shared_sheet_part,
    ErrorCode::file_xlsb,
    ErrorCode::annotate_not_xlsx,
    ErrorCode::assemble_refused,
    ErrorCode::csv_windows1256_fallback,
};
namespace detail {
constexpr bool error_codes_complete() {
  // Codes are numbered 1, 2, 3... in the array's order, and the last is the last declared.
  for (std::size_t i = 0; i < sizeof(kAllErrorCodes) / sizeof(kAllErrorCodes[0]); ++i)
    if (static_cast<std::size_t>(kAllErrorCodes[i]) != i + 1) return false;
  return kAllErrorCodes[sizeof(kAllErrorCodes) / sizeof(kAllErrorCodes[0]) - 1] ==
         ErrorCode::csv_windows1256_fallback;
}
}  // namespace detail
static_assert(detail::error_codes_complete(), "kAllErrorCodes must list every ErrorCode but ok, in order");

// "zip.ratio_exceeded", "csv.windows1252_fallback", ...
const char* error_id(ErrorCode code) noexcept;

// Where in the input something was found. Empty fields are unknown.
struct Location {
  std::string part;          // zip entry name ("xl/worksheets/sheet1.xml"); empty for CSV
  std::string sheet;         // sheet name, when known
  std::string cell;          // A1 reference, when known
  std::uint64_t offset = 0;  // byte offset in the part (or in the CSV file)
  std::uint32_t line = 0;    // 1-based line in the part or CSV file; 0 when unknown
};

// A problem or remark about the input, with an English message; the id, the
// variant and the parameters let later layers render it in other languages
// from the message catalogue (core/messages/<language>.json, migcheck/messages.hpp).
struct Diagnostic {
  ErrorCode code = ErrorCode::ok;
  Severity severity = Severity::error;
  std::string message;  // English; the fallback when the catalogue lacks the message
  Location where;
  std::vector<std::pair<std::string, std::string>> params;  // e.g. {"limit","10000"}
  // Which of the code's messages this is, when it has several (a string
  // literal such as "element_not_closed"); empty for the code's main message.
  std::string_view variant;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Diagnostic error) : state_(std::move(error)) {}   // NOLINT
  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& value() const& { return std::get<0>(state_); }
  const Diagnostic& error() const& { return std::get<1>(state_); }
  Diagnostic&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Diagnostic> state_;
};

// For operations that produce nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

Diagnostic make_error(ErrorCode code, std::string message, Location where = {},
                      std::vector<std::pair<std::string, std::string>> params = {},
                      std::string_view variant = {});

// The key of the diagnostic's message in the catalogue: error_id(code), or
// "<error id>.<variant>" ("xml.malformed.end_tag_mismatch") when it has a variant.
std::string message_key(const Diagnostic& d);

}  // namespace migcheck

// Early return of a failed Result (any T) from a function returning Result<U>.
#define MIGCHECK_TRY(expr)                          \
  do {                                              \
    auto&& migcheck_try_result_ = (expr);           \
    if (!migcheck_try_result_.ok())                 \
      return std::move(migcheck_try_result_).error(); \
  } while (0)
