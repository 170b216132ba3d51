// Unknown categories kept small (check 12): the share of the code with role
// "unknown" in the total of its dimension, for every combination of the
// other dimensions, may not pass the rule's threshold.
#include <cmath>
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "rules/grouping.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::rules {

void run_share(const RuleRun& run, const FileContext& file) {
  const double threshold = run.params<ShareParams>().threshold;
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table)) continue;
    const std::size_t n = t.dimensions.size();
    const auto symbols = symbol_index(t);
    for (std::size_t d = 0; d < n; ++d) {
      const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
      const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
      if (!list) continue;
      const Code *unknown = nullptr, *total = nullptr;
      for (const Code& c : list->codes) {
        if (c.role == CodeRole::unknown && !unknown) unknown = &c;
        if (c.role == CodeRole::total && !total) total = &c;
      }
      if (!unknown || !total) continue;
      const auto u = symbols.find(unknown->id), tt = symbols.find(total->id);
      if (u == symbols.end() || tt == symbols.end()) continue;
      // Other key -> (unknown observation, total observation); ordered below.
      const std::vector<std::uint64_t> numbers = key_numbers(t, d);
      std::unordered_map<std::uint64_t, std::pair<long, long>> by_number;
      std::map<std::string, std::pair<long, long>> by_key;  // keys beyond 64 bits
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::uint32_t code = t.keys[i * n + d];
        if (code != u->second && code != tt->second) continue;
        std::pair<long, long>* p = nullptr;
        if (!numbers.empty()) {
          p = &by_number.try_emplace(numbers[i], -1, -1).first->second;
        } else {
          std::string key;
          for (std::size_t k = 0; k < n; ++k)
            if (k != d) key.append(reinterpret_cast<const char*>(&t.keys[i * n + k]), sizeof(std::uint32_t));
          p = &by_key.try_emplace(key, -1, -1).first->second;
        }
        (code == u->second ? p->first : p->second) = static_cast<long>(i);
      }
      std::vector<std::pair<long, long>> ordered;
      for (const auto& [number, p] : by_number) ordered.push_back(p);
      for (const auto& [key, p] : by_key) ordered.push_back(p);
      std::sort(ordered.begin(), ordered.end(), [](auto a, auto b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
      for (const auto& [ui, ti] : ordered) {
        if (ui < 0 || ti < 0 || std::isnan(t.values[ui]) || std::isnan(t.values[ti]) || t.values[ti] <= 0) {
          ++run.summary.not_applicable;
          continue;
        }
        ++run.summary.checked;
        const double share = t.values[ui] / t.values[ti];
        if (share <= threshold) {
          ++run.summary.passed;
          continue;
        }
        ++run.summary.failed;
        const auto i = static_cast<std::size_t>(ui);
        Finding f = run.finding(file, t.table, sheet_of(file, t, i), cell_of(t, i),
                                {{"table", t.table},
                                 {"dimension", dim->id},
                                 {"share", format_number(std::round(share * 1000) / 10)},
                                 {"threshold", format_number(std::round(threshold * 1000) / 10)},
                                 {"cell", cell_of(t, i)}});
        f.related_cells.push_back(cell_of(t, static_cast<std::size_t>(ti)));
        f.key = observation_key(t, i);
        f.actual = share;
        f.expected = threshold;
        run.sink.add(std::move(f));
      }
    }
  }
}

}  // namespace migcheck::rules
