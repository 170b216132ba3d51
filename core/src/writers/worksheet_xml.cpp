// Writing one worksheet: its cells, merges, columns, validations, and the
// escaping of its text.
#include "writers/worksheet_xml.hpp"

#include <cmath>

#include "migcheck/json_writer.hpp"
#include "migcheck/workbook.hpp"
#include "util/text.hpp"

namespace migcheck::xlsx {

static void append_hex_escape(std::string& out, std::uint32_t cp) {
  static const char* const kHex = "0123456789ABCDEF";
  out += "_x";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 0xF]);
  out.push_back('_');
}

static bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Element text (ST_Xstring): &, <, > as entities; characters XML cannot
// hold, and carriage returns, as _xHHHH_; a literal "_xHHHH_" keeps its
// underscore as _x005F_ so that readers do not decode it.
void append_text(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const std::uint32_t cp = util::next_code_point(s, i);
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '_':
        if (start + 6 < s.size() && s[start + 1] == 'x' && is_hex(s[start + 2]) && is_hex(s[start + 3]) &&
            is_hex(s[start + 4]) && is_hex(s[start + 5]) && s[start + 6] == '_') {
          append_hex_escape(out, '_');
          continue;
        }
        break;
      default: break;
    }
    if (cp == 0xD || !util::is_xml_char(cp)) {
      append_hex_escape(out, cp);
    } else if (cp == 0xFFFD) {
      util::append_utf8(out, 0xFFFD);  // also for an invalid byte
    } else {
      out.append(s.data() + start, i - start);
    }
  }
}

// Attribute values: as text, with quotes and whitespace as character
// references; characters XML cannot hold become U+FFFD.
void append_attribute(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const std::uint32_t cp = util::next_code_point(s, i);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (!util::is_xml_char(cp) || cp == 0xFFFD) util::append_utf8(out, 0xFFFD);  // also for an invalid byte
        else
          out.append(s.data() + start, i - start);
    }
  }
}

std::size_t utf16_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) n += util::next_code_point(s, i) >= 0x10000 ? 2 : 1;
  return n;
}

bool needs_preserve(std::string_view s) {
  if (s.empty()) return false;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return space(s.front()) || space(s.back()) || s.find_first_of("\t\n\r") != std::string_view::npos ||
         s.find("  ") != std::string_view::npos;
}

static std::string cell_ref(std::uint32_t row, std::uint32_t column) { return a1(row, column); }

std::string absolute_ref(std::uint32_t row, std::uint32_t column) {
  std::string out = "$";
  append_column_name(out, column);
  out += "$" + std::to_string(row + 1);
  return out;
}

static void append_width(std::string& out, double width) {
  // Two decimals are plenty, and print the same everywhere.
  const long hundredths = std::lround(width * 100);
  out += std::to_string(hundredths / 100);
  if (hundredths % 100) {
    out.push_back('.');
    const long frac = hundredths % 100;
    out.push_back(static_cast<char>('0' + frac / 10));
    if (frac % 10) out.push_back(static_cast<char>('0' + frac % 10));
  }
}

Diagnostic bad(std::string message, std::string sheet, std::string cell) {
  Location where;
  where.sheet = sheet;
  where.cell = cell;
  std::vector<std::pair<std::string, std::string>> params;
  if (!sheet.empty()) params.emplace_back("sheet", sheet);
  if (!cell.empty()) params.emplace_back("cell", cell);
  return make_error(ErrorCode::xlsx_bad_reference, std::move(message), std::move(where), std::move(params));
}

