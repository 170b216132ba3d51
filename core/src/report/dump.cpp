#include "migcheck/dump.hpp"

#include "migcheck/json_writer.hpp"

namespace migcheck {

namespace {

void write_location(util::JsonWriter& w, const Location& where) {
  if (!where.part.empty()) w.key("part").string(where.part);
  if (!where.sheet.empty()) w.key("sheet").string(where.sheet);
  if (!where.cell.empty()) w.key("cell").string(where.cell);
  if (where.line) w.key("line").integer(where.line);
  if (where.offset) w.key("offset").integer(where.offset);
}

void write_diagnostic(util::JsonWriter& w, const Diagnostic& d) {
  w.begin_object();
  w.key("id").string(error_id(d.code));
  w.key("severity").string(severity_name(d.severity));
  w.key("message").string(d.message);
  write_location(w, d.where);
  if (!d.params.empty()) {
    w.key("params").begin_object();
    for (const auto& [k, v] : d.params) w.key(k).string(v);
    w.end_object();
  }
  w.end_object();
}

void write_cell_value(util::JsonWriter& w, const Workbook& wb, const Cell& c) {
  switch (c.kind) {
    case CellKind::number: w.key("value").number(c.number); break;
    case CellKind::boolean: w.key("value").boolean(c.number != 0); break;
    case CellKind::text:
    case CellKind::error: w.key("value").string(wb.text(c)); break;
    case CellKind::date:
      w.key("value").string(date_serial_to_iso(c.number, wb.date1904));
      w.key("serial").number(c.number);
      break;
  }
}

void append_cell_text(std::string& out, const Workbook& wb, const Cell& c) {
  switch (c.kind) {
    case CellKind::number: util::append_json_number(out, c.number); break;
    case CellKind::boolean: out += c.number != 0 ? "TRUE" : "FALSE"; break;
    case CellKind::text: util::append_json_string(out, wb.text(c)); break;
    case CellKind::error: out.append(wb.text(c)); break;
    case CellKind::date: out += date_serial_to_iso(c.number, wb.date1904); break;
  }
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out;
  util::append_json_string(out, s);
  return out;
}

void append_diagnostic_json(std::string& out, const Diagnostic& d) {
  util::JsonWriter w(out);
  write_diagnostic(w, d);
}

std::string dump_json(const Workbook& wb, const DumpOptions& options) {
  std::string out;
  std::size_t cells = 0;
  for (const auto& s : wb.sheets) cells += s.cells.size();
  out.reserve(256 + cells * 40);
  util::JsonWriter w(out);
  w.begin_object();
  w.key("file").string(wb.file_name);
  w.key("format").string(file_format_name(wb.format));
  if (wb.format == FileFormat::csv) {
    w.key("encoding").string(wb.csv.encoding);
    w.key("delimiter").string(std::string_view(&wb.csv.delimiter, 1));
  } else {
    w.key("date1904").boolean(wb.date1904);
  }
  w.key("sheets").begin_array();
  std::string ref;
  for (const auto& sheet : wb.sheets) {
    if (!options.sheet.empty() && sheet.name != options.sheet) continue;
    w.begin_object();
    w.key("name").string(sheet.name);
    w.key("state").string(sheet_state_name(sheet.state));
    if (!sheet.dimension.empty()) w.key("dimension").string(sheet.dimension);
    w.key("rows").integer(sheet.row_count);
    w.key("columns").integer(sheet.column_count);
    w.key("cell_count").integer(sheet.cells.size());
    w.key("merged").begin_array();
    for (const auto& m : sheet.merged) w.string(a1_range(m));
    w.end_array();
    w.key("cells").begin_array();
    for (const auto& c : sheet.cells) {
      ref.clear();
      append_column_name(ref, c.column);
      ref += std::to_string(c.row + 1);
      w.begin_object();
      w.key("ref").string(ref);
      w.key("type").string(cell_kind_name(c.kind));
      write_cell_value(w, wb, c);
      if (c.flags & cell_has_formula) w.key("formula").boolean(true);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("diagnostics").begin_array();
  for (const auto& d : wb.diagnostics) write_diagnostic(w, d);
  w.end_array();
  w.end_object();
  out.push_back('\n');
  return out;
}

std::string dump_error_json(std::string_view file_name, const Diagnostic& error) {
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("file").string(file_name);
  w.key("error");
  write_diagnostic(w, error);
  w.end_object();
  out.push_back('\n');
  return out;
}

std::string dump_text(const Workbook& wb, const DumpOptions& options) {
  std::string out;
  out += wb.file_name;
  out += " (";
  out += file_format_name(wb.format);
  if (wb.format == FileFormat::csv) {
    out += ", ";
    out += wb.csv.encoding;
    out += ", delimiter ";
    out += wb.csv.delimiter == '\t' ? std::string("tab") : std::string(1, wb.csv.delimiter);
  }
  out += ")\n";
  for (const auto& sheet : wb.sheets) {
    if (!options.sheet.empty() && sheet.name != options.sheet) continue;
    out += "\nSheet \"" + sheet.name + "\"";
    if (sheet.state != SheetState::visible) out += std::string(" [") + sheet_state_name(sheet.state) + "]";
    out += ": " + std::to_string(sheet.row_count) + " rows x " + std::to_string(sheet.column_count) +
           " columns, " + std::to_string(sheet.cells.size()) + " cells\n";
    if (!sheet.merged.empty()) {
      out += "  merged:";
      for (const auto& m : sheet.merged) out += " " + a1_range(m);
      out += "\n";
    }
    std::uint32_t row = UINT32_MAX;
    for (const auto& c : sheet.cells) {
      if (c.row != row) {
        row = c.row;
        out += "  " + std::to_string(row + 1) + ":";
      }
      out += " ";
      append_column_name(out, c.column);
      out += "=";
      append_cell_text(out, wb, c);
      if (c.flags & cell_has_formula) out += " (formula)";
      if (&c == &sheet.cells.back() || (&c + 1)->row != row) out += "\n";
    }
  }
  if (!wb.diagnostics.empty()) {
    out += "\n";
    for (const auto& d : wb.diagnostics) {
      out += std::string(severity_name(d.severity)) + " " + error_id(d.code);
      if (!d.where.sheet.empty()) out += " [" + d.where.sheet + (d.where.cell.empty() ? "" : "!" + d.where.cell) + "]";
      out += ": " + d.message + "\n";
    }
  }
  return out;
}

std::string dump_error_text(std::string_view file_name, const Diagnostic& error) {
  std::string out(file_name);
  out += ": error ";
  out += error_id(error.code);
  out += ": ";
  out += error.message;
  out += "\n";
  return out;
}

}  // namespace migcheck
