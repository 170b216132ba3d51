#include "migcheck/workbook.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace migcheck {

const char* cell_kind_name(CellKind k) noexcept {
  switch (k) {
    case CellKind::number: return "number";
    case CellKind::text: return "text";
    case CellKind::boolean: return "boolean";
    case CellKind::error: return "error";
    case CellKind::date: return "date";
  }
  return "text";
}

const char* sheet_state_name(SheetState s) noexcept {
  switch (s) {
    case SheetState::visible: return "visible";
    case SheetState::hidden: return "hidden";
    case SheetState::very_hidden: return "veryHidden";
  }
  return "visible";
}

const char* file_format_name(FileFormat f) noexcept {
  return f == FileFormat::csv ? "csv" : "xlsx";
}

const Cell* Sheet::find(std::uint32_t row, std::uint32_t column) const noexcept {
  auto it = std::lower_bound(cells.begin(), cells.end(), std::make_pair(row, column),
                             [](const Cell& c, const std::pair<std::uint32_t, std::uint32_t>& key) {
                               return c.row < key.first || (c.row == key.first && c.column < key.second);
                             });
  if (it == cells.end() || it->row != row || it->column != column) return nullptr;
  return &*it;
}

const Sheet* Workbook::sheet(std::string_view name) const noexcept {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

TextRef Workbook::add_text(std::string_view s, bool valid) {
  // Every text of the model is valid UTF-8 (a stray 0xFF is U+FFFD), so that no output is invalid,
  // and native and wasm say the same.
  if (!valid && util::find_invalid_utf8(s) != std::string_view::npos) {
    const std::string valid = util::valid_utf8(s);
    TextRef ref{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(valid.size())};
    arena_ += valid;
    return ref;
  }
  TextRef ref{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(s.size())};
  arena_.append(s.data(), s.size());
  return ref;
}

void append_column_name(std::string& out, std::uint32_t column) {
  char buf[8];
  int n = 0;
  std::uint32_t c = column + 1;
  while (c > 0) {
    const std::uint32_t rem = (c - 1) % 26;
    buf[n++] = static_cast<char>('A' + rem);
    c = (c - 1) / 26;
  }
  while (n > 0) out.push_back(buf[--n]);
}

std::string a1(std::uint32_t row, std::uint32_t column) {
  std::string s;
  append_column_name(s, column);
  s += std::to_string(row + 1);
  return s;
}

std::string a1_range(const CellRange& r) {
  std::string s = a1(r.first_row, r.first_column);
  if (r.first_row != r.last_row || r.first_column != r.last_column) {
    s.push_back(':');
    s += a1(r.last_row, r.last_column);
  }
  return s;
}

namespace {
// Howard Hinnant's civil_from_days.
void civil_from_days(long long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long yy = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}
}  // namespace

std::string date_serial_to_iso(double serial, bool date1904) {
  if (!(serial >= 0) || serial > 2958466.0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", serial);
    return buf;
  }
  long long seconds_total = std::llround(serial * 86400.0);
  long long days = seconds_total / 86400;
  const long long seconds = seconds_total % 86400;
  char buf[40];
  if (days == 0 && seconds != 0) {  // a time of day alone, as Excel keeps one (0.5 is 12:00)
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    return buf;
  }
  int y;
  unsigned m, d;
  if (date1904) {
    // 1904-01-01 is day 0; days since 1970-01-01 of 1904-01-01 is -24107.
    civil_from_days(days - 24107, y, m, d);
  } else if (days == 60) {
    // Excel's phantom 1900-02-29 (kept for Lotus 1-2-3 compatibility).
    y = 1900, m = 2, d = 29;
  } else {
    // Serial 1 is 1900-01-01; after the phantom day, serials are one ahead.
    if (days < 60) days += 1;
    civil_from_days(days - 25569, y, m, d);
  }
  if (seconds == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld", y, m, d, seconds / 3600,
                  (seconds / 60) % 60, seconds % 60);
  return buf;
}

}  // namespace migcheck
