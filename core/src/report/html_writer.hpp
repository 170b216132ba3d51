// The HTML report's writer (html.cpp: the page, its header and summary;
// html_sections.cpp: the files, the findings and the rules), its words and
// the escaping every text from a file or the rulebook goes through.
#pragma once

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


namespace migcheck::html {

// Escapes &, <, >, " and ' for text and attribute values; characters HTML cannot hold become U+FFFD.
inline void esc(std::string& out, std::string_view s) { util::append_escaped(out, s, util::Markup::html); }

inline std::string number(double v) {
  std::string out;
  util::append_json_number(out, v);
  return out;
}

inline const char* severity_key(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info";
}
inline const char* severity_plural_key(Severity s) {
  return s == Severity::error ? "errors" : s == Severity::warning ? "warnings" : "infos";
}
// A symbol as well as a colour, so that severity does not rest on colour alone.
inline const char* severity_symbol(Severity s) {
  return s == Severity::error ? "\xE2\x9C\x96" : s == Severity::warning ? "\xE2\x96\xB2" : "\xE2\x84\xB9";
}

extern const char* const kStyle;

class HtmlWriter {
 public:
  HtmlWriter(const Report& report, const Rulebook& rulebook)
      : report_(report), rulebook_(rulebook), ui_(report.language, "html") {
    for (const RuleSpec& r : rulebook_.rules) specs_[r.id] = &r;
    for (const RuleSummary& r : report_.rules) with_anchor_.insert(r.rule);
  }

  std::string write();

 private:
  // "Validation report: a.xlsx, b.csv (comesa-migration 2026.1)"; at most three file names.
  std::string title_text() const;

  void header();

  void summary();

  // The anchor of the file (its first position among files of the same name).
  std::size_t file_anchor(std::size_t i) const;

  static std::string sheet_of(const FileReport& f, const std::string& table);

  // A file's problems by table: the whole file first, then the recognised
  // tables in their order, then any other table a finding names.
  using TableGroups = std::vector<std::pair<std::string, std::vector<const Problem*>>>;
  TableGroups groups_of(const FileReport& f) const;
  static std::string group_anchor(std::size_t file, std::size_t group);

  // The table of contents: each file's tables with their problems, the checks across files, the rules.
  void contents();

  void file_section(std::size_t i);

  // Per agency: its tables, what is awaited, its problems, its oldest update (docs/agencies.md).
  void agencies();

  // Findings that name no file of the report (checks across files).
  void across_files();

  // One row per problem (its first finding), and below it the other cells of the same problem.
  void findings_by_severity(const std::vector<const Problem*>& list);

  void problem_rows(const Problem& p);

  void finding_row(const Finding& x);

  void rules();

  const RuleSpec* spec_of(const std::string& id) const;

  // A sheet name in the language's quotation marks ("html.quoted": “Sheet”, « Feuille », «ورقة»), escaped.
  void quoted(std::string_view text);

  const Report& report_;
  const Rulebook& rulebook_;
  Words ui_;  // the report's interface words ("html.*" in the catalogue)
  std::map<std::string, const RuleSpec*> specs_;
  std::set<std::string> with_anchor_;
  std::string out_;
};

}  // namespace migcheck::html
