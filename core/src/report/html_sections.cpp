// The HTML report's sections: each file with its tables and findings, the
// checks across files, and the rules with what they checked.
#include "report/html_writer.hpp"

namespace migcheck::html {

std::size_t HtmlWriter::file_anchor(std::size_t i) const {
  for (std::size_t j = 0; j < i; ++j)
    if (report_.files[j].file == report_.files[i].file) return j + 1;
  return i + 1;
}

std::string HtmlWriter::sheet_of(const FileReport& f, const std::string& table) {
  std::string sheets;
  for (const SheetRecognition& s : f.recognition.sheets)
    if (s.role == SheetRole::table && s.table == table) {
      if (!sheets.empty()) sheets += ", ";
      sheets += s.sheet;
    }
  return sheets;
}

HtmlWriter::TableGroups HtmlWriter::groups_of(const FileReport& f) const {
  std::vector<std::string> order{""};
  for (const RecognisedTable& t : f.recognition.tables) order.push_back(t.table);
  std::map<std::string, std::vector<const Problem*>> by_table;
  for (const Problem& x : report_.problems) {
    if (x.file != f.file) continue;
    if (std::find(order.begin(), order.end(), x.table) == order.end()) order.push_back(x.table);
    by_table[x.table].push_back(&x);
  }
  TableGroups groups;
  for (const std::string& table : order) {
    auto it = by_table.find(table);
    if (it != by_table.end()) groups.emplace_back(table, std::move(it->second));
  }
  return groups;
}

std::string HtmlWriter::group_anchor(std::size_t file, std::size_t group) {
  return "file-" + std::to_string(file + 1) + "-group-" + std::to_string(group + 1);
}

void HtmlWriter::contents() {
  out_ += "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">";
  out_ += ui_("contents");
  out_ += "</h2>\n<ol>\n";
  std::set<std::string> names;
  for (std::size_t i = 0; i < report_.files.size(); ++i) {
    const FileReport& f = report_.files[i];
    if (!names.insert(f.file).second) continue;
    out_ += "<li><a href=\"#file-" + std::to_string(i + 1) + "\"><code>";
    esc(out_, f.file);
    out_ += "</code></a>";
    const TableGroups groups = groups_of(f);
    if (!groups.empty()) out_ += "\n<ol>\n";
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto& [table, problems] = groups[g];
      std::uint64_t by_severity[3] = {0, 0, 0};
      for (const Problem* x : problems) ++by_severity[static_cast<int>(x->severity)];
      out_ += "<li><a href=\"#" + group_anchor(i, g) + "\">";
      if (table.empty()) out_ += ui_("whole_file");
      else {
        out_ += "<code>";
        esc(out_, table);
        out_ += "</code>";
        const TableTemplate* t = rulebook_.table(table);
        if (t && !t->label.in(report_.language).empty()) {
          out_ += " ";
          esc(out_, t->label.in(report_.language));
        }
      }
      // Its problems by severity, as the symbols of the summary ("✖ 3 ℹ 2"), no plural to agree.
      out_ += "</a> \xE2\x80\x94";
      for (Severity severity : {Severity::error, Severity::warning, Severity::info}) {
        const std::uint64_t n = by_severity[static_cast<int>(severity)];
        if (!n) continue;
        out_ += " <span class=\"sev sev-";
        out_ += severity_key(severity);
        out_ += "\"><span aria-hidden=\"true\">";
        out_ += severity_symbol(severity);
        out_ += "</span> " + std::to_string(n) + "<span class=\"vh\"> ";
        out_ += ui_(severity_plural_key(severity));
        out_ += "</span></span>";
      }
      out_ += "</li>\n";
    }
    if (!groups.empty()) out_ += "</ol>\n";
    out_ += "</li>\n";
  }
  std::set<std::string> files(names);
  const bool across = std::any_of(report_.problems.begin(), report_.problems.end(),
                                  [&](const Problem& x) { return !files.count(x.file); });
  if (across) {
    out_ += "<li><a href=\"#across\">";
    out_ += ui_("across_files");
    out_ += "</a></li>\n";
  }
  if (!report_.rules.empty()) {
    out_ += "<li><a href=\"#rules\">";
    out_ += ui_("rules");
    out_ += "</a></li>\n";
  }
  out_ += "</ol>\n</nav>\n";
}

