// Additivity: total = sum of parts along every code-list hierarchy, checked
// for every combination of the table's other dimensions. One rule in the
// rulebook, thousands of checks in a file.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "rules/grouping.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

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

// One term of a hierarchy in one table: a part's symbol (and, for NAT, the
// reporting country's), and the hierarchy that breaks the part down further
// (FOR into the countries), through which the part is counted when absent.
struct Term {
  std::string code;
  std::int64_t symbol = -1, own_code = -1;
  int breakdown = -1;  // index into the dimension's plans
};
struct Plan {
  const Hierarchy* hierarchy = nullptr;
  std::int64_t total = -1;
  std::vector<Term> terms;
  bool applies = true;  // a grouped hierarchy (ages) applies only when the table uses its group
};

// The terms that stand for a plan in one group of observations: each part
// present, else what its breakdown gives (list every country and a total,
// no FOR row: the countries stand for FOR). `at` maps a symbol to its
// observation in the group, or -1. `open` tells whether any individual
// member was called for (a label not recognised may be one of them).
void resolve(const std::vector<Plan>& plans, const Plan& plan, const std::vector<std::int64_t>& at, int depth,
             std::vector<std::pair<const Term*, std::uint32_t>>& out, bool& open) {
  open = open || plan.hierarchy->all_individual_codes;
  for (const Term& term : plan.terms) {
    std::int64_t obs = term.symbol >= 0 ? at[static_cast<std::size_t>(term.symbol)] : -1;
    if (obs < 0 && term.own_code >= 0) obs = at[static_cast<std::size_t>(term.own_code)];
    if (obs >= 0) {
      out.emplace_back(&term, static_cast<std::uint32_t>(obs));
    } else if (term.breakdown >= 0 && depth < 8) {
      resolve(plans, plans[static_cast<std::size_t>(term.breakdown)], at, depth + 1, out, open);
    }
  }
}

// Marks every symbol that may stand in a plan, however deep its breakdowns go.
void mark_terms(const std::vector<Plan>& plans, const Plan& plan, int depth, std::vector<char>& marked) {
  for (const Term& term : plan.terms) {
    if (term.symbol >= 0) marked[static_cast<std::size_t>(term.symbol)] = 1;
    if (term.own_code >= 0) marked[static_cast<std::size_t>(term.own_code)] = 1;
    if (term.breakdown >= 0 && depth < 8) mark_terms(plans, plans[static_cast<std::size_t>(term.breakdown)], depth + 1, marked);
  }
}

}  // namespace

