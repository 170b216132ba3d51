// A minimal SpreadsheetML (XLSX) writer: sheets of text and number cells,
// a bold header style, a title style, text-formatted columns, column widths,
// frozen rows and list validations (drop-downs). Text goes to the shared
// strings table, XML-escaped, with OOXML's _xHHHH_ escape for characters XML
// cannot hold. The output is deterministic (no timestamps; parts in a fixed
// order) and opens in Excel, LibreOffice and openpyxl. Internal to the core.
//
//   xlsx::WorkbookSpec wb;
//   auto& s = wb.add_sheet("Data");
//   s.text(0, 0, "Sex", xlsx::CellStyle::header);
//   s.number(1, 1, 42);
//   auto bytes = xlsx::write_xlsx(wb);   // Result<std::string>
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck::xlsx {

// Excel's grid and text limits.
inline constexpr std::uint32_t kMaxRows = 1048576;
inline constexpr std::uint32_t kMaxColumns = 16384;
inline constexpr std::size_t kMaxCellText = 32767;   // UTF-16 code units
inline constexpr std::size_t kMaxSheetName = 31;     // UTF-16 code units

enum class CellStyle : std::uint8_t {
  normal = 0,
  header = 1,  // bold on a light fill
  title = 2,   // bold, larger
  text = 3,    // number format "@": what people type stays text ("0-4" is not a date)
};

struct CellSpec {
  bool is_text = true;
  std::string text;
  double number = 0;  // written as #NUM! when not finite
  CellStyle style = CellStyle::normal;
};

struct ColumnSpec {
  double width = 0;  // in characters; 0 = the default width
  CellStyle style = CellStyle::normal;  // for cells typed later in the column
};

// A list validation: a drop-down of the values of `source`, a range formula
// without '=' (see range_reference). Other values stay allowed (no error
// alert): the list helps, the rulebook decides.
struct ListValidation {
  std::uint32_t first_row = 0, last_row = 0;        // 0-based, inclusive
  std::uint32_t first_column = 0, last_column = 0;  // 0-based, inclusive
  std::string source;
};

struct SheetSpec {
  std::string name;
  std::map<std::pair<std::uint32_t, std::uint32_t>, CellSpec> cells;  // (row, column), 0-based
  std::map<std::uint32_t, ColumnSpec> columns;
  std::uint32_t frozen_rows = 0;
  bool right_to_left = false;  // shown as Excel shows an Arabic sheet: column A on the right
  std::vector<ListValidation> validations;

  void text(std::uint32_t row, std::uint32_t column, std::string value, CellStyle style = CellStyle::normal) {
    CellSpec& c = cells[{row, column}];
    c.is_text = true;
    c.text = std::move(value);
    c.style = style;
  }
  void number(std::uint32_t row, std::uint32_t column, double value, CellStyle style = CellStyle::normal) {
    CellSpec& c = cells[{row, column}];
    c.is_text = false;
    c.text.clear();
    c.number = value;
    c.style = style;
  }
  void erase(std::uint32_t row, std::uint32_t column) { cells.erase({row, column}); }
};

struct WorkbookSpec {
  std::vector<SheetSpec> sheets;  // the first is the active one
  SheetSpec& add_sheet(std::string name) {
    sheets.emplace_back();
    sheets.back().name = std::move(name);
    return sheets.back();
  }
};

// Whether Excel accepts `name` as a sheet name: 1 to 31 characters, none of
// []:*?/\, not starting or ending with an apostrophe, not "History".
bool valid_sheet_name(std::string_view name) noexcept;

// `wanted` made a valid sheet name unlike any of `taken` (case-insensitive):
// forbidden characters become '_', too long names are cut, and " (2)", " (3)"
// ... tell duplicates apart.
std::string safe_sheet_name(std::string_view wanted, const std::vector<std::string>& taken);

// "'Codes'!$C$2:$C$5" for sheet Codes, rows 1-4 (0-based) of column 2.
std::string range_reference(std::string_view sheet, std::uint32_t first_row, std::uint32_t first_column,
                            std::uint32_t last_row, std::uint32_t last_column);

// The workbook as XLSX bytes. Errors: xlsx_no_sheets; xlsx_bad_reference (an
// invalid or repeated sheet name, a cell or validation outside Excel's grid);
// xlsx_text_too_long (a cell over 32,767 characters); the ZipWriter's errors.
Result<std::string> write_xlsx(const WorkbookSpec& workbook);

}  // namespace migcheck::xlsx
