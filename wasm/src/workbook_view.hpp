// The page's sheet view: a read workbook kept in the wasm heap, and windows
// of its rows as JSON, so a sheet of 130,000 rows is never sent whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "migcheck/migcheck.hpp"

namespace migcheck_wasm {

class WorkbookView {
 public:
  WorkbookView(std::string_view bytes, const std::string& file_name, bool browser_limits);

  // "" when read, else the JSON of `migcheck dump --json` for an unreadable file.
  std::string error_json() const;
  // [{"name","state","rows","columns","cells","merged":["A1:B2"...]}...]
  std::string sheets_json() const;
  // Cells of rows first_row..last_row (0-based, inclusive) of sheet `sheet`:
  // [[row, column, type, value, formula]...]; type and value as in docs/dump.md.
  std::string rows_json(std::size_t sheet, std::uint32_t first_row, std::uint32_t last_row) const;

 private:
  std::string file_name_;
  std::optional<migcheck::Workbook> workbook_;
  std::optional<migcheck::Diagnostic> error_;
};

}  // namespace migcheck_wasm
