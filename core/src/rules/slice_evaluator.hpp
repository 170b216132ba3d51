// The evaluation of arithmetic over table slices that the kinds `expression`
// and `balance` share: which observations a slice selects in each context
// (reporting country, year, the rule's for_each dimensions), their sum, the
// cells read, and the finding of a context that fails. Internal to rules/.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rulebook/expression.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::rules::slices {

using ContextKey = std::vector<std::string>;  // time, country, then for_each codes


inline std::optional<long> year_of(const std::string& code) {
  if (code.empty() || code.size() > 6) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  return std::strtol(code.c_str(), nullptr, 10);
}

// The observations one slice selects, by context.
struct SliceIndex {
  bool absolute_time = false;  // TIME_PERIOD=2020: the context's year does not apply
  int time_offset = 0;
  bool several = false;  // a wildcard sums every match; otherwise the first (duplicates are their own finding)
  std::map<ContextKey, std::vector<ObservationRef>> by_context;
};

class Evaluator {
 public:
  Evaluator(const RuleRun& run, const Dataset& data)
      : run_(run), data_(data), time_(time_dimension_id(run.rulebook)), country_(country_dimension_id(run.rulebook)) {
    if (const auto* p = std::get_if<ExpressionParams>(&run.spec.params)) for_each_ = p->for_each;
  }

  // Indexes the slices of e; contexts found are added to `contexts`.
  void index(const expr::Expression& e, std::map<ContextKey, bool>& contexts) {
    std::vector<SliceIndex> indexes;
    for (const auto& s : e.slices) indexes.push_back(index_slice(s, contexts));
    slices_.push_back(std::move(indexes));
  }

  struct Value {
    double number = 0;
    bool undefined = false;  // division by zero
  };

  // Evaluates node n of the e-th indexed expression in context c, the year shifted by `shift`.
  Value eval(std::size_t e, const expr::Expression& x, std::uint32_t n, const ContextKey& c, int shift) {
    const expr::Node& node = x.nodes[n];
    auto arg = [&](std::size_t k) { return eval(e, x, node.args[k], c, shift); };
    switch (node.op) {
      case expr::Op::number: return {node.number, false};
      case expr::Op::slice: return {slice_value(slices_[e][node.slice], c, shift), false};
      case expr::Op::negate: {
        Value v = arg(0);
        v.number = -v.number;
        return v;
      }
      case expr::Op::add:
      case expr::Op::subtract:
      case expr::Op::multiply:
      case expr::Op::divide: {
        const Value a = arg(0), b = arg(1);
        Value out{0, a.undefined || b.undefined};
        if (node.op == expr::Op::add) out.number = a.number + b.number;
        if (node.op == expr::Op::subtract) out.number = a.number - b.number;
        if (node.op == expr::Op::multiply) out.number = a.number * b.number;
        if (node.op == expr::Op::divide) {
          if (b.number == 0) out.undefined = true;
          else out.number = a.number / b.number;
        }
        return out;
      }
      case expr::Op::abs: {
        Value v = arg(0);
        v.number = std::fabs(v.number);
        return v;
      }
      case expr::Op::sum:
      case expr::Op::min:
      case expr::Op::max: {
        Value out = arg(0);
        for (std::size_t k = 1; k < node.args.size(); ++k) {
          const Value v = arg(k);
          out.undefined = out.undefined || v.undefined;
          if (node.op == expr::Op::sum) out.number += v.number;
          if (node.op == expr::Op::min) out.number = std::min(out.number, v.number);
          if (node.op == expr::Op::max) out.number = std::max(out.number, v.number);
        }
        return out;
      }
    }
    return {};
  }

  // Slices read since the last reset: how many, how many missing, and the cells found.
  void reset() {
    references_ = missing_ = 0;
    cells_.clear();
  }
  std::size_t references() const { return references_; }
  std::size_t missing() const { return missing_; }
  const std::vector<ObservationRef>& cells() const { return cells_; }

  std::vector<std::pair<std::string, std::string>> key_of(const ContextKey& c) const {
    std::vector<std::pair<std::string, std::string>> key;
    for (std::size_t k = 0; k < for_each_.size(); ++k) key.emplace_back(for_each_[k], c[2 + k]);
    key.emplace_back(time_, c[0]);
    key.emplace_back(country_, c[1]);
    return key;
  }
  const std::string& time_dimension() const { return time_; }

