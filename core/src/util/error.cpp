#include "migcheck/error.hpp"

namespace migcheck {

const char* severity_name(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

const char* error_id(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::file_empty: return "file.empty";
    case ErrorCode::file_legacy_xls: return "file.legacy_xls";
    case ErrorCode::file_encrypted: return "file.encrypted";
    case ErrorCode::file_ods: return "file.ods";
    case ErrorCode::file_pdf: return "file.pdf";
    case ErrorCode::file_image: return "file.image";
    case ErrorCode::file_not_spreadsheet: return "file.not_spreadsheet";
    case ErrorCode::file_too_large: return "file.too_large";
    case ErrorCode::zip_truncated: return "zip.truncated";
    case ErrorCode::zip_malformed: return "zip.malformed";
    case ErrorCode::zip_multi_disk: return "zip.multi_disk";
    case ErrorCode::zip_too_many_entries: return "zip.too_many_entries";
    case ErrorCode::zip_entry_too_large: return "zip.entry_too_large";
    case ErrorCode::zip_total_too_large: return "zip.total_too_large";
    case ErrorCode::zip_ratio_exceeded: return "zip.ratio_exceeded";
    case ErrorCode::zip_size_mismatch: return "zip.size_mismatch";
    case ErrorCode::zip_crc_mismatch: return "zip.crc_mismatch";
    case ErrorCode::zip_duplicate_entry: return "zip.duplicate_entry";
    case ErrorCode::zip_unsupported_method: return "zip.unsupported_method";
    case ErrorCode::zip_inflate_failed: return "zip.inflate_failed";
    case ErrorCode::xml_doctype: return "xml.doctype";
    case ErrorCode::xml_malformed: return "xml.malformed";
    case ErrorCode::xml_bad_entity: return "xml.bad_entity";
    case ErrorCode::xml_too_deep: return "xml.too_deep";
    case ErrorCode::xlsx_missing_part: return "xlsx.missing_part";
    case ErrorCode::xlsx_bad_reference: return "xlsx.bad_reference";
    case ErrorCode::xlsx_shared_string_out_of_range: return "xlsx.shared_string_out_of_range";
    case ErrorCode::xlsx_text_too_long: return "xlsx.text_too_long";
    case ErrorCode::xlsx_no_sheets: return "xlsx.no_sheets";
    case ErrorCode::csv_too_many_fields: return "csv.too_many_fields";
    case ErrorCode::csv_field_too_long: return "csv.field_too_long";
    case ErrorCode::csv_unterminated_quote: return "csv.unterminated_quote";
    case ErrorCode::csv_invalid_utf16: return "csv.invalid_utf16";
    case ErrorCode::csv_windows1252_fallback: return "csv.windows1252_fallback";
    case ErrorCode::xlsx_formula_without_value: return "xlsx.formula_without_value";
    case ErrorCode::xlsx_unknown_cell_type: return "xlsx.unknown_cell_type";
    case ErrorCode::file_too_many_cells: return "file.too_many_cells";
    case ErrorCode::xlsx_shared_sheet_part: return "xlsx.shared_sheet_part";
    case ErrorCode::file_xlsb: return "file.xlsb";
    case ErrorCode::annotate_not_xlsx: return "annotate.not_xlsx";
    case ErrorCode::assemble_refused: return "assemble.refused";
    case ErrorCode::csv_windows1256_fallback: return "csv.windows1256_fallback";
  }
  return "unknown";
}

Diagnostic make_error(ErrorCode code, std::string message, Location where,
                      std::vector<std::pair<std::string, std::string>> params, std::string_view variant) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.message = std::move(message);
  d.where = std::move(where);
  d.params = std::move(params);
  d.variant = variant;
  return d;
}

std::string message_key(const Diagnostic& d) {
  std::string key = error_id(d.code);
  if (!d.variant.empty()) {
    key.push_back('.');
    key.append(d.variant);
  }
  return key;
}

}  // namespace migcheck
