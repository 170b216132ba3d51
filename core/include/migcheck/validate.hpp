// Validation: read, recognise, and confront every file with the rulebook's
// rules; a report with findings and a per-rule summary (docs/report.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/limits.hpp"
#include "migcheck/report.hpp"
#include "migcheck/report_formats.hpp"  // what a caller of validate() writes the report with
#include "migcheck/rulebook.hpp"

namespace migcheck {

struct Mapping;

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
  // The files are one agency's part of a return (docs/agencies.md): the
  // required tables and the checks across tables that wait for other
  // agencies' tables are infos. Also on when a Sources sheet names one
  // producing agency for every table given.
  bool part = false;
  // Optional; called a few hundred times at most, whatever the file's size.
  std::function<void(const Progress&)> progress;
};

struct Input {
  std::string name;
  std::string_view bytes;
  // Last year's return, already accepted: it takes part in the checks over
  // time (change, balance, revision) but its own findings are not reported.
  bool previous = false;
};

Report validate(const std::vector<Input>& inputs, const Rulebook& rulebook, const ValidationOptions& options = {});

}  // namespace migcheck
