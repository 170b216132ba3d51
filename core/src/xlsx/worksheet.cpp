// The hot path: a worksheet's <sheetData> into sparse 16-byte cells.
#include <algorithm>
#include <cstdlib>

#include "readers/cell_budget.hpp"
#include "util/text.hpp"
#include "xlsx/parts.hpp"

namespace migcheck::xlsx {

using Token = io::XmlScanner::Token;

bool parse_cell_reference(std::string_view ref, std::uint32_t& row, std::uint32_t& column,
                          const Limits& limits) noexcept {
  std::size_t i = 0;
  std::uint32_t col = 0;
  while (i < ref.size() && i < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > limits.max_columns) return false;
  std::uint32_t r = 0;
  const std::size_t digits_begin = i;
  while (i < ref.size() && i - digits_begin < 8) {
    const unsigned d = static_cast<unsigned char>(ref[i]) - '0';
    if (d > 9) return false;
    r = r * 10 + d;
    ++i;
  }
  if (i != ref.size() || i == digits_begin || r == 0 || r > limits.max_rows) return false;
  row = r - 1;
  column = col - 1;
  return true;
}

namespace {

bool parse_range(std::string_view ref, CellRange& range, const Limits& limits) {
  const auto colon = ref.find(':');
  std::uint32_t r1, c1, r2, c2;
  if (colon == std::string_view::npos) {
    if (!parse_cell_reference(ref, r1, c1, limits)) return false;
    r2 = r1, c2 = c1;
  } else if (!parse_cell_reference(ref.substr(0, colon), r1, c1, limits) ||
             !parse_cell_reference(ref.substr(colon + 1), r2, c2, limits)) {
    return false;
  }
  range.first_row = std::min(r1, r2);
  range.last_row = std::max(r1, r2);
  range.first_column = static_cast<std::uint16_t>(std::min(c1, c2));
  range.last_column = static_cast<std::uint16_t>(std::max(c1, c2));
  return true;
}

// A number or an index in <v> may have white space around it (the schema's
// types collapse it): " 1 " is 1, as openpyxl and Excel read it.
std::string_view xml_space_trimmed(std::string_view s) noexcept {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::uint32_t parse_index(std::string_view s, bool& ok) noexcept {
  std::uint64_t v = 0;
  ok = !s.empty() && s.size() <= 10;
  for (char c : s) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) {
      ok = false;
      break;
    }
    v = v * 10 + d;
  }
  if (v > 0xFFFFFFFFu) ok = false;
  return static_cast<std::uint32_t>(v);
}

// Days since 1899-12-30 of an ISO date "YYYY-MM-DD[THH:MM[:SS]]", or the fraction of a
// day of a time alone "[T]HH:MM[:SS]" (t="d" cells; Excel writes a time alone as 0.xxx).
bool iso_to_serial(std::string_view s, bool date1904, double& serial) {
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    out = 0;
    for (std::size_t k = at; k < at + len; ++k) {
      if (k >= s.size() || s[k] < '0' || s[k] > '9') return false;
      out = out * 10 + (s[k] - '0');
    }
    return true;
  };
  auto time_of_day = [&](std::size_t at, double& fraction) {  // HH:MM[:SS], the rest (.fff, zone) ignored
    int hh, mm, ss = 0;
    if (s.size() < at + 5 || s[at + 2] != ':' || !num(at, 2, hh) || !num(at + 3, 2, mm)) return false;
    if (s.size() >= at + 8 && s[at + 5] == ':' && !num(at + 6, 2, ss)) return false;
    if (hh > 24 || mm > 59 || ss > 60) return false;
    fraction = (hh * 3600 + mm * 60 + ss) / 86400.0;
    return true;
  };
  const std::size_t time_at = !s.empty() && s[0] == 'T' ? 1 : 0;
  if (s.size() >= time_at + 5 && s[time_at + 2] == ':') return time_of_day(time_at, serial);
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  int y, m, d;
  double fraction = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) return false;
  if (s.size() >= 16 && s[10] == 'T' && !time_of_day(11, fraction)) return false;
  // days_from_civil (Howard Hinnant)
  const int yy = y - (m <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days = static_cast<long long>(era) * 146097 + doe - 719468;
  double base = date1904 ? static_cast<double>(days + 24107) : static_cast<double>(days + 25569);
  if (!date1904 && base < 61) base -= 1;  // before Excel's phantom 1900-02-29
  serial = base + fraction;
  return true;
}

