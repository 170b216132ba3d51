// Rules that contradict each other, found when the rulebook loads: a code an
// exclusion forbids where completeness requires it (the total of a
// hierarchy), a hierarchy whose parts are all forbidden, an exclusion about a
// dimension its tables do not have, a check that reads a forbidden slice.
#pragma once

#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck::rulebook {

// Each contradiction with the JSON Pointer of the rule that makes it.
std::vector<RulebookProblem> lint_rulebook(const Rulebook& rulebook);

}  // namespace migcheck::rulebook
