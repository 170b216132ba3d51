// Completeness (check 9): every combination of the codes a table must carry
// is present, as a number or a marker. Per dimension, the codes it must
// carry are those it uses, plus, for every hierarchy it uses, the total and
// the listed parts other than "unknown" and the residual "other countries";
// never a code an exclusion rule forbids there (NAT in ABR), and never an
// aggregate the table leaves out while giving its parts (every country and
// no FOR row): that one is derived, an info with its value. A code missing
// from every combination is one finding ("no breakdown by SEX"), not one
// per cell.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {
constexpr double kMaxCombinations = 2'000'000;

// Whether `code` is the total of a hierarchy of `list` whose parts the table uses.
const Hierarchy* derivable(const CodeList& list, const std::string& code, const std::set<std::string>& used,
                           const std::string& reporting) {
  for (const Hierarchy& h : list.hierarchies) {
    if (h.total != code) continue;
    for (const std::string& u : used)
      if (is_part_of(h, list, u, reporting)) return &h;
  }
  return nullptr;
}

// The observations (and cells not read, cells left blank) of one year and reporting country.
struct Slice {
  std::vector<std::size_t> observations, dropped, blanks;
};

std::vector<Slice> slices_of(const Rulebook& rulebook, const RecognisedTable& t) {
  const std::size_t n = t.dimensions.size();
  const std::size_t time = t.dimension_index(time_dimension_id(rulebook));
  const std::size_t country = t.dimension_index(country_dimension_id(rulebook));
  std::map<std::pair<std::uint32_t, std::uint32_t>, Slice> by_key;
  auto key_of = [&](const std::vector<std::uint32_t>& keys, std::size_t i) {
    return std::make_pair(time < n ? keys[i * n + time] : 0u, country < n ? keys[i * n + country] : 0u);
  };
  for (std::size_t i = 0; i < t.size(); ++i) by_key[key_of(t.keys, i)].observations.push_back(i);
  for (std::size_t j = 0; j < t.dropped(); ++j) by_key[key_of(t.dropped_keys, j)].dropped.push_back(j);
  for (std::size_t j = 0; j * n < t.blank_keys.size(); ++j) by_key[key_of(t.blank_keys, j)].blanks.push_back(j);
  // In the order of their first observation, so that findings come as the file has them.
  std::vector<Slice> out;
  for (auto& [key, slice] : by_key)
    if (!slice.observations.empty()) out.push_back(std::move(slice));
  std::sort(out.begin(), out.end(), [](const Slice& a, const Slice& b) { return a.observations.front() < b.observations.front(); });
  return out;
}

// What a left-out aggregate comes to where every other dimension is at its
// total (the first year and country given): the sum of its parts there, or
// "-" when the table gives no such totals.
std::string derived_value(const Rulebook& rulebook, const RecognisedTable& t, std::size_t d, const CodeList& list,
                          const Hierarchy& h, const std::string& reporting) {
  const std::size_t n = t.dimensions.size();
  std::vector<std::int64_t> total(n, -1);  // the symbol each other dimension must have, -1: any (year, country)
  const std::string time = time_dimension_id(rulebook), country = country_dimension_id(rulebook);
  for (std::size_t k = 0; k < n; ++k) {
    if (k == d || t.dimensions[k] == time || t.dimensions[k] == country) continue;
    const std::string code = total_code(rulebook, t.dimensions[k]);
    if (code.empty()) continue;
    auto at = std::find(t.symbols.begin(), t.symbols.end(), code);
    if (at == t.symbols.end()) return "-";
    total[k] = at - t.symbols.begin();
  }
  auto is_part = [&](const std::string& code) { return is_part_of(h, list, code, reporting); };
  double sum = 0;
  bool any = false;
  const std::uint32_t* first = nullptr;  // the free dimensions (year, country) of the first total counted
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::uint32_t* key = &t.keys[i * n];
    bool match = is_part(t.symbols[key[d]]) && !std::isnan(t.values[i]);
    for (std::size_t k = 0; k < n && match; ++k)
      if (k != d) match = total[k] >= 0 ? key[k] == static_cast<std::uint32_t>(total[k]) : !first || key[k] == first[k];
    if (!match) continue;
    if (!first) first = key;
    sum += t.values[i];
    any = true;
  }
  return any ? format_number(sum) : "-";
}

}  // namespace

