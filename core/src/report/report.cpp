// The validation report: JSON (docs/report.md) and text for people.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "migcheck/inspect.hpp"
#include "report/finding_json.hpp"
#include "migcheck/report_formats.hpp"
#include "migcheck/version.hpp"
#include "migcheck/json_writer.hpp"
#include "migcheck/messages.hpp"

namespace migcheck {

std::string report_json(const Report& report) {
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("tool").begin_object().key("name").string("migcheck").key("version").string(kVersion).end_object();
  w.key("rulebook").begin_object().key("id").string(report.rulebook_id).key("version").string(report.rulebook_version).end_object();
  w.key("language").string(report.language);
  w.key("part").boolean(report.part);
  w.key("files").begin_array();
  for (const FileReport& f : report.files) {
    w.begin_object();
    w.key("file").string(f.file);
    w.key("format").string(f.format);
    w.key("readable").boolean(!f.read_error);
    w.key("previous").boolean(f.previous);
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
  w.key("problems").begin_array();
  for (const Problem& p : report.problems) {
    w.begin_object();
    w.key("rule").string(p.rule).key("severity").string(severity_name(p.severity));
    w.key("level").integer(static_cast<std::uint64_t>(p.level));
    w.key("file").string(p.file).key("table").string(p.table).key("sheet").string(p.sheet).key("cell").string(p.cell);
    w.key("message_key").string(p.message_key).key("message").string(p.message);
    w.key("count").integer(p.count);
    w.key("cells").begin_array();
    for (const auto& c : p.cells) w.string(c);
    w.end_array();
    w.key("findings").begin_array();
    for (std::size_t i : p.findings) w.integer(i);
    w.end_array();
    w.key("agencies").begin_array();
    for (const auto& a : p.agencies) w.string(a);
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
  // Mirror rules' matrix, one cell per (reporter, partner, year).
  w.key("asymmetries").begin_array();
  for (const Asymmetry& a : report.asymmetries) {
    w.begin_object();
    w.key("rule").string(a.rule).key("year").string(a.year);
    w.key("reporter").string(a.reporter).key("partner").string(a.partner);
    w.key("reporter_value");
    if (a.reporter_value) w.number(*a.reporter_value);
    else w.null();
    w.key("partner_value");
    if (a.partner_value) w.number(*a.partner_value);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.key("agencies").begin_array();
  for (const AgencySummary& a : report.agencies) {
    w.begin_object();
    w.key("agency").string(a.agency);
    for (const auto& [key, list] : {std::pair{"tables", &a.tables}, {"awaited", &a.awaited}, {"files", &a.files}}) {
      w.key(key).begin_array();
      for (const auto& item : *list) w.string(item);
      w.end_array();
    }
    w.key("problems").begin_object();
    w.key("errors").integer(a.errors).key("warnings").integer(a.warnings).key("infos").integer(a.infos);
    w.end_object();
    w.key("last_update").string(a.last_update);
    w.end_object();
  }
  w.end_array();
  w.key("summary").begin_object();
  w.key("errors").integer(report.errors).key("warnings").integer(report.warnings).key("infos").integer(report.infos);
  w.key("problems").begin_object();
  w.key("errors").integer(report.error_problems).key("warnings").integer(report.warning_problems);
  w.key("infos").integer(report.info_problems);
  w.end_object();
  w.key("cells_read").integer(report.cells_read).key("partial").boolean(report.partial);
  w.end_object();
  w.end_object();
  out.push_back('\n');
  return out;
}

namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

// The text report's own words are the catalogue's "text.*"; messages come rendered in the findings.
using TextWords = Words;

const std::string& severity_word(const TextWords& w, Severity s) {
  return w(s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info");
}

// One line per problem (its first finding's message), and the count and first cells of the others.
void append_problems(std::string& out, const TextWords& w, std::vector<const Problem*> problems, bool agencies) {
  const std::string& comma = builtin_word(w.language(), "punctuation.comma");
  const std::string& semicolon = builtin_word(w.language(), "punctuation.semicolon");
  constexpr std::size_t kCellsShown = 8;
  std::map<std::string, std::vector<const Problem*>> by_table;
  for (const Problem* x : problems) by_table[x->table].push_back(x);
  for (auto& [table, list] : by_table) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Problem* a, const Problem* b) { return a->severity < b->severity; });
    std::string heading = w("file_findings");
    if (!table.empty()) heading = fill_placeholders(w("table_heading"), {{"table", table}}, w.language());
    out += "\n  " + heading + "\n";
    for (const Problem* x : list) {
      out += std::string("    ") + severity_word(w, x->severity) + " " + x->rule;
      if (!x->sheet.empty()) out += " [" + x->sheet + (x->cell.empty() ? "" : "!" + x->cell) + "]";
      out += ": " + x->message;
      // Several agencies' return: whose table each problem concerns.
      if (agencies && !x->agencies.empty())
        out += " [" + fill_placeholders(w("problem_agencies"), {{"agencies", joined(x->agencies, semicolon)}}, w.language()) + "]";
      out += "\n";
      if (x->count < 2) continue;
      out += std::string("      ") + w("same_in") + std::to_string(x->count - 1) + w("more_cells");
      std::string cells;
      for (std::size_t k = 1; k < x->cells.size() && k <= kCellsShown; ++k) cells += (cells.empty() ? "" : comma) + x->cells[k];
      if (!cells.empty()) out += ": " + cells + (x->count - 1 > kCellsShown ? comma + w("more") : "");
      out += "\n";
    }
  }
}

// One line per agency: its tables, the problems concerning them, what is awaited, its oldest update.
void append_agencies(std::string& out, const TextWords& w, const Report& report) {
  if (report.agencies.empty()) return;
  const std::string& comma = builtin_word(w.language(), "punctuation.comma");
  const std::string& semicolon = builtin_word(w.language(), "punctuation.semicolon");
  out += w("agencies");
  out += "\n";
  for (const AgencySummary& a : report.agencies) {
    out += "  " + fill_placeholders(w("agency_line"),
                                    {{"agency", a.agency},
                                     {"tables", joined(a.tables, comma)},
                                     {"errors", std::to_string(a.errors)},
                                     {"warnings", std::to_string(a.warnings)},
                                     {"infos", std::to_string(a.infos)}},
                                    w.language());
    if (!a.awaited.empty())
      out += semicolon + fill_placeholders(w("agency_awaited"), {{"tables", joined(a.awaited, comma)}}, w.language());
    if (!a.last_update.empty())
      out += semicolon + fill_placeholders(w("agency_updated"), {{"date", a.last_update}}, w.language());
    out += "\n";
  }
  out += "\n";
}

std::string counted(std::uint64_t problems, std::uint64_t cells, const std::string& noun, const TextWords& w) {
  std::string s = std::to_string(problems) + " " + noun;
  if (cells != problems) s += " (" + std::to_string(cells) + w("in_cells") + ")";
  return s;
}

}  // namespace

std::string report_text(const Report& report) {
  const TextWords w(report.language, "text");
  std::string out;
  std::set<std::string> names;
  for (const FileReport& f : report.files) {
    names.insert(f.file);
    out += f.file;
    if (f.read_error) {
      out += std::string(w("unreadable")) + "\n";
    } else {
      const std::string& comma = builtin_word(w.language(), "punctuation.comma");
      out += " (" + f.format + comma + w("country") + " " +
             (f.recognition.reporting_country.empty() ? std::string("?") : f.recognition.reporting_country) + comma +
             w("year") + " " + (f.recognition.reference_year.empty() ? std::string("?") : f.recognition.reference_year) +
             (f.previous ? comma + w("previous") : std::string()) + ")\n";
      for (const auto& t : f.recognition.tables)
        out += std::string("  ") + w("table") + " " + t.table + ": " + std::to_string(t.size()) + " " + w("observations") + "\n";
    }
    // Problems of this file, grouped by table, errors first.
    std::vector<const Problem*> mine;
    for (const Problem& x : report.problems)
      if (x.file == f.file) mine.push_back(&x);
    append_problems(out, w, mine, report.agencies.size() > 1);
    out += "\n";
  }
  // Checks across files that no single cell anchors.
  std::vector<const Problem*> across;
  for (const Problem& x : report.problems)
    if (!names.count(x.file)) across.push_back(&x);
  if (!across.empty()) {
    out += w("across");
    out += "\n";
    append_problems(out, w, across, report.agencies.size() > 1);
    out += "\n";
  }
  append_agencies(out, w, report);
  if (report.part) out += std::string(w("part")) + "\n\n";
  // Problems, and the cells they cover when more.
  const std::string& comma = builtin_word(w.language(), "punctuation.comma");
  out += counted(report.error_problems, report.errors, w("errors"), w) + comma +
         counted(report.warning_problems, report.warnings, w("warnings"), w) + comma +
         counted(report.info_problems, report.infos, w("infos"), w);
  if (report.partial) out += w("capped");
  out += "\n";
  return out;
}

}  // namespace migcheck