constexpr std::size_t kProgressStep = 256 * 1024;

class WorksheetReader {
 public:
  WorksheetReader(std::string_view xml, Sheet& sheet, Workbook& workbook, const WorksheetContext& ctx)
      : xml_(xml, sheet.part, ctx.limits->max_xml_depth),
        xml_size_(xml.size()),
        sheet_(sheet),
        workbook_(workbook),
        ctx_(ctx) {}

  Status run();

 private:
  Status read_cell();
  Status read_merge_cell();
  // variant: "" for a cell or merged range reference, "row" for a row number,
  // "implicit" for a cell without reference beyond the last column.
  Diagnostic bad_reference(std::string_view ref, std::string_view variant = {}) const;
  Status check_text_length(std::string_view text, std::uint32_t row, std::uint32_t column) const;

  io::XmlScanner xml_;
  std::size_t xml_size_;
  Sheet& sheet_;
  Workbook& workbook_;
  const WorksheetContext& ctx_;
  std::string scratch_, text_;
  std::uint32_t row_ = 0;          // current row (0-based)
  std::uint32_t next_column_ = 0;  // column of a cell without r=
  bool sorted_ = true;
  bool seen_row_ = false;
  std::size_t formula_warnings_ = 0;
  std::size_t next_progress_ = kProgressStep;
};

Diagnostic WorksheetReader::bad_reference(std::string_view ref, std::string_view variant) const {
  const std::string shown(ref.substr(0, 32));
  const std::string rows = std::to_string(ctx_.limits->max_rows), columns = std::to_string(ctx_.limits->max_columns);
  io::XmlScanner::Params params = {{"max_rows", rows}, {"max_columns", columns}};
  if (variant != "implicit") params.insert(params.begin(), {"reference", shown});
  Diagnostic d = xml_.error_at(ErrorCode::xlsx_bad_reference,
                               "Cell reference \"" + shown + "\" is malformed or outside the sheet's grid (" + rows +
                                   " rows x " + columns + " columns)",
                               xml_.offset(), variant, std::move(params));
  d.where.sheet = sheet_.name;
  return d;
}

Status WorksheetReader::check_text_length(std::string_view text, std::uint32_t row,
                                          std::uint32_t column) const {
  if (!util::longer_than(text, ctx_.limits->max_cell_text)) return ok_status();
  const std::string cell = a1(row, column), length = std::to_string(util::utf8_length(text)),
                    limit = std::to_string(ctx_.limits->max_cell_text);
  Diagnostic d = xml_.error_at(ErrorCode::xlsx_text_too_long,
                               "Cell " + cell + " holds " + length + " characters; a cell holds at most " + limit,
                               xml_.offset(), {}, {{"limit", limit}, {"value", length}, {"cell", cell}});
  d.where.sheet = sheet_.name;
  d.where.cell = cell;
  return d;
}