void run_hierarchy(const RuleRun& run, const FileContext& file) {
  const HierarchyParams& p = run.params<HierarchyParams>();
  const std::set<std::string> only(p.hierarchies.begin(), p.hierarchies.end());
  const std::string& file_reporting = file.report.recognition.reporting_country;

  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table) || t.size() == 0) continue;
    const std::string& reporting = t.reporting_country.empty() ? file_reporting : t.reporting_country;
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

      // Every hierarchy of the list as terms of this table, with the breakdowns between them.
      std::vector<Plan> plans;
      for (const Hierarchy& h : list->hierarchies) {
        Plan plan;
        plan.hierarchy = &h;
        plan.total = symbol(h.total);
        auto add_term = [&](const std::string& code) {
          Term term;
          term.code = code;
          term.symbol = symbol(code);
          const Code* c = list->find(code);
          if (c && c->relative_to_reporting_country && !reporting.empty()) term.own_code = symbol(reporting);
          plan.terms.push_back(std::move(term));
        };
        if (!h.all_individual_codes) {
          for (const auto& p : h.parts) add_term(p);
        } else {
          for (std::uint32_t s = 0; s < t.symbols.size(); ++s)
            if (is_member(h, *list, t.symbols[s], reporting)) add_term(t.symbols[s]);
          for (const auto& p : h.plus) add_term(p);
        }
        if (!h.group.empty()) {
          bool group_used = false;
          for (const Term& term : plan.terms) {
            const Code* c = list->find(term.code);
            group_used = group_used || (term.symbol >= 0 && c && c->group == h.group);
          }
          plan.applies = group_used;
        }
        plans.push_back(std::move(plan));
      }
      for (Plan& plan : plans)
        for (Term& term : plan.terms)
          for (std::size_t k = 0; k < plans.size(); ++k)
            if (plans[k].hierarchy->total == term.code && plans[k].hierarchy != plan.hierarchy &&
                (plans[k].hierarchy->group.empty() || plans[k].hierarchy->group == plan.hierarchy->group))
              term.breakdown = static_cast<int>(k);

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
      // Cells not read, by the other dimensions' codes (those with a label not
      // recognised there belong to no group): a group they fall in is not checkable.
      std::map<std::vector<std::uint32_t>, std::vector<std::size_t>> dropped_by_group;
      for (std::size_t j = 0; j < t.dropped(); ++j) {
        std::vector<std::uint32_t> other;
        bool known = true;
        for (std::size_t k = 0; k < n && known; ++k) {
          if (k == d) continue;
          const std::uint32_t s = t.dropped_keys[j * n + k];
          known = !t.symbols[s].empty();
          other.push_back(s);
        }
        if (known) dropped_by_group[other].push_back(j);
      }
      auto dropped_in = [&](const Group& g) -> const std::vector<std::size_t>* {
        if (dropped_by_group.empty()) return nullptr;
        std::vector<std::uint32_t> other;
        for (std::size_t k = 0; k < n; ++k)
          if (k != d) other.push_back(t.keys[order[g.begin] * n + k]);
        auto it = dropped_by_group.find(other);
        return it == dropped_by_group.end() ? nullptr : &it->second;
      };

      // Symbol -> its (first) observation in the group being checked; reset after each group.
      std::vector<std::int64_t> at(t.symbols.size(), -1);
      std::vector<std::pair<const Term*, std::uint32_t>> terms;
      for (const Plan& plan : plans) {
        const Hierarchy& h = *plan.hierarchy;
        if (!only.empty() && !only.count(h.id)) continue;
        if (plan.total < 0 || !plan.applies) continue;
        std::vector<char> may_be_term(t.symbols.size(), 0);
        mark_terms(plans, plan, 0, may_be_term);
        bool members_anywhere = false;
        for (const Plan& p : plans) members_anywhere = members_anywhere || p.hierarchy->all_individual_codes;
        // In the order of the totals in the file, so that every build reports alike.
        std::vector<std::pair<std::size_t, const Group*>> checks;
        for (const Group& g : groups)
          for (std::size_t k = g.begin; k < g.end; ++k)
            if (t.keys[order[k] * n + d] == static_cast<std::uint32_t>(plan.total)) {
              checks.emplace_back(order[k], &g);
              break;
            }
        std::sort(checks.begin(), checks.end());
        for (const auto& [total_obs, group] : checks) {
          for (std::size_t k = group->end; k-- > group->begin;)  // the first of a code written twice wins
            at[t.keys[order[k] * n + d]] = order[k];
          terms.clear();
          bool open = false;
          resolve(plans, plan, at, 0, terms, open);
          // A cell of this group that could not be read leaves the sum unknown
          // when it may be one of the terms: a part that has no readable cell
          // here, or a label not recognised where individual members count.
          std::vector<std::size_t> unread;
          if (const auto* dropped = dropped_in(*group))
            for (std::size_t j : *dropped) {
              const std::uint32_t s = t.dropped_keys[j * n + d];
              const bool unknown_label = t.symbols[s].empty();
              if (unknown_label ? (open || !members_anywhere) : (may_be_term[s] && at[s] < 0)) unread.push_back(j);
            }
          for (std::size_t k = group->begin; k < group->end; ++k) at[t.keys[order[k] * n + d]] = -1;
          // A part present without a number (a marker) is missing, per the rule's strategy;
          // a part not reported at all is a category with nobody in it.
          double sum = 0;
          std::size_t numbers = 0, markers = 0;
          for (const auto& [term, obs] : terms) {
            if (std::isnan(t.values[obs])) {
              ++markers;
            } else {
              ++numbers;
              sum += t.values[obs];
            }
          }
          const double actual = t.values[total_obs];
          if (numbers + markers == 0) continue;  // no part reported: the hierarchy does not apply here
          const bool skip = std::isnan(actual) || !unread.empty() || skip_for_missing(p.missing, numbers, markers);
          if (skip) {
            ++run.summary.not_applicable;
            if (!std::isnan(actual) && !unread.empty()) {
              std::vector<std::string> cells;
              for (std::size_t j : unread) cells.push_back(a1(t.dropped_row[j], t.dropped_column[j]));
              std::string cell_list;
              for (std::size_t c = 0; c < cells.size() && c < 5; ++c) cell_list += (c ? ", " : "") + cells[c];
              if (cells.size() > 5) cell_list += ", …";
              Finding f = run.finding(file, t.table, sheet_of(file, t, total_obs), cell_of(t, total_obs),
                                      {{"table", t.table},
                                       {"dimension", dim->id},
                                       {"total", h.total},
                                       {"cells", cell_list},
                                       {"cell", cell_of(t, total_obs)}});
              f.rule = run.spec.id;
              f.severity = Severity::info;
              f.message_key = "rule.not_checkable";
              f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
              f.related_cells = std::move(cells);
              f.key = observation_key(t, total_obs);
              run.sink.add(std::move(f));
            }
            continue;
          }
          ++run.summary.checked;
          const double difference = actual - sum;
          if (std::fabs(difference) <= p.tolerance.allowed(sum)) {
            ++run.summary.passed;
            continue;
          }
          ++run.summary.failed;
          // The parts that counted, in the hierarchy's order, for the message and the related cells.
          std::vector<std::string> related;
          std::string part_list;
          for (const auto& [term, obs] : terms) {
            related.push_back(cell_of(t, obs));
            part_list += (part_list.empty() ? "" : " + ") + t.symbols[t.keys[obs * n + d]];
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
