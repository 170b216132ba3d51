// What the kinds `expression` and `balance` share: the missing-value
// strategies and the finding of a context that fails (slice_evaluator.hpp).
#include "rules/slice_evaluator.hpp"

#include <stdexcept>

namespace migcheck::rules::slices {

bool skip(MissingStrategy strategy, std::size_t references, std::size_t missing) {
  return skip_for_missing(strategy, references - missing, missing);
}

namespace {

std::string key_text(const std::vector<std::pair<std::string, std::string>>& key) {
  std::string out;
  for (const auto& [d, code] : key) out += (out.empty() ? "" : ", ") + d + "=" + code;
  return out;
}

}  // namespace

void report(const RuleRun& run, const Dataset& data, const Evaluator& ev, const ContextKey& c, double actual,
            double expected, std::vector<std::pair<std::string, std::string>> params) {
  const auto& cells = ev.cells();
  const auto key = ev.key_of(c);
  params.emplace_back("key", key_text(key));
  params.emplace_back("year", c[0]);
  params.emplace_back("country", c[1]);
  params.emplace_back("difference", format_number(actual - expected));
  Finding f;
  if (cells.empty()) {
    params.emplace_back("cell", "");
    f = run.finding(std::string(), std::string(), std::string(), std::string(), std::move(params));
  } else {
    const ObservationRef& anchor = cells.front();
    params.emplace_back("cell", data.cell(anchor));
    f = run.finding(data.file_name(anchor.file), anchor.table->table, data.sheet_name(anchor), data.cell(anchor),
                    std::move(params));
    for (std::size_t k = 1; k < cells.size(); ++k) {
      const std::string related = data.reference(cells[k], anchor.file);
      if (related != data.reference(anchor, anchor.file) &&
          std::find(f.related_cells.begin(), f.related_cells.end(), related) == f.related_cells.end())
        f.related_cells.push_back(related);
    }
  }
  f.key = key;
  f.expected = expected;
  f.actual = actual;
  run.sink.add(std::move(f));
}

expr::Expression parsed_or_throw(const expr::ParsedExpression& parsed) {
  // The loader checked every expression; this only guards a rulebook built in code.
  if (!parsed.expression) throw std::runtime_error("expression " + expr::describe(parsed.error));
  return *parsed.expression;
}

}  // namespace migcheck::rules::slices
