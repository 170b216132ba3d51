// Observations grouped by their codes without a string per observation:
// each dimension's symbols are ranked densely and the ranks packed into one
// 64-bit number, so grouping or sorting compares integers, not keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "migcheck/recognition.hpp"

namespace migcheck::rules {

// One number per observation from its codes in every dimension but `skip`
// (skip >= the number of dimensions: all of them). Two observations get the
// same number exactly when those codes agree, and numbers order like their
// symbols compared dimension by dimension. Empty when the numbers would not
// fit in 64 bits (then compare the keys themselves).
std::vector<std::uint64_t> key_numbers(const RecognisedTable& t, std::size_t skip);

}  // namespace migcheck::rules
