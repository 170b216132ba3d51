// A finding: one thing migcheck tells the user about their file, with where
// it is, what was expected, and the message in the user's language.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck {

struct Finding {
  std::string rule;  // a rulebook rule id, or a built-in check ("recognition.label_unknown")
  Severity severity = Severity::error;
  int level = 0;     // ESS validation level 0-3
  std::string file, table, sheet, cell;
  std::vector<std::string> related_cells;
  std::vector<std::pair<std::string, std::string>> key;  // dimension -> code
  std::optional<double> expected, actual;
  std::string message_key;                                  // a key of the rulebook's messages
  std::vector<std::pair<std::string, std::string>> params;  // placeholder -> value
  std::string message;                                      // rendered in the requested language
};

// One problem: the findings of one rule with one cause in one table (a total
// that does not add up in 200 combinations, one unknown label, a missing
// breakdown), told once with its count of cells. Findings stay one per cell.
struct Problem {
  std::string rule;
  Severity severity = Severity::error;
  int level = 0;
  std::string file, table, sheet, cell;  // the first finding's
  std::string message_key, message;      // the first finding's
  std::uint64_t count = 0;               // findings of this problem, exact even when capped
  std::vector<std::string> cells;        // "Sheet!A1" of each, up to kProblemCells
  std::vector<std::size_t> findings;     // indices into the report's findings (those kept under the cap)
  std::vector<std::string> agencies;     // the agencies producing the tables it concerns (docs/agencies.md)
};
constexpr std::size_t kProblemCells = 1000;

}  // namespace migcheck
