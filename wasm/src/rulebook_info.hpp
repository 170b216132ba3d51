// What the page needs to know about a rulebook to explain a report: its
// rules (label, instruction), tables, dimensions and code lists with their
// labels in every language. Written from the loaded model, never re-parsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck_wasm {

// {"id","version","title":{lang:text},"languages":[...],"rules":[...],"tables":[...],
//  "dimensions":[...],"codelists":[...]} (docs/web.md).
std::string rulebook_info_json(const migcheck::Rulebook& rulebook);

// [{"path","message"}...]: a rulebook's or a mapping's problems.
std::string problems_array_json(const std::vector<migcheck::RulebookProblem>& problems);

}  // namespace migcheck_wasm
