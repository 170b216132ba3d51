// CSV as people save it: sniffed delimiter, RFC 4180 quoting, any line ending.
#include <algorithm>
#include <array>

#include "csv/encoding.hpp"
#include "migcheck/read.hpp"
#include "readers/cell_budget.hpp"
#include "util/text.hpp"

namespace migcheck {
namespace {

constexpr std::array<char, 4> kDelimiters = {',', ';', '\t', '|'};

// Per candidate, counts its occurrences outside quotes on each of the first
// lines; the delimiter whose most common non-zero count covers most lines
// wins (ties: the larger count, then the order above).
char sniff_delimiter(std::string_view text) {
  constexpr int kLines = 50;
  std::array<std::array<int, kLines>, kDelimiters.size()> counts{};
  int lines = 0;
  bool quoted = false;
  std::array<int, kDelimiters.size()> current{};
  bool line_has_content = false;
  for (std::size_t i = 0; i < text.size() && lines < kLines; ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
      line_has_content = true;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (line_has_content) {
        for (std::size_t d = 0; d < kDelimiters.size(); ++d) counts[d][lines] = current[d];
        ++lines;
      }
      current = {};
      line_has_content = false;
    } else {
      line_has_content = true;
      if (!quoted)
        for (std::size_t d = 0; d < kDelimiters.size(); ++d) current[d] += c == kDelimiters[d];
    }
  }
  if (line_has_content && lines < kLines) {
    for (std::size_t d = 0; d < kDelimiters.size(); ++d) counts[d][lines] = current[d];
    ++lines;
  }
  char best = ',';
  int best_lines = 0, best_count = 0;
  for (std::size_t d = 0; d < kDelimiters.size(); ++d) {
    std::array<int, kLines> sorted = counts[d];
    std::sort(sorted.begin(), sorted.begin() + lines);
    int mode = 0, mode_lines = 0;
    for (int i = 0; i < lines;) {
      int j = i;
      while (j < lines && sorted[j] == sorted[i]) ++j;
      if (sorted[i] > 0 && (j - i > mode_lines || (j - i == mode_lines && sorted[i] > mode)))
        mode = sorted[i], mode_lines = j - i;
      i = j;
    }
    if (mode_lines > best_lines || (mode_lines == best_lines && mode > best_count)) {
      best = kDelimiters[d];
      best_lines = mode_lines;
      best_count = mode;
    }
  }
  return best;
}

// A field is a number only when written the plain JSON way: "007", "1 234"
// and "1,5" stay text so that codes and national formats are never altered.
bool is_plain_number(std::string_view s, double& value) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i == s.size() && util::parse_number(s, value);
}

std::string sheet_name_of(std::string_view file_name) {
  const auto slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) file_name = file_name.substr(0, dot);
  return std::string(file_name);
}

constexpr std::size_t kProgressStep = 256 * 1024;

