// Kind `mirror` (checks 19-20): what country B reports about partner A
// against what A reports about B, for the same year: immigrants to B from A
// (B's IMM_PREV) against emigrants from A to B (A's EMI_NEXT); A's nationals
// abroad in B (A's ABR) against B's residents with A's citizenship (B's
// POP_CTZ). Every pair goes into the report's asymmetry matrix; pairs that
// differ beyond the tolerance are findings at B's cell, A's cell related.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

using PairKey = std::tuple<std::string, std::string, std::string>;  // reporter, partner, year

struct Side {
  std::string table, partner_dimension;
  std::map<PairKey, ObservationRef> figures;
  std::set<std::pair<std::string, std::string>> reporters;  // (country, year) whose return has the table
};

Side read_side(const RuleRun& run, const Dataset& data, const MirrorParams::Side& spec, const std::string& time,
               const std::string& country) {
  Side side;
  side.table = spec.table;
  side.partner_dimension = spec.partner;
  const Dimension* partner_dim = run.rulebook.dimension(side.partner_dimension);
  const CodeList* partner_list = partner_dim ? run.rulebook.codelist(partner_dim->codelist) : nullptr;
  for (const TableInstance& instance : data.instances(side.table)) {
    const RecognisedTable& t = *instance.table;
    const std::size_t nd = t.dimensions.size();
    const std::size_t time_at = t.dimension_index(time), country_at = t.dimension_index(country),
                      partner_at = t.dimension_index(side.partner_dimension);
    if (time_at >= nd || country_at >= nd || partner_at >= nd || !partner_list) continue;
    // Every other dimension at its total code.
    std::vector<std::pair<std::size_t, std::string>> totals;
    for (std::size_t d = 0; d < nd; ++d) {
      if (d == time_at || d == country_at || d == partner_at) continue;
      totals.emplace_back(d, total_code(run.rulebook, t.dimensions[d]));
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string& reporter = t.code(i, country_at);
      const std::string& year = t.code(i, time_at);
      side.reporters.emplace(reporter, year);
      bool at_totals = true;
      for (const auto& [d, code] : totals) at_totals = at_totals && !code.empty() && t.code(i, d) == code;
      if (!at_totals) continue;
      const std::string& partner = t.code(i, partner_at);
      const Code* code = partner_list->find(partner);
      if (!code || code->role != CodeRole::individual || partner == reporter) continue;
      side.figures.emplace(PairKey{reporter, partner, year},
                           ObservationRef{instance.file, instance.table, static_cast<std::uint32_t>(i)});
    }
  }
  return side;
}

std::optional<double> value_of(const ObservationRef* o) {
  if (!o || std::isnan(o->value())) return std::nullopt;
  return o->value();
}

}  // namespace

void run_mirror(const RuleRun& run, const Dataset& data) {
  const std::string time = time_dimension_id(run.rulebook), country = country_dimension_id(run.rulebook);
  const MirrorParams& p = run.params<MirrorParams>();
  const Side left = read_side(run, data, p.left, time, country);
  const Side right = read_side(run, data, p.right, time, country);
  const double absolute = p.tolerance.absolute, relative = p.tolerance.relative;
  // The pairs: (B about A) on the left and (A about B) on the right, when
  // both countries' returns are in the dataset for that year.
  std::set<PairKey> pairs;
  for (const auto& [key, o] : left.figures) {
    (void)o;
    const auto& [b, a, year] = key;
    if (right.reporters.count({a, year})) pairs.insert(key);
  }
  for (const auto& [key, o] : right.figures) {
    (void)o;
    const auto& [a, b, year] = key;
    if (left.reporters.count({b, year})) pairs.insert(PairKey{b, a, year});
  }
  for (const auto& key : pairs) {
    const auto& [b, a, year] = key;
    auto l = left.figures.find(key);
    auto r = right.figures.find(PairKey{a, b, year});
    const ObservationRef* lo = l == left.figures.end() ? nullptr : &l->second;
    const ObservationRef* ro = r == right.figures.end() ? nullptr : &r->second;
    const auto lv = value_of(lo), rv = value_of(ro);
    if (run.asymmetries) run.asymmetries->push_back({run.spec.id, year, b, a, lv, rv});
    if (!lv || !rv) {
      ++run.summary.not_applicable;
      continue;
    }
    ++run.summary.checked;
    if (std::fabs(*lv - *rv) <= absolute + relative * std::max(std::fabs(*lv), std::fabs(*rv))) {
      ++run.summary.passed;
      continue;
    }
    ++run.summary.failed;
    Finding f = run.finding(data.file_name(lo->file), left.table, data.sheet_name(*lo), data.cell(*lo),
                            {{"country", b},
                             {"partner", a},
                             {"year", year},
                             {"value", format_number(*lv)},
                             {"partner_value", format_number(*rv)},
                             {"difference", format_number(*lv - *rv)},
                             {"table", left.table},
                             {"partner_table", right.table},
                             {"cell", data.cell(*lo)}});
    f.related_cells.push_back(data.reference(*ro, lo->file));
    f.key = observation_key(*lo->table, lo->index);
    f.expected = *rv;
    f.actual = *lv;
    run.sink.add(std::move(f));
  }
}

}  // namespace migcheck::rules
