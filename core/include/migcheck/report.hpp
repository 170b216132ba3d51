// The validation report as a model: per file what was read and recognised,
// the findings and their grouping into problems, a summary per rule, the
// mirror statistics seen (docs/report.md). The pipeline (validate.hpp) fills
// it; the writers (report_formats.hpp) write it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "migcheck/error.hpp"
#include "migcheck/finding.hpp"
#include "migcheck/recognition.hpp"

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

// One cell of a mirror rule's asymmetry matrix (checks 19-20): what
// `reporter` says about `partner` against what `partner` says about
// `reporter`, for one year. A side is absent when that country's return
// lacks the figure (its table is in the dataset, the partner is not).
struct Asymmetry {
  std::string rule, year, reporter, partner;
  std::optional<double> reporter_value, partner_value;
};

// One agency's share of the return (docs/agencies.md): the tables the Sources
// sheets say it produces, the files that hold them, the problems that concern
// them, and the oldest date of last update of their sources.
struct AgencySummary {
  std::string agency;  // as the first Sources row naming it writes it
  std::vector<std::string> tables, files;
  std::vector<std::string> awaited;  // its tables the Sources name that no file given holds
  std::uint64_t errors = 0, warnings = 0, infos = 0;  // problems concerning its tables
  std::string last_update;                             // the oldest given, as written; "" when none
};

struct Report {
  std::string rulebook_id, rulebook_version;
  std::string language;
  std::vector<FileReport> files;
  std::vector<Finding> findings;  // capped per file; counts below stay exact
  std::vector<Problem> problems;  // the findings grouped by rule, cause and table, in the order to fix them (docs/report.md)
  std::vector<RuleSummary> rules;
  std::vector<Asymmetry> asymmetries;  // every pair a mirror rule saw, capped findings or not
  std::vector<AgencySummary> agencies;  // in the order their first table comes in the rulebook
  // Checked as one agency's part of a return (ValidationOptions::part, or a
  // Sources sheet naming one agency for every table): the tables and checks
  // that wait for other agencies are infos, not errors.
  bool part = false;
  std::uint64_t errors = 0, warnings = 0, infos = 0, cells_read = 0;  // findings (cells)
  std::uint64_t error_problems = 0, warning_problems = 0, info_problems = 0;
  bool partial = false;
};

}  // namespace migcheck
