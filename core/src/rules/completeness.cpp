// Completeness (check 9): every combination of the codes a table must carry
// is present, as a number or a marker. Per dimension, the codes it must
// carry are those it uses, plus, for every hierarchy it uses, the total and
// the listed parts other than "unknown".
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {
constexpr double kMaxCombinations = 2'000'000;
}  // namespace

void run_completeness(const RuleRun& run, const FileContext& file) {
  // Codes a table may leave out even when their hierarchy is used ("STLS").
  std::set<std::string> optional;
  for (const auto& c : run.params.value("optional_codes", nlohmann::json::array())) optional.insert(c.get<std::string>());
  for (const RecognisedTable& t : file.file.recognition.tables) {
    if (!run.applies_to(t.table) || t.size() == 0) continue;
    const std::size_t n = t.dimensions.size();
    const std::size_t symbols = t.symbols.size();
    // Symbols used in each dimension: one pass over the keys, no string per observation.
    std::vector<std::vector<char>> used_symbol(n, std::vector<char>(symbols, 0));
    for (std::size_t i = 0; i < t.size(); ++i)
      for (std::size_t d = 0; d < n; ++d) used_symbol[d][t.keys[i * n + d]] = 1;
    std::vector<std::vector<std::string>> expected(n);
    for (std::size_t d = 0; d < n; ++d) {
      std::set<std::string> codes;
      for (std::size_t s = 0; s < symbols; ++s)
        if (used_symbol[d][s]) codes.insert(t.symbols[s]);
      const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
      const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
      if (list) {
        const std::set<std::string> used = codes;
        for (const Hierarchy& h : list->hierarchies) {
          bool in_use = used.count(h.total) > 0;
          for (const auto& p : h.parts) in_use = in_use || used.count(p) > 0;
          if (!in_use || h.all_individual_codes) continue;
          // A hierarchy is used only in the group the table uses (5-year or broad ages).
          if (!h.group.empty()) {
            bool group_used = false;
            for (const auto& p : h.parts) {
              const Code* c = list->find(p);
              group_used = group_used || (c && c->group == h.group && used.count(p));
            }
            if (!group_used) continue;
          }
          codes.insert(h.total);
          for (const auto& p : h.parts) {
            const Code* c = list->find(p);
            if (!c || c->role == CodeRole::unknown || (optional.count(p) && !used.count(p))) continue;
            // NAT is present when the reporting country's own code is.
            if (c->relative_to_reporting_country && used.count(file.file.recognition.reporting_country)) continue;
            codes.insert(p);
          }
        }
      }
      expected[d].assign(codes.begin(), codes.end());
    }
    // Walk the cartesian product of the expected codes, within a bound.
    double combinations = 1;
    for (const auto& e : expected) combinations *= static_cast<double>(e.size());
    if (combinations > kMaxCombinations) {
      run.summary.error = "table " + t.table + " would need " + format_number(combinations) +
                          " combinations checked; at most " + format_number(kMaxCombinations) + " are";
      continue;
    }
    // Each combination has a number in the walk's order (the last dimension
    // fastest); an observation marks the number its codes make.
    std::vector<std::vector<std::int64_t>> place(n, std::vector<std::int64_t>(symbols, -1));
    for (std::size_t d = 0; d < n; ++d)
      for (std::size_t s = 0; s < symbols; ++s) {
        auto at = std::lower_bound(expected[d].begin(), expected[d].end(), t.symbols[s]);
        if (at != expected[d].end() && *at == t.symbols[s]) place[d][s] = at - expected[d].begin();
      }
    const auto total = static_cast<std::size_t>(combinations);
    std::vector<bool> present(total, false);
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::size_t number = 0;
      bool expected_key = true;
      for (std::size_t d = 0; d < n && expected_key; ++d) {
        const std::int64_t p = place[d][t.keys[i * n + d]];
        expected_key = p >= 0;
        number = number * expected[d].size() + static_cast<std::size_t>(p);
      }
      if (expected_key) present[number] = true;
    }
    run.summary.checked += total;
    std::vector<std::size_t> at(n, 0);
    for (std::size_t number = 0; number < total; ++number) {
      if (number) {  // the next combination: the last dimension turns fastest
        std::size_t d = n;
        while (d > 0 && ++at[d - 1] == expected[d - 1].size()) at[--d] = 0;
      }
      if (present[number]) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      std::string key_text;
      for (std::size_t d = 0; d < n; ++d) key_text += (d ? ", " : "") + t.dimensions[d] + "=" + expected[d][at[d]];
      Finding f = run.finding(file, t.table, sheet_of(file, t, 0), "", {{"table", t.table}, {"key", key_text}});
      for (std::size_t d = 0; d < n; ++d) f.key.emplace_back(t.dimensions[d], expected[d][at[d]]);
      run.sink.add(std::move(f));
    }
  }
}

}  // namespace migcheck::rules