Status WorksheetReader::run() {
  // A cell takes at least 22 bytes of XML (<c r="A1"><v>1</v></c>), so this
  // never regrows; capacity that is never touched costs no physical memory.
  sheet_.cells.reserve(xml_size_ / 22);
  for (;;) {
    const auto t = xml_.next();
    if (t == Token::eof) break;
    if (t == Token::error) {
      Diagnostic d = xml_.error();
      d.where.sheet = sheet_.name;
      return d;
    }
    if (t != Token::start) continue;
    const auto name = xml_.local_name();
    if (name == "c") {
      MIGCHECK_TRY(read_cell());
    } else if (name == "row") {
      const auto r = xml_.attribute("r");
      if (!r.empty()) {
        bool ok;
        const std::uint32_t n = parse_index(r, ok);
        if (!ok || n == 0 || n > ctx_.limits->max_rows) return bad_reference(r, "row");
        row_ = n - 1;
      } else if (!seen_row_) {
        row_ = 0;
      } else {
        // An implicit row number obeys the grid as an explicit one does.
        if (row_ + 1 >= ctx_.limits->max_rows) return bad_reference(std::to_string(std::uint64_t{row_} + 2), "row");
        ++row_;
      }
      seen_row_ = true;
      next_column_ = 0;
      if (ctx_.progress && xml_.offset() >= next_progress_) {
        (*ctx_.progress)(ctx_.progress_base + xml_.offset(), ctx_.progress_total);
        next_progress_ = xml_.offset() + kProgressStep;
      }
    } else if (name == "mergeCell") {
      MIGCHECK_TRY(read_merge_cell());
    } else if (name == "dimension") {
      sheet_.dimension = std::string(xml_.attribute("ref").substr(0, 32));
    }
  }
  if (!sorted_) {
    std::stable_sort(sheet_.cells.begin(), sheet_.cells.end(), [](const Cell& a, const Cell& b) {
      return a.row < b.row || (a.row == b.row && a.column < b.column);
    });
    // A cell written twice keeps its last value.
    std::vector<Cell> unique;
    unique.reserve(sheet_.cells.size());
    for (const Cell& c : sheet_.cells) {
      if (!unique.empty() && unique.back().row == c.row && unique.back().column == c.column) unique.back() = c;
      else unique.push_back(c);
    }
    sheet_.cells.swap(unique);
  }
  for (const Cell& c : sheet_.cells)
    sheet_.column_count = std::max<std::uint32_t>(sheet_.column_count, c.column + 1u);
  sheet_.row_count = sheet_.cells.empty() ? 0 : sheet_.cells.back().row + 1;
  if (formula_warnings_ > 100) {
    Diagnostic d;
    d.code = ErrorCode::xlsx_formula_without_value;
    d.severity = Severity::warning;
    d.message = std::to_string(formula_warnings_ - 100) +
                " more formulas without a saved value on this sheet were not listed";
    d.where.part = sheet_.part;
    d.where.sheet = sheet_.name;
    d.params = {{"count", std::to_string(formula_warnings_ - 100)}};
    d.variant = "more";
    workbook_.diagnostics.push_back(std::move(d));
  }
  return ok_status();
}

