// Input limits (docs/limits.md). Each is a default a caller may
// lower (and the CLI may raise); each is checked before the allocation it
// protects and has its own ErrorCode.
#pragma once

#include <cstdint>

namespace migcheck {

struct Limits {
  std::uint64_t max_input_bytes = 2ull << 30;        // file_too_large
  std::uint32_t max_zip_entries = 10'000;            // zip_too_many_entries
  std::uint64_t max_entry_bytes = 1ull << 30;        // zip_entry_too_large (uncompressed)
  std::uint64_t max_total_bytes = 2ull << 30;        // zip_total_too_large (uncompressed, all entries)
  std::uint32_t max_expansion_ratio = 200;           // zip_ratio_exceeded ...
  std::uint64_t expansion_grace_bytes = 1ull << 20;  // ... for entries larger than this
  std::uint32_t max_xml_depth = 256;                 // xml_too_deep
  std::uint32_t max_cell_text = 32'767;              // xlsx_text_too_long, csv_field_too_long (characters)
  std::uint32_t max_rows = 1'048'576;                // Excel's grid: xlsx_bad_reference
  std::uint32_t max_columns = 16'384;
  std::uint32_t max_csv_fields = 16'384;             // csv_too_many_fields
  // Cells read in all sheets together (16 bytes each: 800 MB at the default).
  // A worksheet part is read once: two sheets naming one part are
  // xlsx_shared_sheet_part, so cells and XML bytes parsed stay within this
  // and max_total_bytes however the workbook refers to its parts.
  std::uint64_t max_total_cells = 50'000'000;        // file_too_many_cells

  // The browser build halves the total (its heap is at most 4 GiB).
  static Limits browser() {
    Limits l;
    l.max_total_bytes = 1ull << 30;
    l.max_input_bytes = 1ull << 30;
    return l;
  }
};

}  // namespace migcheck
