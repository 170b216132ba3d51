// One partition per table (check 10): the codes with a numeric range that a
// dimension uses belong to one group and neither overlap nor leave gaps
// (Y15T19 beside Y15T24 is an overlap; Y0T4 then Y10T14 a gap).
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "rules/rule_run.hpp"

namespace migcheck::rules {

void run_partition(const RuleRun& run, const FileContext& file) {
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
      const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
      const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
      if (!list) continue;
      // The codes used, from one flag per symbol (no string per observation).
      std::vector<char> used_symbol(t.symbols.size(), 0);
      const std::size_t n = t.dimensions.size();
      for (std::size_t i = 0; i < t.size(); ++i) used_symbol[t.keys[i * n + d]] = 1;
      std::set<std::string> used;
      for (std::size_t s = 0; s < used_symbol.size(); ++s)
        if (used_symbol[s]) used.insert(t.symbols[s]);
      std::vector<const Code*> bands;
      std::set<std::string> groups;
      for (const auto& id : used) {
        const Code* c = list->find(id);
        if (c && c->has_range && c->role == CodeRole::individual) {
          bands.push_back(c);
          groups.insert(c->group);
        }
      }
      if (bands.empty()) continue;
      ++run.summary.checked;
      // A total order (the id breaks ties): std::sort orders equal bands differently in libstdc++ and libc++.
      std::sort(bands.begin(), bands.end(), [](const Code* a, const Code* b) {
        return std::tie(a->range_low, a->range_high, a->id) < std::tie(b->range_low, b->range_high, b->id);
      });
      // The first pair of bands that breaks the partition ("-" when the problem is at an end).
      std::string first, second;
      for (std::size_t k = 1; k < bands.size() && first.empty(); ++k)
        if (bands[k]->range_low <= bands[k - 1]->range_high || bands[k]->range_low > bands[k - 1]->range_high + 1) {
          first = bands[k - 1]->id;
          second = bands[k]->id;
        }
      if (first.empty() && groups.size() > 1) first = bands.front()->id, second = bands.back()->id;
      if (first.empty() && !std::isinf(bands.back()->range_high)) first = bands.back()->id, second = "-";
      // The partition starts where the code list starts: ages at 0, permit durations at 3 months.
      double lowest = INFINITY;
      for (const Code& c : list->codes)
        if (c.has_range && c.role == CodeRole::individual) lowest = std::min(lowest, c.range_low);
      if (first.empty() && bands.front()->range_low > lowest && !std::isinf(bands.front()->range_low))
        first = "-", second = bands.front()->id;
      const std::string problem = first;
      if (problem.empty()) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      std::string codes;
      for (const Code* c : bands) codes += (codes.empty() ? "" : ", ") + c->id;
      run.sink.add(run.finding(file, t.table, t.size() ? sheet_of(file, t, 0) : std::string(), "",
                               {{"table", t.table}, {"dimension", dim->id}, {"codes", codes}, {"first", first}, {"second", second}}));
    }
  }
}

}  // namespace migcheck::rules
