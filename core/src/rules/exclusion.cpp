// Definitional exclusions (check 11): a dimension may not take the reporting
// country's own code (or codes that stand for it) in some tables, e.g.
// nationals abroad cannot reside in the reporting country.
#include <algorithm>
#include <cmath>

#include "rules/rule_run.hpp"

namespace migcheck::rules {

void run_exclusion(const RuleRun& run, const FileContext& file) {
  const std::string dimension = run.params.value("dimension", "");
  const std::string& reporting = file.file.recognition.reporting_country;
  std::vector<std::string> forbidden;
  if (auto it = run.params.find("codes"); it != run.params.end() && it->is_array())
    for (const auto& c : *it) {
      const std::string code = c.get<std::string>();
      if (code == "reporting_country") {
        if (!reporting.empty()) forbidden.push_back(reporting);
      } else {
        forbidden.push_back(code);
      }
    }
  for (const RecognisedTable& t : file.file.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
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
