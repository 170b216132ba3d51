// Definitional exclusions (check 11): a dimension may not take the reporting
// country's own code (or codes that stand for it) in some tables, e.g.
// nationals abroad cannot reside in the reporting country.
#include <algorithm>
#include <cmath>

#include "rules/rule_run.hpp"

namespace migcheck::rules {

namespace {

std::vector<std::string> excluded_codes(const ExclusionParams& params, const std::string& reporting) {
  std::vector<std::string> forbidden;
  for (const std::string& code : params.codes) {
    if (code == "reporting_country") {
      if (!reporting.empty()) forbidden.push_back(reporting);
    } else {
      forbidden.push_back(code);
    }
  }
  return forbidden;
}

}  // namespace

std::vector<std::string> excluded_codes(const Rulebook& rulebook, const std::string& table, const std::string& dimension,
                                        const std::string& reporting) {
  std::vector<std::string> out;
  for (const RuleSpec& spec : rulebook.rules) {
    const auto* params = std::get_if<ExclusionParams>(&spec.params);
    if (!spec.enabled || !params || params->dimension != dimension || !spec.applies_to(table)) continue;
    for (auto& code : excluded_codes(*params, reporting)) out.push_back(std::move(code));
  }
  return out;
}

void run_exclusion(const RuleRun& run, const FileContext& file) {
  const std::string& dimension = run.params<ExclusionParams>().dimension;
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    const std::string& reporting = t.reporting_country.empty() ? file.report.recognition.reporting_country : t.reporting_country;
    const std::vector<std::string> forbidden = excluded_codes(run.params<ExclusionParams>(), reporting);
    const std::size_t d = t.dimension_index(dimension);
    if (d == t.dimensions.size()) continue;
    for (std::size_t i = 0; i < t.size(); ++i) {
      ++run.summary.checked;
      const std::string& code = t.code(i, d);
      const bool excluded = std::find(forbidden.begin(), forbidden.end(), code) != forbidden.end();
      // A zero or a marker states that there is nobody: no contradiction.
      if (!excluded || std::isnan(t.values[i]) || t.values[i] == 0) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                              {{"table", t.table}, {"dimension", dimension}, {"code", code}, {"cell", cell_of(t, i)},
                               {"value", format_number(t.values[i])}});
      f.key = observation_key(t, i);
      f.actual = t.values[i];
      f.expected = 0;
      run.sink.add(std::move(f));
    }
  }
}

}  // namespace migcheck::rules