class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter, Workbook& workbook, Sheet& sheet, const Limits& limits,
            const ReadProgress& progress)
      : text_(text), delimiter_(delimiter), workbook_(workbook), sheet_(sheet), limits_(limits), progress_(progress) {}

  Status run() {
    const std::size_t n = text_.size();
    std::size_t i = 0;
    while (i < n) {
      // One field.
      const std::size_t field_start = i;
      std::string_view field;
      if (text_[i] == '"') {
        const std::uint32_t quote_line = line_;
        field_.clear();
        ++i;
        for (;;) {
          const std::size_t close = text_.find('"', i);
          if (close == std::string_view::npos) {
            Location where;
            where.line = quote_line;
            where.offset = field_start;
            where.cell = a1(row_, column_);
            return make_error(ErrorCode::csv_unterminated_quote,
                              "The quoted field that starts on line " + std::to_string(quote_line) +
                                  " (cell " + where.cell + ") is never closed.",
                              where, {{"line", std::to_string(quote_line)}});
          }
          const std::string_view piece = text_.substr(i, close - i);
          for (char c : piece) line_ += c == '\n';
          field_.append(piece);
          if (close + 1 < n && text_[close + 1] == '"') {
            field_.push_back('"');
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        // Characters between the closing quote and the delimiter are kept, as spreadsheets do.
        while (i < n && text_[i] != delimiter_ && text_[i] != '\n' && text_[i] != '\r') field_.push_back(text_[i++]);
        field = field_;
        MIGCHECK_TRY(add_field(field, true));
      } else {
        while (i < n && text_[i] != delimiter_ && text_[i] != '\n' && text_[i] != '\r') ++i;
        field = text_.substr(field_start, i - field_start);
        MIGCHECK_TRY(add_field(field, false));
      }
      if (i >= n) break;
      if (text_[i] == delimiter_) {
        ++i;
        ++column_;
        if (column_ >= limits_.max_csv_fields) return too_many_fields();
        if (i == n) break;
        continue;
      }
      // End of line: \n, \r\n or \r.
      if (text_[i] == '\r' && i + 1 < n && text_[i + 1] == '\n') ++i;
      ++i;
      ++line_;
      ++row_;
      column_ = 0;
      if (progress_ && i >= next_progress_) {
        progress_(i, n);
        next_progress_ = i + kProgressStep;
      }
      if (row_ >= limits_.max_rows && i < n) {
        Location where;
        where.line = line_;
        return make_error(ErrorCode::xlsx_bad_reference,
                          "The file has more than " + std::to_string(limits_.max_rows) +
                              " rows, the most a sheet can hold.",
                          where, {{"limit", std::to_string(limits_.max_rows)}, {"line", std::to_string(line_)}},
                          "too_many_rows");
      }
    }
    if (progress_) progress_(n, n);
    sheet_.row_count = sheet_.cells.empty() ? 0 : sheet_.cells.back().row + 1;
    for (const Cell& c : sheet_.cells)
      sheet_.column_count = std::max<std::uint32_t>(sheet_.column_count, c.column + 1u);
    return ok_status();
  }

 private:
  Status too_many_fields() const {
    Location where;
    where.line = line_;
    return make_error(ErrorCode::csv_too_many_fields,
                      "Line " + std::to_string(line_) + " has more than " +
                          std::to_string(limits_.max_csv_fields) + " fields.",
                      where, {{"limit", std::to_string(limits_.max_csv_fields)}, {"line", std::to_string(line_)}});
  }

  Status add_field(std::string_view field, bool quoted) {
    if (field.empty()) return ok_status();
    if (util::longer_than(field, limits_.max_cell_text)) {
      Location where;
      where.line = line_;
      where.cell = a1(row_, column_);
      const std::string length = std::to_string(util::utf8_length(field));
      return make_error(ErrorCode::csv_field_too_long,
                        "The field at line " + std::to_string(line_) + " (cell " + where.cell + ") has " + length +
                            " characters; at most " + std::to_string(limits_.max_cell_text) + " are allowed.",
                        where,
                        {{"limit", std::to_string(limits_.max_cell_text)},
                         {"line", std::to_string(line_)},
                         {"value", length},
                         {"cell", where.cell}});
    }
    if (!readers::cell_fits(sheet_.cells.size(), limits_)) {
      Location where;
      where.line = line_;
      where.cell = a1(row_, column_);
      return readers::too_many_cells(limits_, sheet_.name, std::move(where));
    }
    Cell cell;
    cell.row = row_;
    cell.column = static_cast<std::uint16_t>(column_);
    cell.flags = 0;
    double number;
    if (!quoted && is_plain_number(field, number)) {
      cell.kind = CellKind::number;
      cell.number = number;
    } else {
      cell.kind = CellKind::text;
      cell.text = workbook_.add_text(field, true);  // the whole text was decoded to valid UTF-8
    }
    sheet_.cells.push_back(cell);
    return ok_status();
  }

  std::string_view text_;
  char delimiter_;
  Workbook& workbook_;
  Sheet& sheet_;
  const Limits& limits_;
  std::string field_;
  std::uint32_t row_ = 0, column_ = 0, line_ = 1;
  const ReadProgress& progress_;
  std::size_t next_progress_ = kProgressStep;
};

}  // namespace

Result<Workbook> read_csv(std::string_view bytes, std::string_view file_name, const ReadOptions& options) {
  if (bytes.empty())
    return make_error(ErrorCode::file_empty, "The file is empty (0 bytes). Save the return again and re-send it.");
  auto decoded = csv::decode(bytes);
  if (!decoded) return std::move(decoded).error();
  const csv::DecodedText& text = decoded.value();

  Workbook workbook;
  workbook.file_name = util::valid_utf8(file_name);
  workbook.format = FileFormat::csv;
  workbook.csv.encoding = text.encoding;
  workbook.csv.delimiter = sniff_delimiter(text.text());
  workbook.stats.input_bytes = bytes.size();
  workbook.stats.sheet_xml_bytes = text.text().size();
  if (text.fell_back) {
    const bool arabic = std::string_view(text.encoding) == "windows-1256";
    Diagnostic d;
    d.code = arabic ? ErrorCode::csv_windows1256_fallback : ErrorCode::csv_windows1252_fallback;
    d.severity = Severity::info;
    d.message = "The file is not valid UTF-8 (first invalid byte at offset " +
                std::to_string(text.first_invalid_offset) +
                (arabic ? "); its letters make Arabic words, so it was read as Windows-1256 (Arabic). Check the names, "
                          "or save the file as UTF-8 CSV."
                        : "); it was read as Windows-1252. Check accented names, or save the file as UTF-8 CSV.");
    d.where.offset = text.first_invalid_offset;
    d.params = {{"offset", std::to_string(text.first_invalid_offset)}};
    workbook.diagnostics.push_back(std::move(d));
  }
  Sheet sheet;
  sheet.name = util::valid_utf8(sheet_name_of(file_name));
  sheet.part = std::string(file_name);
  workbook.arena().reserve(text.text().size());
  CsvParser parser(text.text(), workbook.csv.delimiter, workbook, sheet, options.limits, options.progress);
  MIGCHECK_TRY(parser.run());
  workbook.stats.cells = sheet.cells.size();
  workbook.sheets.push_back(std::move(sheet));
  return workbook;
}

}  // namespace migcheck
