// Kind `structure`, checks `marker_status` and `status_value` (check 13):
// markers, flags and statuses agree. A cell marked ".." or flagged "e" whose
// status column says A, or a number whose status says it is missing, are
// contradictions a receiver cannot resolve.
#include <algorithm>
#include <cmath>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string value_text(double v) { return std::isnan(v) ? std::string() : format_number(v); }

}  // namespace

void run_statuses(const RuleRun& run, const FileContext& file) {
  const StructureParams& p = run.params<StructureParams>();
  const bool conflicts = p.check == StructureParams::Check::marker_status;
  const auto& no_value = p.no_value_statuses;
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string& status = t.symbols[t.obs_status[i]];
      const std::string& implied = t.symbols[t.implied_obs_status[i]];
      const double v = t.values[i];
      bool failed;
      if (conflicts) {
        if (implied.empty()) {
          ++run.summary.not_applicable;
          continue;
        }
        failed = implied != status;
      } else {
        if (std::isnan(v)) {  // a marker: its status is checked by marker_status
          ++run.summary.not_applicable;
          continue;
        }
        failed = contains(no_value, status);
      }
      ++run.summary.checked;
      if (!failed) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                              {{"table", t.table},
                               {"cell", cell_of(t, i)},
                               {"value", value_text(v)},
                               {"status", status},
                               {"implied", implied},
                               {"conf_status", t.symbols[t.conf_status[i]]}});
      f.key = observation_key(t, i);
      if (!std::isnan(v)) f.actual = v;
      run.sink.add(std::move(f));
    }
  }
}

}  // namespace migcheck::rules
