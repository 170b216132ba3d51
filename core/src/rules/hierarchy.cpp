// Additivity: total = sum of parts along every code-list hierarchy, checked
// for every combination of the table's other dimensions. One rule in the
// rulebook, thousands of checks in a file.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <set>

#include "rules/grouping.hpp"
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

// Observation indices ordered by every dimension's symbol but d, then d's,
// then position: the observations of one combination of the other
// dimensions are one run, no per-observation key or hash map needed.
std::vector<std::uint32_t> grouped_order(const RecognisedTable& t, std::size_t d) {
  const std::size_t n = t.dimensions.size();
  std::vector<std::uint32_t> order(t.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // Sorting (the other dimensions' number, d's symbol, position) gives the
  // same order as comparing the keys symbol by symbol, several times faster.
  const std::vector<std::uint64_t> numbers = key_numbers(t, d);
  if (!numbers.empty()) {
    struct Item {
      std::uint64_t group;
      std::uint32_t code, index;
    };
    std::vector<Item> items(t.size());
    for (std::uint32_t i = 0; i < items.size(); ++i) items[i] = {numbers[i], t.keys[i * n + d], i};
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.group != b.group ? a.group < b.group : a.code != b.code ? a.code < b.code : a.index < b.index;
    });
    for (std::size_t i = 0; i < items.size(); ++i) order[i] = items[i].index;
    return order;
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::uint32_t* ka = &t.keys[a * n];
    const std::uint32_t* kb = &t.keys[b * n];
    for (std::size_t k = 0; k < n; ++k) {
      if (k == d || ka[k] == kb[k]) continue;
      return ka[k] < kb[k];
    }
    if (ka[d] != kb[d]) return ka[d] < kb[d];
    return a < b;
  });
  return order;
}

bool same_group(const RecognisedTable& t, std::uint32_t a, std::uint32_t b, std::size_t d) {
  const std::size_t n = t.dimensions.size();
  for (std::size_t k = 0; k < n; ++k)
    if (k != d && t.keys[a * n + k] != t.keys[b * n + k]) return false;
  return true;
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
      // Runs of observations sharing the other dimensions' codes, sorted by this dimension's code.
      const std::vector<std::uint32_t> order = grouped_order(t, d);
      struct Group {
        std::size_t begin, end;
      };
      std::vector<Group> groups;
      for (std::size_t g = 0; g < order.size();) {
        std::size_t e = g + 1;
        while (e < order.size() && same_group(t, order[g], order[e], d)) ++e;
        groups.push_back({g, e});
        g = e;
      }
      // Observation of `symbol` in a group (the first one when written twice), or -1.
      auto find_in = [&](const Group& g, std::uint32_t symbol) -> std::int64_t {
        auto it = std::lower_bound(order.begin() + static_cast<std::ptrdiff_t>(g.begin),
                                   order.begin() + static_cast<std::ptrdiff_t>(g.end), symbol,
                                   [&](std::uint32_t obs, std::uint32_t s) { return t.keys[obs * n + d] < s; });
        if (it == order.begin() + static_cast<std::ptrdiff_t>(g.end) || t.keys[*it * n + d] != symbol) return -1;
        return *it;
      };

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
        // A grouped hierarchy (5-year or broad ages) applies only when the table
        // uses a code of its group: "Unknown" alone does not make a partition.
        if (!h.group.empty()) {
          bool group_used = false;
          for (const auto& [code, sym] : parts) {
            const Code* c = list->find(code);
            group_used = group_used || (sym >= 0 && c && c->group == h.group);
          }
          if (!group_used) continue;
        }
        std::vector<char> is_part(t.symbols.size(), 0);
        for (const auto& [code, sym] : parts)
          if (sym >= 0) is_part[static_cast<std::size_t>(sym)] = 1;
        // In the order of the totals in the file, so that every build reports alike.
        std::vector<std::pair<std::size_t, const Group*>> checks;
        for (const Group& g : groups) {
          const std::int64_t total_obs = find_in(g, static_cast<std::uint32_t>(total));
          if (total_obs >= 0) checks.emplace_back(static_cast<std::size_t>(total_obs), &g);
        }
        std::sort(checks.begin(), checks.end());
        for (const auto& [total_obs, group] : checks) {
          // A part absent from the table is a category not reported (0); a part
          // present without a number (a marker) is missing, per the rule's strategy.
          double sum = 0;
          std::size_t numbers = 0, markers = 0;
          std::uint32_t previous_symbol = UINT32_MAX;
          for (std::size_t k = group->begin; k < group->end; ++k) {
            const std::uint32_t obs = order[k];
            const std::uint32_t sym = t.keys[obs * n + d];
            if (!is_part[sym] || sym == previous_symbol) continue;  // not a part, or written twice
            previous_symbol = sym;
            if (std::isnan(t.values[obs])) {
              ++markers;
              continue;
            }
            ++numbers;
            sum += t.values[obs];
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
          // The parts in the hierarchy's order, for the message and the related cells.
          std::vector<std::string> related;
          std::string part_list;
          for (const auto& [code, sym] : parts) {
            const std::int64_t obs = sym < 0 ? -1 : find_in(*group, static_cast<std::uint32_t>(sym));
            if (obs < 0) continue;
            related.push_back(cell_of(t, static_cast<std::size_t>(obs)));
            part_list += (part_list.empty() ? "" : " + ") + code;
          }
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
