#include "writers/xlsx_writer.hpp"

#include <cmath>
#include <unordered_map>

#include "io/zip_writer.hpp"
#include "migcheck/workbook.hpp"
#include "migcheck/json_writer.hpp"
#include "util/text.hpp"

namespace migcheck::xlsx {
namespace {

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

void append_hex_escape(std::string& out, std::uint32_t cp) {
  static const char* const kHex = "0123456789ABCDEF";
  out += "_x";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 0xF]);
  out.push_back('_');
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

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

std::string cell_ref(std::uint32_t row, std::uint32_t column) { return a1(row, column); }

std::string absolute_ref(std::uint32_t row, std::uint32_t column) {
  std::string out = "$";
  append_column_name(out, column);
  out += "$" + std::to_string(row + 1);
  return out;
}

void append_width(std::string& out, double width) {
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

Diagnostic bad(std::string message, std::string sheet = {}, std::string cell = {}) {
  Location where;
  where.sheet = sheet;
  where.cell = cell;
  std::vector<std::pair<std::string, std::string>> params;
  if (!sheet.empty()) params.emplace_back("sheet", sheet);
  if (!cell.empty()) params.emplace_back("cell", cell);
  return make_error(ErrorCode::xlsx_bad_reference, std::move(message), std::move(where), std::move(params));
}

// Shared strings in order of first use.
class StringTable {
 public:
  std::uint32_t index(const std::string& s) {
    ++references_;
    auto [it, inserted] = index_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
    if (inserted) strings_.push_back(&it->first);
    return it->second;
  }
  std::string xml() const {
    std::string out(kDeclaration);
    out += "<sst xmlns=\"";
    out += kMainNs;
    out += "\" count=\"" + std::to_string(references_) + "\" uniqueCount=\"" + std::to_string(strings_.size()) + "\">";
    for (const std::string* s : strings_) {
      out += needs_preserve(*s) ? "<si><t xml:space=\"preserve\">" : "<si><t>";
      append_text(out, *s);
      out += "</t></si>";
    }
    out += "</sst>";
    return out;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<const std::string*> strings_;
  std::uint64_t references_ = 0;
};

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

// Fonts: 0 normal, 1 bold, 2 bold and larger. Fills: 0 and 1 as the format
// requires, 2 a light grey for headers. Cell formats follow CellStyle.
std::string styles_xml() {
  std::string out(kDeclaration);
  out += "<styleSheet xmlns=\"";
  out += kMainNs;
  out += "\">"
         "<fonts count=\"3\">"
         "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "<font><b/><sz val=\"13\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "</fonts>"
         "<fills count=\"3\">"
         "<fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill>"
         "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill>"
         "</fills>"
         "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
         "<cellXfs count=\"4\">"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
         "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
         "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
         "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
         "</cellXfs>"
         "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
         "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
         "</styleSheet>";
  return out;
}

}  // namespace

bool valid_sheet_name(std::string_view name) noexcept {
  if (name.empty() || name.front() == '\'' || name.back() == '\'' || util::iequals(name, "History")) return false;
  for (std::size_t i = 0; i < name.size();) {
    const std::uint32_t cp = util::next_code_point(name, i);
    if (cp < 0x20 || cp == 0xFFFD || cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' || cp == '/' ||
        cp == '\\' || !util::is_xml_char(cp))
      return false;
  }
  return utf16_length(name) <= kMaxSheetName;
}

std::string safe_sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
  // Keep whole code points, replace what Excel forbids, cut at 31 UTF-16 units.
  auto clean = [](std::string_view s, std::size_t max_units) {
    std::string out;
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      std::uint32_t cp = util::next_code_point(s, i);
      const bool bad_char = cp < 0x20 || cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' ||
                            cp == '/' || cp == '\\' || cp == 0xFFFD || !util::is_xml_char(cp);
      const std::size_t w = cp >= 0x10000 ? 2 : 1;
      if (units + w > max_units) break;
      units += w;
      if (bad_char) out.push_back('_');
      else out.append(s.data() + start, i - start);
    }
    while (!out.empty() && out.front() == '\'') out.front() = '_';
    while (!out.empty() && out.back() == '\'') out.back() = '_';
    return out;
  };
  auto is_taken = [&](const std::string& name) {
    if (util::iequals(name, "History")) return true;
    for (const auto& t : taken)
      if (util::iequals(t, name)) return true;
    return false;
  };
  std::string base = clean(wanted, kMaxSheetName);
  if (base.empty()) base = "Sheet";
  if (!is_taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    std::string candidate = clean(base, kMaxSheetName - suffix.size()) + suffix;
    if (!is_taken(candidate)) return candidate;
  }
}

