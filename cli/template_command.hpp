// `migcheck template`: writes a blank return from the rulebook (docs/template.md).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck::cli {

// The bundled rulebook or the one at path, which must speak language; prints
// its problems and gives nothing when unusable (main.cpp's loader).
using RulebookLoader = std::optional<Rulebook> (*)(const std::string& path, const std::string& language);
// Prints message and the usage; returns exit status 2.
using UsageError = int (*)(const std::string& message);

// migcheck template [--rulebook PATH] [--lang LANG] -o FILE ("-o -": standard output).
// Exit status: 0 written, 1 the file could not be written, 2 bad usage or an unusable rulebook.
int run_template(const std::vector<std::string>& args, RulebookLoader load_rulebook, UsageError usage_error);

}  // namespace migcheck::cli
