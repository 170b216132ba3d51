// The Metadata sheet (key/value rows) and the Sources sheet (a header row
// naming source fields, then one row per table).
#include "recognition/return_sheets.hpp"

#include <algorithm>

namespace migcheck::recognition {

FieldValue field_value(const Context& ctx, const SheetField& field, const std::string& text, const std::string& sheet,
                       std::string cell) {
  FieldValue v{field.id, text, "", sheet, std::move(cell)};
  if (field.kind == FieldKind::table) {
    if (const TableTemplate* t = ctx.matcher.table_by_name(text)) v.code = t->id;
  } else if (!field.codelist.empty()) {
    const CodeMatcher* codes = ctx.matcher.codes_of_list(field.codelist);
    if (const Code* code = codes ? codes->match(text) : nullptr) v.code = code->id;
  }
  return v;
}

// A cell's text; in a date field, a number of the spreadsheet's date range
// that is not formatted as a date (a date pasted as its value) is that date.
std::string field_text(const Workbook& wb, const SheetField& field, const Cell& c) {
  constexpr double kFirstSerial = 1, kLastSerial = 2958465;  // 1900-01-01 .. 9999-12-31
  if (field.kind == FieldKind::date && c.kind == CellKind::number && c.number >= kFirstSerial &&
      c.number <= kLastSerial && c.number == static_cast<double>(static_cast<long>(c.number)))
    return date_serial_to_iso(c.number, wb.date1904);
  return cell_text(wb, &c);
}

// Key/value rows: the first text that names a field, then the next non-empty cell.
void read_metadata(Context& ctx, const Sheet& sheet) {
  for (std::uint32_t i = 0; i < sheet.cells.size();) {
    const std::uint32_t row = sheet.cells[i].row;
    std::uint32_t end = i;
    while (end < sheet.cells.size() && sheet.cells[end].row == row) ++end;
    for (std::uint32_t k = i; k < end; ++k) {
      const SheetField* field = ctx.matcher.metadata_field(cell_text(ctx.workbook, &sheet.cells[k]));
      if (!field) continue;
      if (k + 1 == end) {  // named, its value left empty: the cell to fill
        ctx.out.metadata.push_back(field_value(ctx, *field, "", sheet.name, a1(row, sheet.cells[k].column + 1)));
        break;
      }
      const std::string value = cell_text(ctx.workbook, &sheet.cells[k + 1]);
      ctx.out.metadata.push_back(field_value(ctx, *field, value, sheet.name, a1(row, sheet.cells[k + 1].column)));
      if (field->kind == FieldKind::coded && ctx.country_dimension && field->codelist == ctx.country_dimension->codelist) {
        const CodeMatcher* codes = ctx.matcher.codes_of_list(field->codelist);
        const Code* code = codes ? codes->match(value) : nullptr;
        if (code) {
          ctx.out.reporting_country = code->id;
        } else {
          std::string suggestions;
          for (const auto& s : codes ? codes->suggestions(value, ctx.options.language) : std::vector<std::string>{})
            suggestions += (suggestions.empty() ? "" : ", ") + s;
          ctx.finding("label.unknown", Severity::error, {sheet.name, a1(row, sheet.cells[k + 1].column)},
                      {{"label", value},
                       {"cell", a1(row, sheet.cells[k + 1].column)},
                       {"dimension", field->id},
                       {"suggestions", suggestions}},
                      suggestions.empty() ? "label.unknown.no_suggestion" : "");
        }
      } else if (field->kind == FieldKind::time && ctx.out.reference_year.empty()) {
        ctx.out.reference_year = year_of(value);
      }
      break;
    }
    i = end;
  }
}

// A header row naming source fields, then one row per table.
void read_sources(Context& ctx, const Sheet& sheet) {
  std::vector<std::pair<std::uint32_t, const SheetField*>> columns;
  std::uint32_t header_row = UINT32_MAX;
  for (const Cell& c : sheet.cells) {
    if (header_row != UINT32_MAX && c.row != header_row) break;
    const SheetField* f = ctx.matcher.sources_field(cell_text(ctx.workbook, &c));
    if (!f) continue;
    header_row = c.row;
    columns.emplace_back(c.column, f);
  }
  if (header_row == UINT32_MAX) return;
  ctx.out.sources_sheet = sheet.name;
  for (const auto& [column, field] : columns) ctx.out.sources_fields.push_back(field->id);
  // Each row has every field the sheet has a column for; an empty cell is an
  // empty value at its cell, so that a check can point at the cell to fill.
  std::vector<FieldValue> current;
  std::uint32_t row = header_row;
  auto finish_row = [&] {
    if (current.empty()) return;
    for (const auto& [column, field] : columns) {
      const std::string& id = field->id;
      if (std::none_of(current.begin(), current.end(), [&](const FieldValue& v) { return v.field == id; }))
        current.push_back(FieldValue{id, "", "", sheet.name, a1(row, column)});
    }
    ctx.out.sources.push_back(std::move(current));
    current.clear();
  };
  for (const Cell& c : sheet.cells) {
    if (c.row <= header_row) continue;
    if (c.row != row) {
      finish_row();
      row = c.row;
    }
    for (const auto& [column, field] : columns)
      if (column == c.column)
        current.push_back(field_value(ctx, *field, field_text(ctx.workbook, *field, c), sheet.name, a1(c.row, c.column)));
  }
  finish_row();
}

}  // namespace migcheck::recognition