void HtmlWriter::file_section(std::size_t i) {
  const FileReport& f = report_.files[i];
  const std::string anchor = "file-" + std::to_string(i + 1);
  out_ += "<section aria-labelledby=\"" + anchor + "\">\n<h2 id=\"" + anchor + "\">";
  out_ += ui_("file");
  out_ += " <code>";
  esc(out_, f.file);
  out_ += "</code></h2>\n";
  const TableGroups groups = groups_of(f);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& [table, problems] = groups[g];
    out_ += "<h3 id=\"" + group_anchor(i, g) + "\">";
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
        out_ += " ";
        quoted(sheet);
        out_ += ")";
      }
    }
    out_ += "</h3>\n";
    findings_by_severity(problems);
  }
  if (groups.empty()) {
    out_ += "<p>";
    out_ += ui_("no_findings");
    out_ += "</p>\n";
  }
  out_ += "</section>\n";
}

void HtmlWriter::across_files() {
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

void HtmlWriter::findings_by_severity(const std::vector<const Problem*>& list) {
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

void HtmlWriter::problem_rows(const Problem& p) {
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
  // What to do: the rule's instruction in the report's language, under its problem.
  if (const RuleSpec* spec = spec_of(p.rule)) {
    const std::string& instruction = spec->instruction.in(report_.language);
    if (!instruction.empty()) {
      out_ += "<tr class=\"todo\"><td></td><td colspan=\"5\"><strong>";
      out_ += ui_("what_to_do");
      out_ += "</strong> ";
      esc(out_, instruction);
      out_ += "</td></tr>\n";
    }
  }
  // Several agencies' return: whose tables the problem concerns.
  if (report_.agencies.size() > 1 && !p.agencies.empty()) {
    out_ += "<tr class=\"todo\"><td></td><td colspan=\"5\"><strong>";
    out_ += ui_("problem_agencies");
    out_ += "</strong> ";
    for (std::size_t k = 0; k < p.agencies.size(); ++k) {
      if (k) out_ += "; ";
      esc(out_, p.agencies[k]);
    }
    out_ += "</td></tr>\n";
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

void HtmlWriter::finding_row(const Finding& x) {
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

void HtmlWriter::agencies() {
  if (report_.agencies.empty() && !report_.part) return;
  out_ += "<section aria-labelledby=\"agencies\">\n<h2 id=\"agencies\">";
  out_ += ui_("agencies");
  out_ += "</h2>\n";
  if (report_.part) {
    out_ += "<p class=\"note\" role=\"note\">";
    out_ += ui_("part");
    out_ += "</p>\n";
  }
  if (report_.agencies.empty()) {
    out_ += "</section>\n";
    return;
  }
  out_ += "<table>\n<caption>";
  out_ += ui_("agencies_caption");
  out_ += "</caption>\n<thead><tr>";
  for (const char* key : {"agency", "agency_tables", "awaited", "errors", "warnings", "infos", "last_update"}) {
    out_ += "<th scope=\"col\">";
    out_ += ui_(key);
    out_ += "</th>";
  }
  out_ += "</tr></thead>\n<tbody>\n";
  auto list = [&](const std::vector<std::string>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
      if (k) out_ += ", ";
      esc(out_, items[k]);
    }
  };
  for (const AgencySummary& a : report_.agencies) {
    out_ += "<tr><th scope=\"row\">";
    esc(out_, a.agency);
    out_ += "</th><td>";
    list(a.tables);
    out_ += "</td><td>";
    list(a.awaited);
    out_ += "</td>";
    for (std::uint64_t n : {a.errors, a.warnings, a.infos}) out_ += "<td class=\"num\">" + std::to_string(n) + "</td>";
    out_ += "<td>";
    esc(out_, a.last_update);
    out_ += "</td></tr>\n";
  }
  out_ += "</tbody>\n</table>\n</section>\n";
}

void HtmlWriter::rules() {
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

const RuleSpec* HtmlWriter::spec_of(const std::string& id) const {
  auto it = specs_.find(id);
  return it == specs_.end() ? nullptr : it->second;
}

}  // namespace migcheck::html
