// The coordinator's return, assembled from the agencies' files (`migcheck
// assemble`, docs/agencies.md): one workbook in the template's shape, with a
// Metadata sheet (the values every file agrees on), a Sources sheet merging
// each table's row from the file that holds it, and a sheet per table given,
// one row per recognised observation. Checking it gives the same findings as
// checking the agencies' files together.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/report.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

// The XLSX bytes of the return `report` holds (its current files; last year's
// are left out), texts in `language`. Refused (assemble_refused): a table two
// files give (naming both files and agencies), files of several countries or
// years, or no table at all.
Result<std::string> assemble_return(const Report& report, const Rulebook& rulebook, std::string_view language);

}  // namespace migcheck
