// `migcheck inspect`: what recognition made of a file, for people (text) and
// programs (JSON, docs/inspect.md). Shared by the CLI and the wasm module.
#pragma once

#include <string>

#include "migcheck/recognition.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

struct InspectOptions {
  bool observations = false;  // list every observation (JSON only)
};

std::string inspect_json(const Recognition& recognition, const Rulebook& rulebook, const InspectOptions& options = {});
// In `language`: every word from the rulebook's "inspect.*" messages.
std::string inspect_text(const Recognition& recognition, const Rulebook& rulebook, const std::string& language = "en");

// Appends one finding as JSON (the report's finding object).
void append_finding_json(std::string& out, const Finding& finding);

}  // namespace migcheck
