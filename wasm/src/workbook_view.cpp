#include "workbook_view.hpp"

#include <algorithm>

#include "migcheck/json_writer.hpp"

namespace migcheck_wasm {

WorkbookView::WorkbookView(std::string_view bytes, const std::string& file_name, bool browser_limits)
    : file_name_(file_name) {
  migcheck::ReadOptions options;
  if (browser_limits) options.limits = migcheck::Limits::browser();
  auto read = migcheck::read_workbook(bytes, file_name, options);
  if (read) workbook_ = std::move(read).value();
  else error_ = std::move(read).error();
}

std::string WorkbookView::error_json() const {
  return error_ ? migcheck::dump_error_json(file_name_, *error_) : std::string();
}

std::string WorkbookView::sheets_json() const {
  std::string out;
  migcheck::util::JsonWriter w(out);
  w.begin_array();
  if (workbook_) {
    for (const auto& s : workbook_->sheets) {
      w.begin_object();
      w.key("name").string(s.name);
      w.key("state").string(migcheck::sheet_state_name(s.state));
      w.key("rows").integer(s.row_count);
      w.key("columns").integer(s.column_count);
      w.key("cells").integer(s.cells.size());
      w.key("merged").begin_array();
      for (const auto& m : s.merged) w.string(migcheck::a1_range(m));
      w.end_array();
      w.end_object();
    }
  }
  w.end_array();
  return out;
}

std::string WorkbookView::rows_json(std::size_t sheet, std::uint32_t first_row, std::uint32_t last_row) const {
  std::string out;
  migcheck::util::JsonWriter w(out);
  w.begin_array();
  if (workbook_ && sheet < workbook_->sheets.size()) {
    const migcheck::Workbook& wb = *workbook_;
    const auto& cells = wb.sheets[sheet].cells;  // sorted by (row, column)
    auto it = std::lower_bound(cells.begin(), cells.end(), first_row,
                               [](const migcheck::Cell& c, std::uint32_t row) { return c.row < row; });
    for (; it != cells.end() && it->row <= last_row; ++it) {
      const migcheck::Cell& c = *it;
      w.begin_array();
      w.integer(c.row);
      w.integer(c.column);
      w.string(migcheck::cell_kind_name(c.kind));
      switch (c.kind) {
        case migcheck::CellKind::number: w.number(c.number); break;
        case migcheck::CellKind::boolean: w.boolean(c.number != 0); break;
        case migcheck::CellKind::text:
        case migcheck::CellKind::error: w.string(wb.text(c)); break;
        case migcheck::CellKind::date: w.string(migcheck::date_serial_to_iso(c.number, wb.date1904)); break;
      }
      w.boolean((c.flags & migcheck::cell_has_formula) != 0);
      w.end_array();
    }
  }
  w.end_array();
  return out;
}

}  // namespace migcheck_wasm
