// The user's own workbook, annotated (`migcheck annotate`, the page's "Download
// your workbook with the problems marked"): each cell a finding names is
// highlighted (errors red, warnings amber, infos blue) and carries a comment with
// the findings and what to do, in the report's language; a first sheet lists the
// problems with links to their cells. Every other part is copied as it was: cell
// values, formulas, styles, other sheets, drawings. Checking the annotated
// workbook again gives the same findings (its list sheet is recognised and skipped).
// docs/annotate.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"
#include "migcheck/report.hpp"
#include "migcheck/rulebook.hpp"

namespace migcheck {

// `bytes` is the XLSX file of report.files[file_index], as validated into `report`.
// Errors: annotate_not_xlsx (a CSV, an unreadable file, Strict OOXML) and the
// readers' and zip writer's errors (limits, a damaged package).
Result<std::string> annotate_xlsx(std::string_view bytes, const Report& report, std::size_t file_index,
                                  const Rulebook& rulebook, const Limits& limits = {});

}  // namespace migcheck
