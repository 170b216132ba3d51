#include "recognition/sheet_context.hpp"

#include "migcheck/json_writer.hpp"
#include "util/text.hpp"

namespace migcheck::recognition {

std::string cell_text(const Workbook& wb, const Cell* c) {
  if (!c) return {};
  switch (c->kind) {
    case CellKind::text:
    case CellKind::error: return std::string(wb.text(*c));
    case CellKind::boolean: return c->number != 0 ? "TRUE" : "FALSE";
    case CellKind::date: return date_serial_to_iso(c->number, wb.date1904);
    case CellKind::number: {
      std::string s;
      util::append_json_number(s, c->number);
      return s;
    }
  }
  return {};
}

void Context::finding(std::string key, Severity severity, int level, std::string sheet, std::string cell,
                      std::vector<std::pair<std::string, std::string>> params, std::string table,
                      std::vector<std::string> related, std::string message_key) {
  Finding f;
  f.rule = key;
  if (!message_key.empty()) key = std::move(message_key);
  f.severity = severity;
  f.level = level;
  f.file = workbook.file_name;
  f.table = std::move(table);
  f.sheet = std::move(sheet);
  f.cell = std::move(cell);
  f.related_cells = std::move(related);
  f.message_key = key;
  util::clip_quoted_params(params);
  f.params = std::move(params);
  f.message = render_message(rulebook, options.language, f.message_key, f.params);
  out.findings.push_back(std::move(f));
}

const Cell* SheetView::at(std::uint32_t row, std::uint32_t column) const {
  if (const Cell* c = sheet_.find(row, column)) return c;
  for (const CellRange& m : sheet_.merged)
    if (row >= m.first_row && row <= m.last_row && column >= m.first_column && column <= m.last_column)
      return sheet_.find(m.first_row, m.first_column);
  return nullptr;
}

}  // namespace migcheck::recognition
