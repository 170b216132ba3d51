// The one in-memory model both readers (XLSX and CSV) produce:
// workbook -> sheets -> sparse cells. Cells are 16 bytes; their text lives in
// one arena per workbook, so reading a sheet makes no per-cell heap strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck {

enum class CellKind : std::uint8_t {
  number,   // IEEE double
  text,     // UTF-8 in the workbook's text arena
  boolean,  // number is 0 or 1
  error,    // Excel error literal ("#DIV/0!") as text
  date,     // serial day number (1900 or 1904 system) of a date-formatted cell
};
const char* cell_kind_name(CellKind k) noexcept;

enum CellFlags : std::uint8_t {
  cell_has_formula = 1,  // value is a formula's cached result (never evaluated)
};

struct TextRef {
  std::uint32_t offset;
  std::uint32_t length;
};

struct Cell {
  std::uint32_t row;     // 0-based
  std::uint16_t column;  // 0-based (Excel has 16,384 columns)
  CellKind kind;
  std::uint8_t flags;
  union {
    double number;  // number, boolean, date
    TextRef text;   // text, error
  };
};
static_assert(sizeof(Cell) == 16, "cells must stay small");

struct CellRange {
  std::uint32_t first_row, last_row;        // 0-based, inclusive
  std::uint16_t first_column, last_column;  // 0-based, inclusive
};

enum class SheetState : std::uint8_t { visible, hidden, very_hidden };
const char* sheet_state_name(SheetState s) noexcept;

struct Sheet {
  std::string name;
  SheetState state = SheetState::visible;
  std::string part;       // zip entry ("xl/worksheets/sheet1.xml"); file name for CSV
  std::string dimension;  // as declared (informative only; never used to allocate)
  std::vector<Cell> cells;  // sorted by (row, column), no duplicates
  std::vector<CellRange> merged;
  std::uint32_t row_count = 0;     // 1 + last row holding a cell; 0 if empty
  std::uint32_t column_count = 0;  // 1 + last column holding a cell

  // Binary search; nullptr when the cell is empty.
  const Cell* find(std::uint32_t row, std::uint32_t column) const noexcept;
};

enum class FileFormat : std::uint8_t { xlsx, csv };
const char* file_format_name(FileFormat f) noexcept;

struct CsvInfo {
  char delimiter = ',';
  std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
};

struct ReadStats {
  std::uint64_t input_bytes = 0;
  std::uint64_t sheet_xml_bytes = 0;  // inflated worksheet XML (CSV: decoded text bytes)
  std::uint64_t cells = 0;
};

class Workbook {
 public:
  std::string file_name;
  FileFormat format = FileFormat::xlsx;
  bool date1904 = false;
  CsvInfo csv;  // meaningful for CSV only
  std::vector<Sheet> sheets;
  std::vector<Diagnostic> diagnostics;  // non-fatal: warnings and infos
  ReadStats stats;

  std::string_view text(const Cell& c) const noexcept {
    return std::string_view(arena_).substr(c.text.offset, c.text.length);
  }
  const Sheet* sheet(std::string_view name) const noexcept;

  // Appends UTF-8 text to the arena; readers only. Invalid UTF-8 becomes U+FFFD, unless the
  // reader already knows the text valid (`valid`: the CSV reader decodes the whole file first).
  TextRef add_text(std::string_view s, bool valid = false);
  std::string& arena() noexcept { return arena_; }

 private:
  std::string arena_;
};

// "A1" helpers. Column 0 is "A".
std::string a1(std::uint32_t row, std::uint32_t column);
std::string a1_range(const CellRange& r);
void append_column_name(std::string& out, std::uint32_t column);

// ISO 8601 text of a date serial ("2024-01-31" or "2024-01-31T10:30:00").
std::string date_serial_to_iso(double serial, bool date1904);

}  // namespace migcheck
