// Additivity: total = sum of parts along every code-list hierarchy, checked
// for every combination of the table's other dimensions. One rule in the
// rulebook, thousands of checks in a file.
#include <cmath>
#include <algorithm>
#include <set>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

enum class Missing { skip_if_any, skip_if_all, zero };

Missing missing_strategy(const nlohmann::json& params) {
  const std::string m = params.value("missing", "skip_if_any_missing");
  if (m == "skip_if_all_missing") return Missing::skip_if_all;
  if (m == "treat_as_zero") return Missing::zero;
  return Missing::skip_if_any;
}

// The key of observation i without dimension d, as bytes.
std::string other_key(const RecognisedTable& t, std::size_t i, std::size_t d) {
  const std::size_t n = t.dimensions.size();
  std::string key;
  key.reserve((n - 1) * sizeof(std::uint32_t));
  for (std::size_t k = 0; k < n; ++k)
    if (k != d) key.append(reinterpret_cast<const char*>(&t.keys[i * n + k]), sizeof(std::uint32_t));
  return key;
}

}  // namespace

void run_hierarchy(const RuleRun& run, const FileContext& file) {
  const Missing missing = missing_strategy(run.params);
  const double absolute = run.params.contains("tolerance") ? run.params["tolerance"].value("absolute", 0.0) : 0.0;
  const double relative = run.params.contains("tolerance") ? run.params["tolerance"].value("relative", 0.0) : 0.0;
  std::set<std::string> only;
  if (auto it = run.params.find("hierarchies"); it != run.params.end() && it->is_array())
    for (const auto& h : *it) only.insert(h.get<std::string>());
  const std::string& reporting = file.file.recognition.reporting_country;

  for (const RecognisedTable& t : file.file.recognition.tables) {
    if (!run.applies_to(t.table) || t.size() == 0) continue;
    const auto symbols = symbol_index(t);
    auto symbol = [&](const std::string& code) -> std::int64_t {
      auto it = symbols.find(code);
      return it == symbols.end() ? -1 : static_cast<std::int64_t>(it->second);
    };
    const std::size_t n = t.dimensions.size();
    for (std::size_t d = 0; d < n; ++d) {
      const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
      const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
      if (!list || list->hierarchies.empty()) continue;
      // Observations grouped by the other dimensions' codes; within a group, by this dimension's code.
      std::unordered_map<std::string, std::unordered_map<std::uint32_t, std::size_t>> groups;
      for (std::size_t i = 0; i < t.size(); ++i) groups[other_key(t, i, d)].emplace(t.keys[i * n + d], i);

      for (const Hierarchy& h : list->hierarchies) {
        if (!only.empty() && !only.count(h.id)) continue;
        const std::int64_t total = symbol(h.total);
        if (total < 0) continue;
        // The codes of the parts, as symbols of this table; NAT is the reporting country's own code.
        std::vector<std::pair<std::string, std::int64_t>> parts;
        if (!h.all_individual_codes) {
          for (const auto& p : h.parts) {
            std::int64_t s = symbol(p);
            const Code* code = list->find(p);
            if (s < 0 && code && code->relative_to_reporting_country && !reporting.empty()) s = symbol(reporting);
            parts.emplace_back(p, s);
          }
        } else {
          for (std::uint32_t s = 0; s < t.symbols.size(); ++s) {
            const Code* code = list->find(t.symbols[s]);
            if (!code || code->role != CodeRole::individual) continue;
            if (h.except_reporting_country && code->id == reporting) continue;
            if (std::find(h.excluded.begin(), h.excluded.end(), code->id) != h.excluded.end()) continue;
            parts.emplace_back(code->id, s);
          }
        }
        // In the order of the totals in the file, so that every build reports alike.
        std::vector<std::pair<std::size_t, const std::unordered_map<std::uint32_t, std::size_t>*>> checks;
        for (const auto& [group_key, codes] : groups) {
          auto total_it = codes.find(static_cast<std::uint32_t>(total));
          if (total_it != codes.end()) checks.emplace_back(total_it->second, &codes);
        }
        std::sort(checks.begin(), checks.end());
        for (const auto& [total_obs, codes_ptr] : checks) {
          const auto& codes = *codes_ptr;
          // A part absent from the table is a category not reported (0); a part
          // present without a number (a marker) is missing, per the rule's strategy.
          double sum = 0;
          std::size_t numbers = 0, markers = 0;
          std::vector<std::string> related;
          std::string part_list;
          for (const auto& [code, s] : parts) {
            auto it = s < 0 ? codes.end() : codes.find(static_cast<std::uint32_t>(s));
            if (it == codes.end()) continue;
            related.push_back(cell_of(t, it->second));
            part_list += (part_list.empty() ? "" : " + ") + code;
            if (std::isnan(t.values[it->second])) {
              ++markers;
              continue;
            }
            ++numbers;
            sum += t.values[it->second];
          }
          const double actual = t.values[total_obs];
          if (numbers + markers == 0) continue;  // no part reported: the hierarchy does not apply here
          const bool skip = std::isnan(actual) ||
                            (missing == Missing::skip_if_any && markers > 0) ||
                            (missing == Missing::skip_if_all && numbers == 0);
          if (skip) {
            ++run.summary.not_applicable;
            continue;
          }
          ++run.summary.checked;
          const double difference = actual - sum;
          if (std::fabs(difference) <= absolute + relative * std::fabs(sum)) {
            ++run.summary.passed;
            continue;
          }
          ++run.summary.failed;
          Finding f = run.finding(file, t.table, sheet_of(file, t, total_obs), cell_of(t, total_obs),
                                  {{"table", t.table},
                                   {"dimension", dim->id},
                                   {"total", h.total},
                                   {"parts", part_list},
                                   {"expected", format_number(sum)},
                                   {"actual", format_number(actual)},
                                   {"difference", format_number(difference)},
                                   {"cell", cell_of(t, total_obs)}});
          f.related_cells = std::move(related);
          f.key = observation_key(t, total_obs);
          f.expected = sum;
          f.actual = actual;
          run.sink.add(std::move(f));
        }
      }
    }
  }
}

}  // namespace migcheck::rules