 private:
  SliceIndex index_slice(const expr::Slice& s, std::map<ContextKey, bool>& contexts) {
    SliceIndex out;
    out.several = s.has_wildcard();
    for (const auto& sel : s.selectors)
      if (sel.dimension == time_) {
        out.absolute_time = !sel.relative_time;
        out.time_offset = sel.time_offset;
      }
    for (const TableInstance& instance : data_.instances(s.table)) {
      const RecognisedTable& t = *instance.table;
      const auto symbols = symbol_index(t);
      auto symbol = [&](const std::string& code) -> std::int64_t {
        auto it = symbols.find(code);
        return it == symbols.end() ? -1 : static_cast<std::int64_t>(it->second);
      };
      // Per dimension: the symbol an observation must have (-1: none can match),
      // or a wildcard (any symbol but the total), or a context slot.
      struct Test {
        std::size_t dimension;
        std::int64_t required = -1;
        bool wildcard = false;
        std::int64_t total = -1;
      };
      std::vector<Test> tests;
      std::vector<std::size_t> context_positions(2 + for_each_.size(), t.dimensions.size());
      bool possible = true;
      for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
        const std::string& dim = t.dimensions[d];
        const expr::Selector* sel = nullptr;
        for (const auto& candidate : s.selectors)
          if (candidate.dimension == dim) sel = &candidate;
        if (dim == time_) {
          context_positions[0] = d;
          if (sel && !sel->relative_time) tests.push_back({d, symbol(sel->code)});
          continue;
        }
        if (dim == country_) {
          context_positions[1] = d;
          continue;
        }
        auto each = std::find(for_each_.begin(), for_each_.end(), dim);
        if (each != for_each_.end() && !sel) {
          context_positions[2 + static_cast<std::size_t>(each - for_each_.begin())] = d;
          continue;
        }
        const std::string total = total_code(dim);
        if (sel && sel->wildcard) tests.push_back({d, -1, true, total.empty() ? -1 : symbol(total)});
        else tests.push_back({d, symbol(sel ? sel->code : total)});
        possible = possible && (tests.back().wildcard || tests.back().required >= 0);
      }
      if (!possible) continue;
      const std::size_t ndims = t.dimensions.size();
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::uint32_t* key = &t.keys[i * ndims];
        bool match = true;
        for (const Test& test : tests) {
          const std::int64_t got = key[test.dimension];
          match = match && (test.wildcard ? got != test.total : got == test.required);
        }
        if (!match) continue;
        ContextKey c(context_positions.size());
        for (std::size_t k = 0; k < c.size(); ++k)
          if (context_positions[k] < ndims) c[k] = t.symbols[key[context_positions[k]]];
        if (out.absolute_time) c[0].clear();
        else if (out.time_offset != 0) c[0] = shift_year(c[0], -out.time_offset);
        if (!out.absolute_time && !c[0].empty()) contexts.emplace(c, true);
        out.by_context[c].push_back({instance.file, instance.table, static_cast<std::uint32_t>(i)});
      }
    }
    return out;
  }

  double slice_value(const SliceIndex& index, const ContextKey& c, int shift) {
    ++references_;
    ContextKey key = c;
    if (index.absolute_time) key[0].clear();
    else if (shift != 0) key[0] = shift_year(key[0], shift);
    auto it = index.by_context.find(key);
    if (it == index.by_context.end() || it->second.empty()) {
      ++missing_;
      return 0;
    }
    double total = 0;
    bool any_missing = false;
    for (const ObservationRef& o : it->second) {
      if (std::isnan(o.value())) {
        any_missing = true;
        if (!index.several) break;
        continue;
      }
      total += o.value();
      cells_.push_back(o);
      if (!index.several) break;
    }
    missing_ += any_missing;
    return total;
  }

  static std::string shift_year(const std::string& year, int by) {
    const auto y = year_of(year);
    return y ? std::to_string(*y + by) : std::string();
  }

  std::string total_code(const std::string& dimension) {
    auto it = totals_.find(dimension);
    if (it != totals_.end()) return it->second;
    return totals_[dimension] = rules::total_code(run_.rulebook, dimension);
  }

  const RuleRun& run_;
  const Dataset& data_;
  std::string time_, country_;
  std::vector<std::string> for_each_;
  std::map<std::string, std::string> totals_;
  std::vector<std::vector<SliceIndex>> slices_;  // per indexed expression
  std::size_t references_ = 0, missing_ = 0;
  std::vector<ObservationRef> cells_;
};

// DHIS2's missing-value strategies, over the slices one evaluation read.
bool skip(MissingStrategy strategy, std::size_t references, std::size_t missing);

// The finding of a failed context: at the first cell read, the others related.
void report(const RuleRun& run, const Dataset& data, const Evaluator& ev, const ContextKey& c, double actual,
            double expected, std::vector<std::pair<std::string, std::string>> params);

// An expression the loader has checked (a rulebook built in code may not have been).
expr::Expression parsed_or_throw(const expr::ParsedExpression& parsed);

}  // namespace migcheck::rules::slices
