// The same totals across breakdowns (check 14): tables of one group (POP_CTZ
// and POP_CTB) must agree on the observations where every dimension they do
// not share is at its total, compared on the dimensions they share.
#include <cmath>
#include <algorithm>
#include <map>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

struct Totals {
  const RecognisedTable* table;
  std::vector<std::size_t> shared;              // positions of the shared dimensions
  std::map<std::vector<std::string>, std::size_t> by_key;  // shared codes -> observation
};

// The observations of t with every non-shared dimension at its total code.
Totals totals_of(const RuleRun& run, const RecognisedTable& t, const std::vector<std::string>& shared) {
  Totals out{&t, {}, {}};
  std::vector<std::pair<std::size_t, std::string>> fixed;  // non-shared position -> its total code
  for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
    if (std::find(shared.begin(), shared.end(), t.dimensions[d]) != shared.end()) {
      out.shared.push_back(d);
      continue;
    }
    const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
    const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
    std::string total;
    if (list)
      for (const Code& c : list->codes)
        if (c.role == CodeRole::total && total.empty()) total = c.id;
    fixed.emplace_back(d, total);
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool at_total = true;
    for (const auto& [d, code] : fixed) at_total = at_total && !code.empty() && t.code(i, d) == code;
    if (!at_total) continue;
    std::vector<std::string> key;
    for (std::size_t d : out.shared) key.push_back(t.code(i, d));
    out.by_key.emplace(std::move(key), i);
  }
  return out;
}

}  // namespace

void run_equal_totals(const RuleRun& run, const FileContext& file) {
  const double absolute = run.params.contains("tolerance") ? run.params["tolerance"].value("absolute", 0.0) : 0.0;
  const auto& tables = file.file.recognition.tables;
  for (const auto& group : run.params.value("groups", nlohmann::json::array())) {
    std::vector<const RecognisedTable*> present;
    for (const auto& id : group)
      for (const auto& t : tables)
        if (t.table == id.get<std::string>()) present.push_back(&t);
    if (present.size() < 2) continue;
    const RecognisedTable& reference = *present.front();
    for (std::size_t k = 1; k < present.size(); ++k) {
      const RecognisedTable& other = *present[k];
      std::vector<std::string> shared;
      for (const auto& d : reference.dimensions)
        if (std::find(other.dimensions.begin(), other.dimensions.end(), d) != other.dimensions.end()) shared.push_back(d);
      // Both sides list the shared dimensions in the reference's order.
      const Totals a = totals_of(run, reference, shared);
      Totals b = totals_of(run, other, shared);
      std::map<std::vector<std::string>, std::size_t> b_by_reference_order;
      for (const auto& [key, i] : b.by_key) {
        std::vector<std::string> reordered;
        for (const auto& d : shared)
          for (std::size_t p = 0; p < b.shared.size(); ++p)
            if (other.dimensions[b.shared[p]] == d) reordered.push_back(key[p]);
        b_by_reference_order.emplace(std::move(reordered), i);
      }
      for (const auto& [key, ia] : a.by_key) {
        auto it = b_by_reference_order.find(key);
        if (it == b_by_reference_order.end()) continue;
        const std::size_t ib = it->second;
        if (std::isnan(reference.values[ia]) || std::isnan(other.values[ib])) {
          ++run.summary.not_applicable;
          continue;
        }
        ++run.summary.checked;
        if (std::fabs(reference.values[ia] - other.values[ib]) <= absolute) {
          ++run.summary.passed;
          continue;
        }
        ++run.summary.failed;
        std::string key_text;
        for (std::size_t d = 0; d < shared.size(); ++d) key_text += (d ? ", " : "") + shared[d] + "=" + key[d];
        Finding f = run.finding(file, other.table, sheet_of(file, other, ib), cell_of(other, ib),
                                {{"table", other.table}, {"other_table", reference.table}, {"key", key_text},
                                 {"value", format_number(other.values[ib])},
                                 {"other_value", format_number(reference.values[ia])},
                                 {"cell", cell_of(other, ib)}});
        f.related_cells.push_back(sheet_of(file, reference, ia) + "!" + cell_of(reference, ia));
        for (std::size_t d = 0; d < shared.size(); ++d) f.key.emplace_back(shared[d], key[d]);
        f.expected = reference.values[ia];
        f.actual = other.values[ib];
        run.sink.add(std::move(f));
      }
    }
  }
}

}  // namespace migcheck::rules
