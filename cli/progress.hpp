// A progress bar on standard error while large files are validated, only
// when standard error is a terminal (CI logs stay clean).
#pragma once

#include <functional>

#include "migcheck/validate.hpp"

namespace migcheck::cli {

// A callback for ValidationOptions::progress, or an empty function when
// standard error is not a terminal. It draws nothing during the first half
// second (small files finish before), then redraws at most ten times a
// second, and erases its line when validation is done.
std::function<void(const Progress&)> terminal_progress();

}  // namespace migcheck::cli