Status WorksheetReader::read_cell() {
  std::string_view ref, type;
  std::uint32_t style = 0;
  for (const auto& a : xml_.attributes()) {
    const auto n = a.name;
    if (n == "r") ref = a.raw_value;
    else if (n == "t") type = a.raw_value;
    else if (n == "s") {
      bool ok;
      style = parse_index(a.raw_value, ok);
    }
  }
  std::uint32_t row = row_, column = next_column_;
  if (!ref.empty() && !parse_cell_reference(ref, row, column, *ctx_.limits)) return bad_reference(ref);
  if (column >= ctx_.limits->max_columns)
    return ref.empty() ? bad_reference("(implicit)", "implicit") : bad_reference(ref);
  row_ = row;
  next_column_ = column + 1;
  if (xml_.self_closing()) return ok_status();  // styled but empty

  // Contents: <v>, <f>, <is>; the value view stays valid until the next token
  // unless it was decoded into scratch_.
  std::string_view value;
  bool has_value = false, has_formula = false, inline_text = false;
  const std::size_t base = xml_.depth() - 1;
  for (;;) {
    const auto t = xml_.next();
    if (t == Token::error || t == Token::eof) return xml_.error();
    if (t == Token::end) {
      if (xml_.depth() == base) break;
      continue;
    }
    if (t != Token::start) continue;
    const auto name = xml_.local_name();
    if (name == "v") {
      auto v = xml_.element_text(scratch_);
      if (!v) return std::move(v).error();
      value = v.value();
      has_value = true;
    } else if (name == "f") {
      has_formula = true;
      MIGCHECK_TRY(xml_.skip_element());
    } else if (name == "is") {
      text_.clear();
      MIGCHECK_TRY(append_rich_text(xml_, text_, scratch_));
      inline_text = true;
    } else {
      MIGCHECK_TRY(xml_.skip_element());
    }
  }

  Cell cell;
  cell.row = row;
  cell.column = static_cast<std::uint16_t>(column);
  cell.flags = has_formula ? cell_has_formula : 0;
  cell.number = 0;
  if (inline_text || type == "inlineStr") {
    if (!inline_text) return ok_status();
    MIGCHECK_TRY(check_text_length(text_, row, column));
    cell.kind = CellKind::text;
    cell.text = workbook_.add_text(text_);
  } else if (!has_value || (value.empty() && type != "str")) {
    // openpyxl writes formulas with an empty <v></v>: no saved value either.
    if (has_formula) {
      ++formula_warnings_;
      if (formula_warnings_ <= 100) {
        Diagnostic d;
        d.code = ErrorCode::xlsx_formula_without_value;
        d.severity = Severity::warning;
        d.message = "Cell " + a1(row, column) +
                    " holds a formula without a saved value; migcheck never evaluates formulas. "
                    "Open and save the file in a spreadsheet program so the value is stored.";
        d.where.part = sheet_.part;
        d.where.sheet = sheet_.name;
        d.where.cell = a1(row, column);
        d.params = {{"cell", d.where.cell}};
        workbook_.diagnostics.push_back(std::move(d));
      }
    }
    return ok_status();
  } else if (type.empty() || type == "n") {
    double number;
    if (util::parse_number(xml_space_trimmed(value), number)) {
      cell.kind = style < ctx_.date_styles->size() && (*ctx_.date_styles)[style] ? CellKind::date
                                                                                : CellKind::number;
      cell.number = number;
    } else {
      if (value.empty()) return ok_status();
      MIGCHECK_TRY(check_text_length(value, row, column));
      cell.kind = CellKind::text;
      cell.text = workbook_.add_text(value);
    }
  } else if (type == "s") {
    bool ok;
    const std::uint32_t index = parse_index(xml_space_trimmed(value), ok);
    if (!ok || index >= ctx_.shared_strings->size()) {
      const std::string cell = a1(row, column), shown(value.substr(0, 16)),
                        count = std::to_string(ctx_.shared_strings->size());
      Diagnostic d = xml_.error_at(ErrorCode::xlsx_shared_string_out_of_range,
                                   "Cell " + cell + " refers to shared string " + shown +
                                       ", but the workbook has only " + count,
                                   xml_.offset(), {}, {{"cell", cell}, {"index", shown}, {"count", count}});
      d.where.sheet = sheet_.name;
      d.where.cell = a1(row, column);
      return d;
    }
    cell.kind = CellKind::text;
    cell.text = (*ctx_.shared_strings)[index];
  } else if (type == "str" || type == "e") {
    MIGCHECK_TRY(check_text_length(value, row, column));
    cell.kind = type == "e" ? CellKind::error : CellKind::text;
    if (util::has_ooxml_escape(value)) {
      text_.clear();
      util::append_unescaped_ooxml(text_, value);
      cell.text = workbook_.add_text(text_);
    } else {
      cell.text = workbook_.add_text(value);
    }
  } else if (type == "b") {
    cell.kind = CellKind::boolean;
    cell.number = (value == "1" || value == "true") ? 1 : 0;
  } else if (type == "d") {
    double serial;
    if (iso_to_serial(value, workbook_.date1904, serial)) {
      cell.kind = CellKind::date;
      cell.number = serial;
    } else {
      cell.kind = CellKind::text;
      cell.text = workbook_.add_text(value);
    }
  } else {
    Diagnostic d;
    d.code = ErrorCode::xlsx_unknown_cell_type;
    d.severity = Severity::warning;
    d.message = "Cell " + a1(row, column) + " has unknown type \"" + std::string(type.substr(0, 16)) +
                "\"; its value is read as text";
    d.where.part = sheet_.part;
    d.where.sheet = sheet_.name;
    d.where.cell = a1(row, column);
    d.params = {{"cell", d.where.cell}, {"type", std::string(type.substr(0, 16))}};
    workbook_.diagnostics.push_back(std::move(d));
    cell.kind = CellKind::text;
    cell.text = workbook_.add_text(value);
  }
  if (!readers::cell_fits(workbook_.stats.cells + sheet_.cells.size(), *ctx_.limits)) {
    Location where;
    where.part = sheet_.part;
    where.cell = a1(row, column);
    return readers::too_many_cells(*ctx_.limits, sheet_.name, std::move(where));
  }
  if (!sheet_.cells.empty()) {
    const Cell& last = sheet_.cells.back();
    if (row < last.row || (row == last.row && column <= last.column)) sorted_ = false;
  }
  sheet_.cells.push_back(cell);
  return ok_status();
}

Status WorksheetReader::read_merge_cell() {
  const auto ref = xml_.attribute("ref");
  CellRange range;
  if (!parse_range(ref, range, *ctx_.limits)) return bad_reference(ref);
  sheet_.merged.push_back(range);
  return ok_status();
}

}  // namespace

Status read_worksheet(std::string_view xml, Sheet& sheet, Workbook& workbook, const WorksheetContext& context) {
  WorksheetReader reader(xml, sheet, workbook, context);
  return reader.run();
}

}  // namespace migcheck::xlsx
