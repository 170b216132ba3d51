// The validation report: JSON (docs/report.md) and text for people.
#include <cmath>
#include <map>

#include <algorithm>

#include "migcheck/inspect.hpp"
#include "report/finding_json.hpp"
#include "migcheck/validate.hpp"
#include "migcheck/version.hpp"
#include "util/json_writer.hpp"

namespace migcheck {

std::string report_json(const Report& report) {
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("tool").begin_object().key("name").string("migcheck").key("version").string(kVersion).end_object();
  w.key("rulebook").begin_object().key("id").string(report.rulebook_id).key("version").string(report.rulebook_version).end_object();
  w.key("language").string(report.language);
  w.key("files").begin_array();
  for (const FileReport& f : report.files) {
    w.begin_object();
    w.key("file").string(f.file);
    w.key("format").string(f.format);
    w.key("readable").boolean(!f.read_error);
    w.key("reporting_country").string(f.recognition.reporting_country);
    w.key("reference_year").string(f.recognition.reference_year);
    w.key("cells_read").integer(f.cells_read);
    w.key("tables").begin_array();
    for (const auto& t : f.recognition.tables) {
      std::string sheets;
      for (const auto& s : f.recognition.sheets)
        if (s.role == SheetRole::table && s.table == t.table) sheets = s.sheet;
      w.begin_object().key("table").string(t.table).key("sheet").string(sheets).key("observations").integer(t.size()).end_object();
    }
    w.end_array();
    w.key("unrecognised_sheets").begin_array();
    for (const auto& s : f.recognition.sheets)
      if (s.role == SheetRole::unrecognised) w.string(s.sheet);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("findings").begin_array();
  for (const Finding& f : report.findings) report::write_finding(w, f);
  w.end_array();
  w.key("rules").begin_array();
  for (const RuleSummary& r : report.rules) {
    w.begin_object();
    w.key("rule").string(r.rule).key("kind").string(r.kind).key("severity").string(severity_name(r.severity));
    w.key("level").integer(static_cast<std::uint64_t>(r.level));
    w.key("checked").integer(r.checked).key("passed").integer(r.passed).key("failed").integer(r.failed);
    w.key("not_applicable").integer(r.not_applicable);
    w.key("error");
    if (r.error.empty()) w.null();
    else w.string(r.error);
    w.end_object();
  }
  w.end_array();
  w.key("summary").begin_object();
  w.key("errors").integer(report.errors).key("warnings").integer(report.warnings).key("infos").integer(report.infos);
  w.key("cells_read").integer(report.cells_read).key("partial").boolean(report.partial);
  w.end_object();
  w.end_object();
  out.push_back('\n');
  return out;
}

std::string report_text(const Report& report) {
  std::string out;
  for (const FileReport& f : report.files) {
    out += f.file;
    if (f.read_error) {
      out += ": could not be read\n";
    } else {
      out += " (" + f.format + ", reporting country " +
             (f.recognition.reporting_country.empty() ? std::string("?") : f.recognition.reporting_country) +
             ", year " + (f.recognition.reference_year.empty() ? std::string("?") : f.recognition.reference_year) + ")\n";
      for (const auto& t : f.recognition.tables)
        out += "  table " + t.table + ": " + std::to_string(t.size()) + " observations\n";
    }
    // Findings of this file, grouped by table, errors first.
    std::map<std::string, std::vector<const Finding*>> by_table;
    for (const Finding& x : report.findings)
      if (x.file == f.file) by_table[x.table].push_back(&x);
    for (auto& [table, list] : by_table) {
      std::stable_sort(list.begin(), list.end(),
                       [](const Finding* a, const Finding* b) { return a->severity < b->severity; });
      out += "\n  " + (table.empty() ? std::string("File") : "Table " + table) + "\n";
      for (const Finding* x : list) {
        out += std::string("    ") + severity_name(x->severity) + " " + x->rule;
        if (!x->sheet.empty()) out += " [" + x->sheet + (x->cell.empty() ? "" : "!" + x->cell) + "]";
        out += ": " + x->message + "\n";
      }
    }
    out += "\n";
  }
  out += std::to_string(report.errors) + " errors, " + std::to_string(report.warnings) + " warnings, " +
         std::to_string(report.infos) + " infos";
  if (report.partial) out += " (findings list capped)";
  out += "\n";
  return out;
}

}  // namespace migcheck
