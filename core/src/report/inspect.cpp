#include "migcheck/inspect.hpp"

#include <cmath>

#include "report/finding_json.hpp"
#include "migcheck/json_writer.hpp"

namespace migcheck {

namespace {

std::string column_name(std::uint32_t column) {
  std::string s;
  append_column_name(s, column);
  return s;
}

}  // namespace

void report::write_finding(util::JsonWriter& w, const Finding& f) {
  w.begin_object();
  w.key("rule").string(f.rule);
  w.key("severity").string(severity_name(f.severity));
  w.key("level").integer(static_cast<std::uint64_t>(f.level));
  w.key("file").string(f.file);
  w.key("table").string(f.table);
  w.key("sheet").string(f.sheet);
  w.key("cell").string(f.cell);
  w.key("related_cells").begin_array();
  for (const auto& c : f.related_cells) w.string(c);
  w.end_array();
  w.key("key").begin_object();
  for (const auto& [d, c] : f.key) w.key(d).string(c);
  w.end_object();
  w.key("expected");
  if (f.expected) w.number(*f.expected);
  else w.null();
  w.key("actual");
  if (f.actual) w.number(*f.actual);
  else w.null();
  w.key("message").string(f.message);
  w.key("message_key").string(f.message_key);
  w.key("params").begin_object();
  for (const auto& [k, v] : f.params) w.key(k).string(v);
  w.end_object();
  w.end_object();
}

namespace {
using report::write_finding;
}  // namespace

void append_finding_json(std::string& out, const Finding& finding) {
  util::JsonWriter w(out);
  write_finding(w, finding);
}

std::string inspect_json(const Recognition& rec, const Rulebook& rulebook, const InspectOptions& options) {
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("file").string(rec.file);
  w.key("rulebook").begin_object().key("id").string(rulebook.id).key("version").string(rulebook.version).end_object();
  w.key("reporting_country").string(rec.reporting_country);
  w.key("reference_year").string(rec.reference_year);
  w.key("metadata").begin_object();
  for (const auto& v : rec.metadata) w.key(v.field).string(v.text);
  w.end_object();
  w.key("sheets").begin_array();
  for (const auto& s : rec.sheets) {
    w.begin_object();
    w.key("sheet").string(s.sheet);
    w.key("role").string(sheet_role_name(s.role));
    auto header_and_columns = [&] {
      w.key("header_rows").begin_array();
      for (auto r : s.header_rows) w.integer(r + 1);
      w.end_array();
      w.key("columns").begin_array();
      for (const auto& c : s.columns)
        w.begin_object().key("column").string(column_name(c.column)).key("header").string(c.header)
            .key("role").string(c.role).key("target").string(c.target).key("from_values").boolean(c.from_values)
            .key("by_hand").boolean(c.by_hand).end_object();
      w.end_array();
    };
    // An unrecognised sheet: the header row tried and what its columns were read as.
    if (s.role == SheetRole::unrecognised && !s.header_rows.empty()) header_and_columns();
    if (s.role == SheetRole::table) {
      w.key("table").string(s.table);
      w.key("table_by_hand").boolean(s.table_by_hand);
      w.key("layout").string(layout_name(s.layout));
      header_and_columns();
      w.key("labels").begin_array();
      for (const auto& l : s.labels)
        w.begin_object().key("dimension").string(l.dimension).key("text").string(l.text).key("code").string(l.code)
            .key("count").integer(l.count).key("by_hand").boolean(l.by_hand).key("aggregate").boolean(l.aggregate).end_object();
      w.end_array();
      w.key("observations").integer(s.observations);
      w.key("skipped_rows").begin_array();
      for (auto r : s.skipped_rows) w.integer(r + 1);
      w.end_array();
    }
    if (!s.why.empty()) w.key("why").string(s.why);
    w.end_object();
  }
  w.end_array();
  w.key("tables").begin_array();
  for (const auto& t : rec.tables) {
    w.begin_object();
    w.key("table").string(t.table);
    w.key("dimensions").begin_array();
    for (const auto& d : t.dimensions) w.string(d);
    w.end_array();
    w.key("observations").integer(t.size());
    if (options.observations) {
      w.key("data").begin_array();
      for (std::size_t i = 0; i < t.size(); ++i) {
        w.begin_object();
        w.key("key").begin_object();
        for (std::size_t d = 0; d < t.dimensions.size(); ++d) w.key(t.dimensions[d]).string(t.code(i, d));
        w.end_object();
        w.key("value");
        if (std::isnan(t.values[i])) w.null();
        else w.number(t.values[i]);
        w.key("obs_status").string(t.symbols[t.obs_status[i]]);
        w.key("conf_status").string(t.symbols[t.conf_status[i]]);
        std::string cell;
        append_column_name(cell, t.column[i]);
        cell += std::to_string(t.row[i] + 1);
        w.key("cell").string(cell);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.key("findings").begin_array();
  for (const auto& f : rec.findings) write_finding(w, f);
  w.end_array();
  w.end_object();
  out.push_back('\n');
  return out;
}

std::string inspect_text(const Recognition& rec, const Rulebook& rulebook, const std::string& language) {
  auto say = [&](const char* key, std::vector<std::pair<std::string, std::string>> params = {}) {
    return render_message(rulebook, language, key, params);
  };
  // "    A "Origine" -> dimension COUNTRY_OF_ORIGIN (said by the mapping)"
  auto column_line = [&](const ColumnMapping& c) {
    std::string line = "    " + column_name(c.column) + " \"" + c.header + "\" -> ";
    line += c.role == "unknown" ? say("inspect.column_ignored")
                                : say((std::string("inspect.column.") + c.role).c_str()) + (c.target.empty() ? "" : " " + c.target);
    if (c.from_values) line += " " + say("inspect.from_values");
    if (c.by_hand) line += " " + say("inspect.by_hand");
    return line;
  };
  const std::string unknown = say("inspect.unknown");
  std::string out = say("inspect.title", {{"file", rec.file}, {"rulebook", rulebook.id}, {"version", rulebook.version}}) + "\n";
  out += say("inspect.context", {{"country", rec.reporting_country.empty() ? unknown : rec.reporting_country},
                                 {"year", rec.reference_year.empty() ? unknown : rec.reference_year}}) +
         "\n";
  for (const auto& s : rec.sheets) {
    std::string what;
    if (s.role != SheetRole::table) {
      what = say((std::string("inspect.role.") + sheet_role_name(s.role)).c_str());
      if (!s.why.empty()) what += " (" + s.why + ")";
      out += "\n" + say("inspect.sheet", {{"sheet", s.sheet}, {"what", what}}) + "\n";
      // The header row tried, and what each of its columns was read as.
      if (s.role == SheetRole::unrecognised && !s.header_rows.empty()) {
        std::string rows;
        for (std::size_t i = 0; i < s.header_rows.size(); ++i) rows += (i ? ", " : "") + std::to_string(s.header_rows[i] + 1);
        out += "  " + say("inspect.header_tried", {{"rows", rows}}) + "\n";
        for (const auto& c : s.columns) out += column_line(c) + "\n";
      }
      continue;
    }
    std::string rows;
    for (std::size_t i = 0; i < s.header_rows.size(); ++i) rows += (i ? ", " : "") + std::to_string(s.header_rows[i] + 1);
    what = say("inspect.table", {{"table", s.table},
                                 {"layout", say((std::string("inspect.layout.") + layout_name(s.layout)).c_str())},
                                 {"rows", rows}});
    if (s.table_by_hand) what += " (" + say("inspect.table_by_hand") + ")";
    out += "\n" + say("inspect.sheet", {{"sheet", s.sheet}, {"what", what}}) + "\n";
    out += "  " + say("inspect.columns") + "\n";
    for (const auto& c : s.columns) out += column_line(c) + "\n";
    if (!s.labels.empty()) {
      out += "  " + say("inspect.labels") + "\n";
      for (const auto& l : s.labels)
        out += "    " + l.dimension + ": \"" + l.text + "\" -> " +
               (l.aggregate ? say("inspect.aggregate") : l.code.empty() ? unknown : l.code) +
               (l.count > 1 ? " " + say("inspect.rows", {{"count", std::to_string(l.count)}}) : "") +
               (l.by_hand ? " " + say("inspect.by_hand") : "") + "\n";
    }
    out += "  " + say("inspect.observations", {{"count", std::to_string(s.observations)}});
    if (!s.skipped_rows.empty()) {
      std::string skipped;
      for (std::size_t i = 0; i < s.skipped_rows.size() && i < 20; ++i)
        skipped += (i ? ", " : "") + std::to_string(s.skipped_rows[i] + 1);
      if (s.skipped_rows.size() > 20) skipped += ", …";
      out += "; " + say("inspect.skipped", {{"rows", skipped}});
    }
    out += "\n";
  }
  if (!rec.findings.empty()) {
    out += "\n" + say("inspect.findings") + "\n";
    for (const auto& f : rec.findings) {
      out += "  " + say((std::string("inspect.severity.") + severity_name(f.severity)).c_str()) + " " + f.rule;
      if (!f.sheet.empty()) out += " [" + f.sheet + (f.cell.empty() ? "" : "!" + f.cell) + "]";
      out += ": " + f.message + "\n";
    }
  }
  return out;
}

}  // namespace migcheck
