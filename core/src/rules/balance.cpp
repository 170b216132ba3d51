// Kind `balance`: the demographic balance of a stock over time, over table
// slices evaluated as the kind `expression` evaluates them (slice_evaluator.hpp).
#include "rules/slice_evaluator.hpp"

namespace migcheck::rules {

using slices::ContextKey;
using slices::Evaluator;

// stock(t+1) == stock(t) + inflows(t) - outflows(t), within the tolerance.
// Both stocks must be there; the rule's missing-value strategy applies to the flows.
void run_balance(const RuleRun& run, const Dataset& data) {
  const BalanceParams& p = run.params<BalanceParams>();
  const expr::Expression stock = slices::parsed_or_throw(expr::parse_operand(p.stock));
  std::vector<expr::Expression> inflows, outflows;
  for (const auto& text : p.inflows) inflows.push_back(slices::parsed_or_throw(expr::parse_operand(text)));
  for (const auto& text : p.outflows) outflows.push_back(slices::parsed_or_throw(expr::parse_operand(text)));
  const MissingStrategy missing = p.missing;
  const Tolerance tolerance = p.tolerance;
  Evaluator ev(run, data);
  std::map<ContextKey, bool> contexts;
  ev.index(stock, contexts);
  for (const auto& e : inflows) ev.index(e, contexts);
  for (const auto& e : outflows) ev.index(e, contexts);
  // The next stock is the nearest later year given (censuses five or ten years
  // apart), with the flows of every year in between; the tolerance grows with the gap.
  const int max_gap = p.max_gap;
  for (const auto& [c, unused] : contexts) {
    (void)unused;
    int gap = 0;
    for (int g = 1; g <= max_gap && gap == 0; ++g) {
      ev.reset();
      ev.eval(0, stock, stock.left, c, g);
      if (ev.references() > 0 && ev.missing() == 0) gap = g;
    }
    if (gap == 0) {
      ++run.summary.not_applicable;
      continue;
    }
    ev.reset();
    // The later stock is read first, so that its cell anchors the finding.
    const auto next = ev.eval(0, stock, stock.left, c, gap);
    const auto now = ev.eval(0, stock, stock.left, c, 0);
    // Both stocks are needed; the missing-value strategy applies to the flows,
    // and over a gap every year in between must give some flow.
    const bool stock_missing = ev.missing() > 0;
    const std::size_t stock_references = ev.references();
    double in = 0, out = 0;
    bool undefined = next.undefined || now.undefined, year_without_flows = false;
    for (int y = 0; y < gap; ++y) {
      const std::size_t references_before = ev.references(), missing_before = ev.missing();
      for (std::size_t k = 0; k < inflows.size(); ++k) {
        const auto v = ev.eval(1 + k, inflows[k], inflows[k].left, c, y);
        in += v.number;
        undefined = undefined || v.undefined;
      }
      for (std::size_t k = 0; k < outflows.size(); ++k) {
        const auto v = ev.eval(1 + inflows.size() + k, outflows[k], outflows[k].left, c, y);
        out += v.number;
        undefined = undefined || v.undefined;
      }
      year_without_flows = year_without_flows || (gap > 1 && ev.missing() - missing_before == ev.references() - references_before);
    }
    if (stock_missing || undefined || year_without_flows ||
        slices::skip(missing, ev.references() - stock_references, ev.missing())) {
      ++run.summary.not_applicable;
      continue;
    }
    ++run.summary.checked;
    const double expected = now.number + in - out;
    Tolerance over_gap = tolerance;
    over_gap.relative *= gap;
    if (std::fabs(next.number - expected) <= over_gap.allowed(expected)) {
      ++run.summary.passed;
      continue;
    }
    ++run.summary.failed;
    const auto next_year = slices::year_of(c[0]);
    slices::report(run, data, ev, c, next.number, expected,
           {{"stock_next", format_number(next.number)},
            {"stock", format_number(now.number)},
            {"inflows", format_number(in)},
            {"outflows", format_number(out)},
            {"expected", format_number(expected)},
            {"actual", format_number(next.number)},
            {"next_year", next_year ? std::to_string(*next_year + gap) : std::string()},
            {"gap", std::to_string(gap)}});
  }
}

}  // namespace migcheck::rules