Result<std::string> worksheet_xml(const SheetSpec& sheet, bool selected, StringTable& strings) {
  std::string out(kDeclaration);
  out += "<worksheet xmlns=\"";
  out += kMainNs;
  out += "\" xmlns:r=\"";
  out += kRelNs;
  out += "\">";
  // The used range.
  std::uint32_t last_row = 0, last_column = 0;
  for (const auto& [at, cell] : sheet.cells) {
    last_row = std::max(last_row, at.first);
    last_column = std::max(last_column, at.second);
  }
  out += "<dimension ref=\"A1";
  if (!sheet.cells.empty() && (last_row > 0 || last_column > 0)) out += ":" + cell_ref(last_row, last_column);
  out += "\"/>";

  out += "<sheetViews><sheetView workbookViewId=\"0\"";
  if (selected) out += " tabSelected=\"1\"";
  if (sheet.right_to_left) out += " rightToLeft=\"1\"";
  if (sheet.frozen_rows > 0 && sheet.frozen_rows < kMaxRows) {
    const std::string top_left = cell_ref(sheet.frozen_rows, 0);
    out += "><pane ySplit=\"" + std::to_string(sheet.frozen_rows) + "\" topLeftCell=\"" + top_left +
           "\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"" + top_left +
           "\" sqref=\"" + top_left + "\"/></sheetView>";
  } else {
    out += "/>";
  }
  out += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";

  if (!sheet.columns.empty()) {
    out += "<cols>";
    for (const auto& [column, spec] : sheet.columns) {
      if (column >= kMaxColumns) return bad("Column " + std::to_string(column + 1) + " is beyond Excel's grid.", sheet.name);
      const std::string n = std::to_string(column + 1);
      out += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"";
      append_width(out, spec.width > 0 ? std::min(spec.width, 255.0) : 8.43);
      out += "\"";
      if (spec.width > 0) out += " customWidth=\"1\"";
      if (spec.style != CellStyle::normal) out += " style=\"" + std::to_string(static_cast<int>(spec.style)) + "\"";
      out += "/>";
    }
    out += "</cols>";
  }

  out += "<sheetData>";
  std::uint32_t open_row = UINT32_MAX;
  for (const auto& [at, cell] : sheet.cells) {
    const auto [row, column] = at;
    if (row >= kMaxRows || column >= kMaxColumns)
      return bad("Cell (row " + std::to_string(row + 1) + ", column " + std::to_string(column + 1) +
                     ") is beyond Excel's grid.",
                 sheet.name);
    if (row != open_row) {
      if (open_row != UINT32_MAX) out += "</row>";
      out += "<row r=\"" + std::to_string(row + 1) + "\">";
      open_row = row;
    }
    const std::string ref = cell_ref(row, column);
    out += "<c r=\"" + ref + "\"";
    if (cell.style != CellStyle::normal) out += " s=\"" + std::to_string(static_cast<int>(cell.style)) + "\"";
    if (cell.is_text) {
      if (utf16_length(cell.text) > kMaxCellText) {
        Location where;
        where.sheet = sheet.name;
        where.cell = ref;
        return make_error(ErrorCode::xlsx_text_too_long,
                          "The text of cell " + ref + " of sheet \"" + sheet.name + "\" is longer than " +
                              std::to_string(kMaxCellText) + " characters, Excel's limit.",
                          where, {{"sheet", sheet.name}, {"cell", ref}, {"limit", std::to_string(kMaxCellText)}});
      }
      out += " t=\"s\"><v>" + std::to_string(strings.index(cell.text)) + "</v></c>";
    } else if (std::isfinite(cell.number)) {
      out += "><v>";
      util::append_json_number(out, cell.number);
      out += "</v></c>";
    } else {
      out += " t=\"e\"><v>#NUM!</v></c>";
    }
  }
  if (open_row != UINT32_MAX) out += "</row>";
  out += "</sheetData>";

  if (!sheet.validations.empty()) {
    out += "<dataValidations count=\"" + std::to_string(sheet.validations.size()) + "\">";
    for (const ListValidation& v : sheet.validations) {
      if (v.first_row > v.last_row || v.first_column > v.last_column || v.last_row >= kMaxRows ||
          v.last_column >= kMaxColumns)
        return bad("A list validation of sheet \"" + sheet.name + "\" is not a range of Excel's grid.", sheet.name);
      std::string sqref = cell_ref(v.first_row, v.first_column);
      if (v.last_row != v.first_row || v.last_column != v.first_column) sqref += ":" + cell_ref(v.last_row, v.last_column);
      out += "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"0\" sqref=\"" +
             sqref + "\"><formula1>";
      append_attribute(out, v.source);  // a formula, not ST_Xstring: no _xHHHH_ escapes
      out += "</formula1></dataValidation>";
    }
    out += "</dataValidations>";
  }
  out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";
  out += "</worksheet>";
  return out;
}

}  // namespace migcheck::xlsx
