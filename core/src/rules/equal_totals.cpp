// The same totals across breakdowns (check 14): tables of one group (POP_CTZ
// and POP_CTB) must agree on the observations where every dimension they do
// not share is at its total, compared on the dimensions they share (which
// include the year and the reporting country, so a return split into CSV
// files, or several returns, are compared table by table, never across
// countries or years).
#include <cmath>
#include <algorithm>
#include <map>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

using Totals = std::map<std::vector<std::string>, ObservationRef>;  // shared codes, in `shared` order -> observation

// The observations of every instance of a table with each non-shared
// dimension at its total code; the first file (Dataset::instances: by name) wins a key given twice.
void add_totals(const RuleRun& run, const TableInstance& instance, const std::vector<std::string>& shared, Totals& out) {
  const RecognisedTable& t = *instance.table;
  std::vector<std::size_t> positions;  // of the shared dimensions, in `shared` order
  for (const auto& d : shared) positions.push_back(t.dimension_index(d));
  std::vector<std::pair<std::size_t, std::string>> fixed;  // non-shared position -> its total code
  for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
    if (std::find(shared.begin(), shared.end(), t.dimensions[d]) != shared.end()) continue;
    fixed.emplace_back(d, total_code(run.rulebook, t.dimensions[d]));
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool at_total = true;
    for (const auto& [d, code] : fixed) at_total = at_total && !code.empty() && t.code(i, d) == code;
    if (!at_total) continue;
    std::vector<std::string> key;
    for (std::size_t d : positions) key.push_back(t.code(i, d));
    out.emplace(std::move(key), ObservationRef{instance.file, instance.table, static_cast<std::uint32_t>(i)});
  }
}

}  // namespace

void run_equal_totals(const RuleRun& run, const Dataset& data) {
  const EqualTotalsParams& p = run.params<EqualTotalsParams>();
  const double absolute = p.tolerance.absolute;
  for (const auto& group : p.groups) {
    std::vector<std::vector<TableInstance>> present;  // per table of the group that some file has
    for (const auto& id : group) {
      auto instances = data.instances(id);
      if (!instances.empty()) present.push_back(std::move(instances));
    }
    if (present.size() < 2) continue;
    const RecognisedTable& reference = *present.front().front().table;
    for (std::size_t k = 1; k < present.size(); ++k) {
      const RecognisedTable& other = *present[k].front().table;
      std::vector<std::string> shared;
      for (const auto& d : reference.dimensions)
        if (std::find(other.dimensions.begin(), other.dimensions.end(), d) != other.dimensions.end()) shared.push_back(d);
      Totals a, b;
      for (const auto& instance : present.front()) add_totals(run, instance, shared, a);
      for (const auto& instance : present[k]) add_totals(run, instance, shared, b);
      for (const auto& [key, ob] : b) {
        auto it = a.find(key);
        if (it == a.end()) continue;
        const ObservationRef& oa = it->second;
        if (std::isnan(oa.value()) || std::isnan(ob.value())) {
          ++run.summary.not_applicable;
          continue;
        }
        ++run.summary.checked;
        if (std::fabs(oa.value() - ob.value()) <= absolute) {
          ++run.summary.passed;
          continue;
        }
        ++run.summary.failed;
        std::string key_text;
        for (std::size_t d = 0; d < shared.size(); ++d) key_text += (d ? ", " : "") + shared[d] + "=" + key[d];
        Finding f = run.finding(data.file_name(ob.file), other.table, data.sheet_name(ob), data.cell(ob),
                                {{"table", other.table}, {"other_table", reference.table}, {"key", key_text},
                                 {"value", format_number(ob.value())},
                                 {"other_value", format_number(oa.value())},
                                 {"cell", data.cell(ob)}});
        f.related_cells.push_back(data.reference(oa, ob.file));
        for (std::size_t d = 0; d < shared.size(); ++d) f.key.emplace_back(shared[d], key[d]);
        f.expected = oa.value();
        f.actual = ob.value();
        run.sink.add(std::move(f));
      }
    }
  }
}

}  // namespace migcheck::rules
