// Level 0 checks on the values themselves: counts are non-negative whole
// numbers (check 5), and no observation key appears twice (check 6).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "rules/grouping.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::rules {

void run_values(const RuleRun& run, const FileContext& file) {
  for (const RecognisedTable& t : file.report.recognition.tables) {
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
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    const std::size_t n = t.dimensions.size();
    // Sorted by key, then position: a repeated key is a run, its first element the first written.
    std::vector<std::uint32_t> order(t.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    // Whole keys as numbers when they fit in 64 bits (grouping.hpp), else compared symbol by symbol.
    const std::vector<std::uint64_t> numbers = key_numbers(t, n);
    auto key_less = [&](std::uint32_t a, std::uint32_t b) {
      if (!numbers.empty()) return numbers[a] < numbers[b];
      return std::lexicographical_compare(&t.keys[a * n], &t.keys[a * n + n], &t.keys[b * n], &t.keys[b * n + n]);
    };
    if (!numbers.empty()) {
      std::vector<std::pair<std::uint64_t, std::uint32_t>> items(t.size());
      for (std::uint32_t i = 0; i < items.size(); ++i) items[i] = {numbers[i], i};
      std::sort(items.begin(), items.end());
      for (std::size_t i = 0; i < items.size(); ++i) order[i] = items[i].second;
    } else {
      std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return key_less(a, b) || (!key_less(b, a) && a < b);
      });
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats;  // (observation, the first with its key)
    for (std::size_t k = 1, first = 0; k < order.size(); ++k) {
      if (key_less(order[first], order[k])) first = k;
      else repeats.emplace_back(order[k], order[first]);
    }
    std::sort(repeats.begin(), repeats.end());  // in the file's order
    run.summary.checked += t.size();
    run.summary.passed += t.size() - repeats.size();
    run.summary.failed += repeats.size();
    for (const auto& [i, earlier] : repeats) {
      std::string key_text;
      for (std::size_t k = 0; k < n; ++k) key_text += (k ? ", " : "") + t.dimensions[k] + "=" + t.code(i, k);
      Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                              {{"key", key_text}, {"cell", cell_of(t, i)}, {"other_cell", cell_of(t, earlier)}});
      f.related_cells.push_back(cell_of(t, earlier));
      f.key = observation_key(t, i);
      run.sink.add(std::move(f));
    }
  }
}

}  // namespace migcheck::rules
