// Level 0 checks on the values themselves: counts are non-negative whole
// numbers (check 5), and no observation key appears twice (check 6).
#include <cmath>
#include <unordered_map>

#include "rules/rule_run.hpp"

namespace migcheck::rules {

void run_values(const RuleRun& run, const FileContext& file) {
  for (const RecognisedTable& t : file.file.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const double v = t.values[i];
      if (std::isnan(v)) {
        ++run.summary.not_applicable;
        continue;
      }
      ++run.summary.checked;
      const char* problem = v < 0 ? "negative" : v != std::floor(v) ? "not_whole" : nullptr;
      if (!problem) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                              {{"value", format_number(v)}, {"cell", cell_of(t, i)}, {"problem", problem}});
      f.key = observation_key(t, i);
      f.actual = v;
      run.sink.add(std::move(f));
    }
  }
}

void run_duplicates(const RuleRun& run, const FileContext& file) {
  for (const RecognisedTable& t : file.file.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    const std::size_t n = t.dimensions.size();
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < t.size(); ++i) {
      ++run.summary.checked;
      const std::string key(reinterpret_cast<const char*>(&t.keys[i * n]), n * sizeof(std::uint32_t));
      auto [it, inserted] = first.emplace(key, i);
      if (inserted) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      std::string key_text;
      for (std::size_t k = 0; k < n; ++k) key_text += (k ? ", " : "") + t.dimensions[k] + "=" + t.code(i, k);
      Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                              {{"key", key_text}, {"cell", cell_of(t, i)}, {"other_cell", cell_of(t, it->second)}});
      f.related_cells.push_back(cell_of(t, it->second));
      f.key = observation_key(t, i);
      run.sink.add(std::move(f));
    }
  }
}

}  // namespace migcheck::rules
