#include "rules/grouping.hpp"

namespace migcheck::rules {

std::vector<std::uint64_t> key_numbers(const RecognisedTable& t, std::size_t skip) {
  const std::size_t n = t.dimensions.size();
  std::vector<std::vector<std::uint32_t>> rank(n);
  std::vector<std::uint64_t> radix(n, 1);
  long double combinations = 1;
  for (std::size_t k = 0; k < n; ++k) {
    if (k == skip) continue;
    std::vector<char> used(t.symbols.size(), 0);
    for (std::size_t i = 0; i < t.size(); ++i) used[t.keys[i * n + k]] = 1;
    rank[k].assign(t.symbols.size(), 0);
    std::uint64_t next = 0;
    for (std::size_t s = 0; s < used.size(); ++s)
      if (used[s]) rank[k][s] = static_cast<std::uint32_t>(next++);
    radix[k] = next == 0 ? 1 : next;
    combinations *= static_cast<long double>(radix[k]);
  }
  if (combinations >= 1.8e19L) return {};
  std::vector<std::uint64_t> numbers(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::uint64_t number = 0;
    for (std::size_t k = 0; k < n; ++k)
      if (k != skip) number = number * radix[k] + rank[k][t.keys[i * n + k]];
    numbers[i] = number;
  }
  return numbers;
}

}  // namespace migcheck::rules