std::string range_reference(std::string_view sheet, std::uint32_t first_row, std::uint32_t first_column,
                            std::uint32_t last_row, std::uint32_t last_column) {
  std::string out = "'";
  for (char c : sheet) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out += "'!" + absolute_ref(first_row, first_column);
  if (last_row != first_row || last_column != first_column) out += ":" + absolute_ref(last_row, last_column);
  return out;
}

Result<std::string> write_xlsx(const WorkbookSpec& workbook) {
  if (workbook.sheets.empty())
    return make_error(ErrorCode::xlsx_no_sheets, "A workbook needs at least one sheet.");
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const std::string& name = workbook.sheets[i].name;
    if (!valid_sheet_name(name)) return bad("\"" + name + "\" is not a valid sheet name.", name);
    for (std::size_t k = 0; k < i; ++k)
      if (util::iequals(workbook.sheets[k].name, name)) return bad("Two sheets are named \"" + name + "\".", name);
  }

  StringTable strings;
  std::vector<std::string> sheets;
  sheets.reserve(workbook.sheets.size());
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    auto xml = worksheet_xml(workbook.sheets[i], i == 0, strings);
    if (!xml) return std::move(xml).error();
    sheets.push_back(std::move(xml).value());
  }
  const std::size_t n = workbook.sheets.size();

  std::string types(kDeclaration);
  types +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t i = 0; i < n; ++i)
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  types +=
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
      "</Types>";

  std::string root_rels(kDeclaration);
  root_rels += "<Relationships xmlns=\"";
  root_rels += kPackageRelNs;
  root_rels += "\"><Relationship Id=\"rId1\" Type=\"";
  root_rels += kRelType;
  root_rels += "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

  std::string wb(kDeclaration);
  wb += "<workbook xmlns=\"";
  wb += kMainNs;
  wb += "\" xmlns:r=\"";
  wb += kRelNs;
  wb += "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>";
  for (std::size_t i = 0; i < n; ++i) {
    wb += "<sheet name=\"";
    append_attribute(wb, workbook.sheets[i].name);
    wb += "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  wb += "</sheets></workbook>";

  std::string wb_rels(kDeclaration);
  wb_rels += "<Relationships xmlns=\"";
  wb_rels += kPackageRelNs;
  wb_rels += "\">";
  for (std::size_t i = 0; i < n; ++i) {
    wb_rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"";
    wb_rels += kRelType;
    wb_rels += "worksheet\" Target=\"worksheets/sheet" + std::to_string(i + 1) + ".xml\"/>";
  }
  wb_rels += "<Relationship Id=\"rId" + std::to_string(n + 1) + "\" Type=\"";
  wb_rels += kRelType;
  wb_rels += "styles\" Target=\"styles.xml\"/>";
  wb_rels += "<Relationship Id=\"rId" + std::to_string(n + 2) + "\" Type=\"";
  wb_rels += kRelType;
  wb_rels += "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";

  io::ZipWriter zip;
  MIGCHECK_TRY(zip.add("[Content_Types].xml", types));
  MIGCHECK_TRY(zip.add("_rels/.rels", root_rels));
  MIGCHECK_TRY(zip.add("xl/workbook.xml", wb));
  MIGCHECK_TRY(zip.add("xl/_rels/workbook.xml.rels", wb_rels));
  MIGCHECK_TRY(zip.add("xl/styles.xml", styles_xml()));
  MIGCHECK_TRY(zip.add("xl/sharedStrings.xml", strings.xml()));
  for (std::size_t i = 0; i < n; ++i)
    MIGCHECK_TRY(zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheets[i]));
  return zip.finish();
}

}  // namespace migcheck::xlsx
