// Blank return templates, written from the rulebook (docs/template.md): a
// Metadata sheet, a Sources sheet with one row per table, one sheet per table
// (long layout, headers and pre-filled code rows in the chosen language, ready
// for numbers) and a Codes sheet listing every code list.
//
//   std::string xlsx = migcheck::return_template(rulebook, "fr");
//   std::ofstream("return.xlsx", std::ios::binary) << xlsx;
//
// Everything comes from the rulebook; read back, the template is recognised
// sheet by sheet with every header and label mapped.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/rulebook.hpp"

namespace migcheck {

// The XLSX bytes of a blank return for `rulebook`, its texts in `language`
// (the rulebook's first language for texts it lacks in that language).
// Deterministic: the same rulebook and language give byte-identical output.
// Empty only when the workbook cannot be written (beyond XLSX's limits: a
// sheet over 1,048,576 rows, a 4 GiB archive), which no real rulebook reaches.
std::string return_template(const Rulebook& rulebook, std::string_view language);

}  // namespace migcheck
