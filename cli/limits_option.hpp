// --limit NAME=VALUE: lets a CLI user raise or lower any input limit.
#pragma once

#include <string>

#include "migcheck/limits.hpp"

namespace migcheck::cli {
bool apply_limit(const std::string& assignment, Limits& limits, std::string& error);
}
