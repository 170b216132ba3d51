// Validation: read, recognise, and confront every file with the rulebook's
// rules; a report with findings and a per-rule summary (docs/report.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/error.hpp"
#include "migcheck/finding.hpp"
#include "migcheck/limits.hpp"
#include "migcheck/recognition.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

// Like R validate's confrontation summary: per rule, how many checks it made.
struct RuleSummary {
  std::string rule;
  std::string kind;
  Severity severity = Severity::error;
  int level = 0;
  std::uint64_t checked = 0, passed = 0, failed = 0, not_applicable = 0;
  std::string error;  // the rule could not be evaluated (never thrown)
};

struct FileReport {
  std::string file;
  std::string format;                  // "xlsx", "csv", or "" when unreadable
  std::optional<Diagnostic> read_error;
  Recognition recognition;
  std::uint64_t cells_read = 0;
  bool previous = false;  // Input::previous
};

// Where validation is: the stage ("read", "recognise", "check" for one
// file's rules, "across" for checks across files), the file (0-based) of
// how many, and the fraction done overall, from 0 to 1, never decreasing.
struct Progress {
  std::string_view stage;
  std::size_t file = 0, files = 0;
  double fraction = 0;
};

struct ValidationOptions {
  std::string language = "en";
  std::size_t max_findings_per_file = 10'000;
  Limits limits;
  const Mapping* mapping = nullptr;  // what the user said by hand (migcheck/mapping.hpp); optional
  // Optional; called a few hundred times at most, whatever the file's size.
  std::function<void(const Progress&)> progress;
};

// One cell of a mirror rule's asymmetry matrix (checks 19-20): what
// `reporter` says about `partner` against what `partner` says about
// `reporter`, for one year. A side is absent when that country's return
// lacks the figure (its table is in the dataset, the partner is not).
struct Asymmetry {
  std::string rule, year, reporter, partner;
  std::optional<double> reporter_value, partner_value;
};

struct Report {
  std::string rulebook_id, rulebook_version;
  std::string language;
  std::vector<FileReport> files;
  std::vector<Finding> findings;  // capped per file; counts below stay exact
  std::vector<Problem> problems;  // the findings grouped by rule, cause and table, in order of first finding
  std::vector<RuleSummary> rules;
  std::vector<Asymmetry> asymmetries;  // every pair a mirror rule saw, capped findings or not
  std::uint64_t errors = 0, warnings = 0, infos = 0, cells_read = 0;  // findings (cells)
  std::uint64_t error_problems = 0, warning_problems = 0, info_problems = 0;
  bool partial = false;
};

struct Input {
  std::string name;
  std::string_view bytes;
  // Last year's return, already accepted: it takes part in the checks over
  // time (change, balance, revision) but its own findings are not reported.
  bool previous = false;
};

Report validate(const std::vector<Input>& inputs, const Rulebook& rulebook, const ValidationOptions& options = {});

// Writers (docs/report.md).
std::string report_json(const Report& report);
std::string report_text(const Report& report);
// JUnit XML: a test suite per file, a test case per rule, failed by its errors (and warnings with strict).
std::string report_junit(const Report& report, bool strict = false);
// SARIF 2.1.0: one result per finding; the cell is the region (row = line, column = column).
std::string report_sarif(const Report& report, const Rulebook& rulebook);
// A standalone HTML5 page (inline CSS, no script), in the report's language.
std::string report_html(const Report& report, const Rulebook& rulebook);
// SDMX-CSV 2.0 of the recognised observations of every readable file: one row per observation, codes only.
std::string report_sdmx_csv(const Report& report, const Rulebook& rulebook);

}  // namespace migcheck
