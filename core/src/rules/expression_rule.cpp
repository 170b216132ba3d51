// Kind `expression` (with `balance` in balance.cpp): arithmetic over table slices, evaluated
// once per context (reporting country, year, and the rule's for_each
// dimensions) found in the data of every file. A slice names a table and
// fixes some dimensions; the context fixes the country, the year (shifted
// by t+N) and the for_each dimensions; every other dimension is at its total.
#include "rules/slice_evaluator.hpp"

namespace migcheck::rules {
namespace {

using slices::ContextKey;
using slices::Evaluator;

bool holds(expr::Comparison c, double left, double right, double slack) {
  switch (c) {
    case expr::Comparison::equal: return std::fabs(left - right) <= slack;
    case expr::Comparison::not_equal: return std::fabs(left - right) > slack;
    case expr::Comparison::less_equal: return left <= right + slack;
    case expr::Comparison::greater_equal: return left + slack >= right;
    case expr::Comparison::less: return left < right + slack;
    case expr::Comparison::greater: return left + slack > right;
  }
  return true;
}

}  // namespace

void run_expression(const RuleRun& run, const Dataset& data) {
  const ExpressionParams& p = run.params<ExpressionParams>();
  const expr::Expression e = slices::parsed_or_throw(expr::parse_expression(p.expression));
  const MissingStrategy missing = p.missing;
  const Tolerance tolerance = p.tolerance;
  Evaluator ev(run, data);
  std::map<ContextKey, bool> contexts;
  ev.index(e, contexts);
  for (const auto& [c, unused] : contexts) {
    (void)unused;
    ev.reset();
    const auto left = ev.eval(0, e, e.left, c, 0);
    const auto right = ev.eval(0, e, e.right, c, 0);
    if (slices::skip(missing, ev.references(), ev.missing()) || left.undefined || right.undefined) {
      ++run.summary.not_applicable;
      continue;
    }
    ++run.summary.checked;
    if (holds(e.comparison, left.number, right.number, tolerance.allowed(right.number))) {
      ++run.summary.passed;
      continue;
    }
    ++run.summary.failed;
    slices::report(run, data, ev, c, left.number, right.number,
           {{"left", format_number(left.number)},
            {"right", format_number(right.number)},
            {"operator", expr::comparison_text(e.comparison)},
            {"expression", e.text}});
  }
}

}  // namespace migcheck::rules
