// Parses a rule's kind-specific parameters into their typed structure.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck::rulebook {

// The parameters of rule `rj` (at JSON Pointer `path`) for its kind, or
// nothing when the kind is unknown or a parameter is wrong; every problem
// is appended with its path.
std::optional<RuleParams> parse_rule_params(const nlohmann::json& rj, const std::string& path,
                                            std::vector<RulebookProblem>& problems);

// The messages a kind writes besides the rule's own `message` (completeness:
// "rule.derived", ...): the rulebook must have them in every language.
const std::vector<std::string>& kind_messages(const std::string& kind);

}  // namespace migcheck::rulebook
