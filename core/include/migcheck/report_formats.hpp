// The report's writers (docs/report.md): JSON, text, JUnit, SARIF, HTML, and
// the recognised observations as SDMX-CSV.
#pragma once

#include <string>

#include "migcheck/report.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

// Writers (docs/report.md).
std::string report_json(const Report& report);
std::string report_text(const Report& report);
// JUnit XML: a test suite per file, a test case per rule, failed by its errors (and warnings with strict).
std::string report_junit(const Report& report, bool strict = false);
// SARIF 2.1.0: one result per finding; the cell is the region (row = line, column = column).
std::string report_sarif(const Report& report, const Rulebook& rulebook);
// A standalone HTML5 page (inline CSS, no script), in the report's language.
std::string report_html(const Report& report, const Rulebook& rulebook);
// SDMX-CSV 2.0 of the recognised observations of every readable file: one row per observation, codes only.
std::string report_sdmx_csv(const Report& report, const Rulebook& rulebook);

}  // namespace migcheck
