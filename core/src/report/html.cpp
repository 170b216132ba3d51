// The standalone HTML report (docs/report.md): one HTML5 file with inline
// CSS, no script and no external resource, readable offline and printable.
// Everything that comes from a file or the rulebook is escaped.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/report_formats.hpp"
#include "migcheck/version.hpp"
#include "migcheck/json_writer.hpp"
#include "migcheck/messages.hpp"
#include "util/markup.hpp"

namespace migcheck {
namespace {

// The report's interface words, from the built-in catalogue (core/messages/messages.json, "html.*"),
// in the report's language, else English.
class Ui {
 public:
  explicit Ui(std::string_view language) : language_(language) {}
  const char* operator()(std::string_view key) const {
    const std::string full = "html." + std::string(key);
    const std::string* text = builtin_message(language_, full);
    if (!text) text = builtin_message("en", full);
    return text ? text->c_str() : "";
  }

 private:
  std::string language_;
};

// Escapes &, <, >, " and ' for text and attribute values; characters HTML cannot hold become U+FFFD.
void esc(std::string& out, std::string_view s) { util::append_escaped(out, s, util::Markup::html); }

std::string number(double v) {
  std::string out;
  util::append_json_number(out, v);
  return out;
}

const char* severity_key(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info";
}
const char* severity_plural_key(Severity s) {
  return s == Severity::error ? "errors" : s == Severity::warning ? "warnings" : "infos";
}
// A symbol as well as a colour, so that severity does not rest on colour alone.
const char* severity_symbol(Severity s) {
  return s == Severity::error ? "\xE2\x9C\x96" : s == Severity::warning ? "\xE2\x96\xB2" : "\xE2\x84\xB9";
}

constexpr const char* kStyle = R"(
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:78rem;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .4rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #444}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem}
p.meta{margin:.2rem 0;color:#333}
code,.cell{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8e8e8}
tbody th{font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums}
ul.counts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}
ul.counts li{font-size:1.05rem}
.sev{font-weight:bold;white-space:nowrap}
.sev-error{color:#a1000e}
.sev-warning{color:#7a4100}
.sev-info{color:#1b4e8c}
caption{text-align:left;font-weight:bold;padding:.2rem 0}
table.f-error{border-left:6px solid #a1000e}
table.f-warning{border-left:6px solid #b36b00}
table.f-info{border-left:6px solid #1b4e8c}
.note{border:2px solid #7a4100;padding:.5rem .8rem;background:#fff8e6}
dl.instructions dt{font-weight:bold;margin-top:.6rem}
dl.instructions dd{margin:.1rem 0 0 1.5rem}
footer{margin-top:2rem;color:#444;font-size:.9rem}
a{color:#0b4f9c}
@media print{
body{max-width:none;padding:0;font-size:10.5pt}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
tr,dt,dd{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
thead th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

class HtmlWriter {
 public:
  HtmlWriter(const Report& report, const Rulebook& rulebook)
      : report_(report), rulebook_(rulebook), ui_(report.language) {
    for (const RuleSpec& r : rulebook_.rules) specs_[r.id] = &r;
    for (const RuleSummary& r : report_.rules) with_anchor_.insert(r.rule);
  }

  std::string write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    esc(out_, report_.language.empty() ? std::string("en") : report_.language);
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"generator\" content=\"migcheck ";
    esc(out_, kVersion);
    out_ += "\">\n<title>";
    out_ += title_text();
    out_ += "</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n<body>\n";
    header();
    out_ += "<main>\n";
    summary();
    std::set<std::string> names;
    for (std::size_t i = 0; i < report_.files.size(); ++i) {
      if (names.insert(report_.files[i].file).second) file_section(i);
    }
    across_files();
    rules();
    out_ += "</main>\n<footer><p>";
    out_ += ui_("generated_by");
    out_ += " ";
    esc(out_, kVersion);
    out_ += ".</p></footer>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  // "Validation report: a.xlsx, b.csv (comesa-migration 2026.1)"; at most three file names.
  std::string title_text() const {
    std::string t = ui_("title");
    if (!report_.files.empty()) {
      t += ui_("colon");
      t += " ";
      for (std::size_t i = 0; i < report_.files.size() && i < 3; ++i) {
        if (i) t += ", ";
        esc(t, report_.files[i].file);
      }
      if (report_.files.size() > 3) t += ", +" + std::to_string(report_.files.size() - 3);
    }
    t += " (";
    esc(t, report_.rulebook_id);
    t += " ";
    esc(t, report_.rulebook_version);
    t += ")";
    return t;
  }

  void header() {
    out_ += "<header>\n<h1>";
    out_ += ui_("title");
    out_ += "</h1>\n<p class=\"meta\"><strong>";
    out_ += ui_("files");
    out_ += ui_("colon");
    out_ += "</strong> ";
    for (std::size_t i = 0; i < report_.files.size(); ++i) {
      if (i) out_ += ", ";
      out_ += "<code>";
      esc(out_, report_.files[i].file);
      out_ += "</code>";
    }
    out_ += "</p>\n<p class=\"meta\"><strong>";
    out_ += ui_("rulebook");
    out_ += ui_("colon");
    out_ += "</strong> <code>";
    esc(out_, report_.rulebook_id);
    out_ += "</code> ";
    esc(out_, report_.rulebook_version);
    const std::string& title = rulebook_.title.in(report_.language);
    if (!title.empty()) {
      out_ += " \xE2\x80\x94 ";
      esc(out_, title);
    }
    out_ += "</p>\n</header>\n";
  }

  void summary() {
    out_ += "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">";
    out_ += ui_("summary");
    out_ += "</h2>\n<ul class=\"counts\">\n";
    // Problems, with the cells they cover when more.
    const std::tuple<Severity, std::uint64_t, std::uint64_t> counts[] = {
        {Severity::error, report_.error_problems, report_.errors},
        {Severity::warning, report_.warning_problems, report_.warnings},
        {Severity::info, report_.info_problems, report_.infos}};
    for (const auto& [severity, n, cells] : counts) {
      out_ += "<li><span class=\"sev sev-";
      out_ += severity_key(severity);
      out_ += "\"><span aria-hidden=\"true\">";
      out_ += severity_symbol(severity);
      out_ += "</span> ";
      out_ += ui_(severity_plural_key(severity));
      out_ += ui_("colon");
      out_ += "</span> " + std::to_string(n);
      if (cells != n) {
        out_ += " (" + std::to_string(cells) + " ";
        out_ += ui_("cells_word");
        out_ += ")";
      }
      out_ += "</li>\n";
    }
    out_ += "<li><strong>";
    out_ += ui_("cells_read");
    out_ += ui_("colon");
    out_ += "</strong> " + std::to_string(report_.cells_read) + "</li>\n</ul>\n";
    if (report_.partial) {
      out_ += "<p class=\"note\" role=\"note\">";
      out_ += ui_("partial");
      out_ += "</p>\n";
    }
    std::vector<const RuleSummary*> not_run;
    for (const RuleSummary& r : report_.rules)
      if (!r.error.empty()) not_run.push_back(&r);
    if (!not_run.empty()) {
      out_ += "<p class=\"note\" role=\"note\"><strong>";
      out_ += ui_("rules_not_run");
      out_ += ui_("colon");
    out_ += "</strong> ";
      for (std::size_t i = 0; i < not_run.size(); ++i) {
        if (i) out_ += "; ";
        out_ += "<code>";
        esc(out_, not_run[i]->rule);
        out_ += "</code> (";
        esc(out_, not_run[i]->error);
        out_ += ")";
      }
      out_ += "</p>\n";
    }
    // One row per file.
    out_ += "<table>\n<caption>";
    out_ += ui_("files");
    out_ += "</caption>\n<thead><tr>";
    for (const char* key : {"file", "format", "reporting_country", "reference_year", "cells_read", "tables",
                            "unrecognised"}) {
      out_ += "<th scope=\"col\">";
      out_ += ui_(key);
      out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < report_.files.size(); ++i) {
      const FileReport& f = report_.files[i];
      out_ += "<tr><th scope=\"row\"><a href=\"#file-" + std::to_string(file_anchor(i)) + "\"><code>";
      esc(out_, f.file);
      out_ += "</code></a></th>";
      if (f.read_error) {
        out_ += "<td colspan=\"6\"><span class=\"sev sev-error\"><span aria-hidden=\"true\">";
        out_ += severity_symbol(Severity::error);
        out_ += "</span> ";
        out_ += ui_("unreadable");
        out_ += "</span></td></tr>\n";
        continue;
      }
      out_ += "<td>";
      esc(out_, f.format);
      out_ += "</td><td>";
      esc(out_, f.recognition.reporting_country);
      out_ += "</td><td>";
      esc(out_, f.recognition.reference_year);
      out_ += "</td><td class=\"num\">" + std::to_string(f.cells_read) + "</td><td>";
      if (f.recognition.tables.empty()) out_ += ui_("none");
      for (std::size_t t = 0; t < f.recognition.tables.size(); ++t) {
        const RecognisedTable& table = f.recognition.tables[t];
        if (t) out_ += "<br>";
        out_ += "<code>";
        esc(out_, table.table);
        out_ += "</code> (" + std::to_string(table.size()) + " ";
        out_ += ui_("observations");
        const std::string sheet = sheet_of(f, table.table);
        if (!sheet.empty()) {
          out_ += ", ";
          out_ += ui_("sheet");
          out_ += " \xE2\x80\x9C";
          esc(out_, sheet);
          out_ += "\xE2\x80\x9D";
        }
        out_ += ")";
      }
      out_ += "</td><td>";
      bool any = false;
      for (const SheetRecognition& s : f.recognition.sheets) {
        if (s.role != SheetRole::unrecognised) continue;
        if (any) out_ += "<br>";
        any = true;
        out_ += "\xE2\x80\x9C";
        esc(out_, s.sheet);
        out_ += "\xE2\x80\x9D";
      }
      if (!any) out_ += ui_("none");
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  // The anchor of the file (its first position among files of the same name).
  std::size_t file_anchor(std::size_t i) const {
    for (std::size_t j = 0; j < i; ++j)
      if (report_.files[j].file == report_.files[i].file) return j + 1;
    return i + 1;
  }

  static std::string sheet_of(const FileReport& f, const std::string& table) {
    std::string sheets;
    for (const SheetRecognition& s : f.recognition.sheets)
      if (s.role == SheetRole::table && s.table == table) {
        if (!sheets.empty()) sheets += ", ";
        sheets += s.sheet;
      }
    return sheets;
  }

  void file_section(std::size_t i) {
    const FileReport& f = report_.files[i];
    const std::string anchor = "file-" + std::to_string(i + 1);
    out_ += "<section aria-labelledby=\"" + anchor + "\">\n<h2 id=\"" + anchor + "\">";
    out_ += ui_("file");
    out_ += " <code>";
    esc(out_, f.file);
    out_ += "</code></h2>\n";
    // Groups: the whole file first, then the recognised tables in their
    // order, then any other table a finding names, in order of appearance.
    std::vector<std::string> order{""};
    for (const RecognisedTable& t : f.recognition.tables) order.push_back(t.table);
    std::map<std::string, std::vector<const Problem*>> groups;
    for (const Problem& x : report_.problems) {
      if (x.file != f.file) continue;
      if (std::find(order.begin(), order.end(), x.table) == order.end()) order.push_back(x.table);
      groups[x.table].push_back(&x);
    }
    bool any = false;
    for (const std::string& table : order) {
      auto it = groups.find(table);
      if (it == groups.end()) continue;
      any = true;
      out_ += "<h3>";
      if (table.empty()) {
        out_ += ui_("whole_file");
      } else {
        out_ += ui_("table");
        out_ += " <code>";
        esc(out_, table);
        out_ += "</code>";
        const std::string sheet = sheet_of(f, table);
        if (!sheet.empty()) {
          out_ += " (";
          out_ += ui_("sheet");
          out_ += " \xE2\x80\x9C";
          esc(out_, sheet);
          out_ += "\xE2\x80\x9D)";
        }
      }
      out_ += "</h3>\n";
      findings_by_severity(it->second);
    }
    if (!any) {
      out_ += "<p>";
      out_ += ui_("no_findings");
      out_ += "</p>\n";
    }
    out_ += "</section>\n";
  }

  // Findings that name no file of the report (checks across files).
  void across_files() {
    std::set<std::string> names;
    for (const FileReport& f : report_.files) names.insert(f.file);
    std::vector<const Problem*> rest;
    for (const Problem& x : report_.problems)
      if (!names.count(x.file)) rest.push_back(&x);
    if (rest.empty()) return;
    out_ += "<section aria-labelledby=\"across\">\n<h2 id=\"across\">";
    out_ += ui_("across_files");
    out_ += "</h2>\n";
    findings_by_severity(rest);
    out_ += "</section>\n";
  }

  // One row per problem (its first finding), and below it the other cells of the same problem.
  void findings_by_severity(const std::vector<const Problem*>& list) {
    for (Severity severity : {Severity::error, Severity::warning, Severity::info}) {
      std::vector<const Problem*> of;
      for (const Problem* x : list)
        if (x->severity == severity) of.push_back(x);
      if (of.empty()) continue;
      std::uint64_t cells = 0;
      for (const Problem* x : of) cells += x->count;
      out_ += "<table class=\"f-";
      out_ += severity_key(severity);
      out_ += "\">\n<caption><span class=\"sev sev-";
      out_ += severity_key(severity);
      out_ += "\"><span aria-hidden=\"true\">";
      out_ += severity_symbol(severity);
      out_ += "</span> ";
      out_ += ui_(severity_plural_key(severity));
      out_ += "</span> (" + std::to_string(of.size());
      if (cells != of.size()) {
        out_ += ", " + std::to_string(cells) + " ";
        out_ += ui_("cells_word");
      }
      out_ += ")</caption>\n<thead><tr>";
      for (const char* key : {"cell", "rule", "message", "expected", "actual", "related"}) {
        out_ += "<th scope=\"col\">";
        out_ += ui_(key);
        out_ += "</th>";
      }
      out_ += "</tr></thead>\n<tbody>\n";
      for (const Problem* x : of) problem_rows(*x);
      out_ += "</tbody>\n</table>\n";
    }
  }

  void problem_rows(const Problem& p) {
    if (!p.findings.empty()) {
      finding_row(report_.findings[p.findings.front()]);
    } else {
      Finding first;
      first.rule = p.rule;
      first.sheet = p.sheet;
      first.cell = p.cell;
      first.message = p.message;
      finding_row(first);
    }
    if (p.count < 2) return;
    constexpr std::size_t kShown = 200;
    out_ += "<tr class=\"more\"><td></td><td colspan=\"5\"><details><summary>+" + std::to_string(p.count - 1) + " ";
    out_ += ui_("more_of_the_same");
    out_ += "</summary><p class=\"cell\">";
    for (std::size_t k = 1; k < p.cells.size() && k <= kShown; ++k) {
      if (k > 1) out_ += ", ";
      esc(out_, p.cells[k]);
    }
    if (p.cells.size() > kShown + 1 || p.count > p.cells.size()) out_ += ", \xE2\x80\xA6";
    out_ += "</p></details></td></tr>\n";
  }

  void finding_row(const Finding& x) {
    out_ += "<tr><th scope=\"row\" class=\"cell\">";
    if (!x.sheet.empty()) {
      esc(out_, x.sheet);
      if (!x.cell.empty()) out_ += "!";
    }
    esc(out_, x.cell);
    if (x.sheet.empty() && x.cell.empty()) out_ += "\xE2\x80\x94";  // not about one cell
    out_ += "</th><td>";
    if (with_anchor_.count(x.rule)) {
      out_ += "<a href=\"#rule-";
      esc(out_, x.rule);
      out_ += "\"><code>";
      esc(out_, x.rule);
      out_ += "</code></a>";
    } else {
      out_ += "<code>";
      esc(out_, x.rule);
      out_ += "</code>";
    }
    out_ += "</td><td>";
    esc(out_, x.message);
    out_ += "</td><td class=\"num\">";
    if (x.expected) out_ += number(*x.expected);
    out_ += "</td><td class=\"num\">";
    if (x.actual) out_ += number(*x.actual);
    out_ += "</td><td class=\"cell\">";
    for (std::size_t i = 0; i < x.related_cells.size(); ++i) {
      if (i) out_ += ", ";
      esc(out_, x.related_cells[i]);
    }
    out_ += "</td></tr>\n";
  }

  void rules() {
    if (report_.rules.empty()) return;
    out_ += "<section aria-labelledby=\"rules\">\n<h2 id=\"rules\">";
    out_ += ui_("rules");
    out_ += "</h2>\n<table>\n<caption>";
    out_ += ui_("checks_per_rule");
    out_ += "</caption>\n<thead><tr>";
    for (const char* key : {"rule", "kind", "severity", "level", "checked", "passed", "failed", "not_applicable",
                            "could_not_run"}) {
      out_ += "<th scope=\"col\">";
      out_ += ui_(key);
      out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (const RuleSummary& r : report_.rules) {
      out_ += "<tr><th scope=\"row\"><code>";
      esc(out_, r.rule);
      out_ += "</code>";
      if (const RuleSpec* spec = spec_of(r.rule); spec && !spec->label.in(report_.language).empty()) {
        out_ += "<br>";
        esc(out_, spec->label.in(report_.language));
      }
      out_ += "</th><td>";
      esc(out_, r.kind);
      out_ += "</td><td><span class=\"sev sev-";
      out_ += severity_key(r.severity);
      out_ += "\">";
      out_ += ui_(severity_key(r.severity));
      out_ += "</span></td><td class=\"num\">" + std::to_string(r.level) + "</td>";
      for (std::uint64_t n : {r.checked, r.passed, r.failed, r.not_applicable})
        out_ += "<td class=\"num\">" + std::to_string(n) + "</td>";
      out_ += "<td>";
      esc(out_, r.error);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n<h3>";
    out_ += ui_("instructions");
    out_ += "</h3>\n<dl class=\"instructions\">\n";
    // Each rule once, with its label and instruction in the report's language.
    for (const RuleSummary& r : report_.rules) {
      const RuleSpec* spec = spec_of(r.rule);
      out_ += "<dt id=\"rule-";
      esc(out_, r.rule);
      out_ += "\"><code>";
      esc(out_, r.rule);
      out_ += "</code>";
      if (spec && !spec->label.in(report_.language).empty()) {
        out_ += " \xE2\x80\x94 ";
        esc(out_, spec->label.in(report_.language));
      }
      out_ += "</dt>\n<dd>";
      if (spec) esc(out_, spec->instruction.in(report_.language));
      out_ += "</dd>\n";
    }
    out_ += "</dl>\n</section>\n";
  }

  const RuleSpec* spec_of(const std::string& id) const {
    auto it = specs_.find(id);
    return it == specs_.end() ? nullptr : it->second;
  }

  const Report& report_;
  const Rulebook& rulebook_;
  Ui ui_;
  std::map<std::string, const RuleSpec*> specs_;
  std::set<std::string> with_anchor_;
  std::string out_;
};

}  // namespace

std::string report_html(const Report& report, const Rulebook& rulebook) {
  return HtmlWriter(report, rulebook).write();
}

}  // namespace migcheck