void run_completeness(const RuleRun& run, const FileContext& file) {
  // Codes a table may leave out even when their hierarchy is used ("STLS").
  const auto& optional_codes = run.params<CompletenessParams>().optional_codes;
  const std::set<std::string> optional(optional_codes.begin(), optional_codes.end());
  const std::string& file_reporting = file.report.recognition.reporting_country;
  for (const RecognisedTable& t : file.report.recognition.tables) {
    if (!run.applies_to(t.table) || t.size() == 0) continue;
    const std::string& reporting = t.reporting_country.empty() ? file_reporting : t.reporting_country;
    const std::size_t n = t.dimensions.size();
    const std::size_t symbols = t.symbols.size();
    // A crosstab cell left empty in a row of figures is a nil, as in published tables: said once.
    if (!t.blank_keys.empty()) {
      const std::string cell = a1(t.first_blank_row, t.first_blank_column);
      const std::string& sheet = t.first_blank_sheet < file.sheet_names.size() ? file.sheet_names[t.first_blank_sheet] : "";
      Finding f = run.finding(file, t.table, sheet, cell,
                              {{"table", t.table}, {"count", std::to_string(t.blank_keys.size() / n)}, {"cell", cell}});
      f.severity = Severity::info;
      f.message_key = "rule.blank_cells";
      f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
      run.sink.add(std::move(f));
    }
    // Each year and reporting country is a return of its own: a country listed one year and not
    // the next is no missing combination (the lists of countries are open).
    for (const Slice& slice : slices_of(run.rulebook, t)) {
    // Symbols used in each dimension: one pass over the keys, no string per observation.
    std::vector<std::vector<char>> used_symbol(n, std::vector<char>(symbols, 0));
    for (std::size_t i : slice.observations)
      for (std::size_t d = 0; d < n; ++d) used_symbol[d][t.keys[i * n + d]] = 1;
    std::vector<std::vector<std::string>> expected(n);
    for (std::size_t d = 0; d < n; ++d) {
      std::set<std::string> codes;
      for (std::size_t s = 0; s < symbols; ++s)
        if (used_symbol[d][s]) codes.insert(t.symbols[s]);
      const Dimension* dim = run.rulebook.dimension(t.dimensions[d]);
      const CodeList* list = dim ? run.rulebook.codelist(dim->codelist) : nullptr;
      const TableTemplate* tmpl = run.rulebook.table(t.table);
      const bool omittable =
          tmpl && std::find(tmpl->may_omit.begin(), tmpl->may_omit.end(), t.dimensions[d]) != tmpl->may_omit.end();
      if (list && omittable && codes.size() == 1 && list->find(*codes.begin()) &&
          list->find(*codes.begin())->role == CodeRole::total) {
        expected[d].assign(codes.begin(), codes.end());  // the source has no such breakdown, as allowed
        continue;
      }
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
            if (!c || c->role == CodeRole::unknown || c->role == CodeRole::residual || (optional.count(p) && !used.count(p)))
              continue;
            // NAT is present when the reporting country's own code is.
            if (c->relative_to_reporting_country && used.count(reporting)) continue;
            codes.insert(p);
          }
        }
        // What the exclusions forbid is never asked for.
        for (const std::string& code : excluded_codes(run.rulebook, t.table, t.dimensions[d], reporting)) {
          if (used.count(code)) continue;  // given anyway: the exclusion rule says so, not this one
          codes.erase(code);
          const Code* c = list->find(code);
          if (c && c->relative_to_reporting_country) continue;
          for (const Code& relative : list->codes)
            if (relative.relative_to_reporting_country && code == reporting) codes.erase(relative.id);
        }
        // An aggregate left out while its parts are given follows from them.
        for (auto it = codes.begin(); it != codes.end();) {
          const Hierarchy* h = used.count(*it) ? nullptr : derivable(*list, *it, used, reporting);
          if (!h) {
            ++it;
            continue;
          }
          Finding f = run.finding(file, t.table, sheet_of(file, t, 0), "",
                                  {{"table", t.table},
                                   {"dimension", dim->id},
                                   {"code", *it},
                                   {"hierarchy", h->id},
                                   {"value", derived_value(run.rulebook, t, d, *list, *h, reporting)}});
          f.severity = Severity::info;
          f.message_key = f.params.back().second == "-" ? "rule.derived.no_value" : "rule.derived";
          f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
          ++run.summary.not_applicable;
          run.sink.add(std::move(f));
          it = codes.erase(it);
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
    // fastest); an observation marks the number its codes make, and so does
    // a cell that could not be read (its own finding says why).
    std::vector<std::vector<std::int64_t>> place(n, std::vector<std::int64_t>(symbols, -1));
    for (std::size_t d = 0; d < n; ++d)
      for (std::size_t s = 0; s < symbols; ++s) {
        auto at = std::lower_bound(expected[d].begin(), expected[d].end(), t.symbols[s]);
        if (at != expected[d].end() && *at == t.symbols[s]) place[d][s] = at - expected[d].begin();
      }
    const auto total = static_cast<std::size_t>(combinations);
    std::vector<bool> present(total, false);
    auto mark = [&](const std::uint32_t* key) {
      std::size_t number = 0;
      for (std::size_t d = 0; d < n; ++d) {
        const std::int64_t p = place[d][key[d]];
        if (p < 0) return;
        number = number * expected[d].size() + static_cast<std::size_t>(p);
      }
      present[number] = true;
    };
    for (std::size_t i : slice.observations) mark(&t.keys[i * n]);
    for (std::size_t j : slice.dropped) mark(&t.dropped_keys[j * n]);
    for (std::size_t j : slice.blanks) mark(&t.blank_keys[j * n]);
    run.summary.checked += total;

    // First pass: how many combinations each code misses.
    std::vector<std::vector<std::size_t>> missing_with(n);
    for (std::size_t d = 0; d < n; ++d) missing_with[d].assign(expected[d].size(), 0);
    std::vector<std::size_t> at(n, 0);
    auto next = [&]() {  // the next combination: the last dimension turns fastest
      std::size_t d = n;
      while (d > 0 && ++at[d - 1] == expected[d - 1].size()) at[--d] = 0;
    };
    std::size_t missing = 0;
    for (std::size_t number = 0; number < total; ++number, next())
      if (!present[number]) {
        ++missing;
        for (std::size_t d = 0; d < n; ++d) ++missing_with[d][at[d]];
      }
    run.summary.passed += total - missing;
    run.summary.failed += missing;
    if (missing == 0) continue;

    // A code missing from every combination it takes part in is a whole
    // breakdown left out: one finding per dimension.
    std::vector<std::vector<char>> whole(n);
    for (std::size_t d = 0; d < n; ++d) {
      whole[d].assign(expected[d].size(), 0);
      if (expected[d].size() < 2) continue;
      const std::size_t per_code = total / expected[d].size();
      std::string codes;
      std::size_t cells = 0;
      for (std::size_t c = 0; c < expected[d].size(); ++c)
        if (missing_with[d][c] == per_code) {
          whole[d][c] = 1;
          codes += (codes.empty() ? "" : ", ") + expected[d][c];
          cells += per_code;
        }
      if (codes.empty()) continue;
      Finding f = run.finding(file, t.table, sheet_of(file, t, 0), "",
                              {{"table", t.table},
                               {"dimension", t.dimensions[d]},
                               {"codes", codes},
                               {"count", std::to_string(cells)}});
      f.message_key = "rule.incomplete_breakdown";
      f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
      run.sink.add(std::move(f));
    }
    // Second pass: the other missing combinations, one by one.
    std::fill(at.begin(), at.end(), 0);
    for (std::size_t number = 0; number < total; ++number, next()) {
      if (present[number]) continue;
      bool in_whole = false;
      for (std::size_t d = 0; d < n && !in_whole; ++d) in_whole = whole[d][at[d]];
      if (in_whole) continue;
      std::string key_text;
      for (std::size_t d = 0; d < n; ++d) key_text += (d ? ", " : "") + t.dimensions[d] + "=" + expected[d][at[d]];
      Finding f = run.finding(file, t.table, sheet_of(file, t, 0), "", {{"table", t.table}, {"key", key_text}});
      for (std::size_t d = 0; d < n; ++d) f.key.emplace_back(t.dimensions[d], expected[d][at[d]]);
      run.sink.add(std::move(f));
    }
    }
  }
}

}  // namespace migcheck::rules
