// One finding as a JSON object, shared by the inspect and validation reports.
#pragma once

#include "migcheck/finding.hpp"
#include "migcheck/json_writer.hpp"

namespace migcheck::report {
void write_finding(util::JsonWriter& w, const Finding& f);
}
