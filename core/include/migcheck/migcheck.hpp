// migcheck: checks national migration-statistics returns (XLSX, CSV).
//
//   #include "migcheck/migcheck.hpp"
//
//   std::string bytes = ...;                       // the file, as uploaded
//   auto read = migcheck::read_workbook(bytes, "return.xlsx");
//   if (!read) {
//     std::cerr << read.error().message << "\n";   // one clear error, with its location
//     return 1;
//   }
//   const migcheck::Workbook& wb = read.value();
//   std::cout << migcheck::dump_json(wb);          // how migcheck sees the file
//
// Nothing here throws, allocates per cell on the hot path, or evaluates formulas.
#pragma once

#include "migcheck/annotate.hpp"
#include "migcheck/assemble.hpp"
#include "migcheck/dump.hpp"
#include "migcheck/error.hpp"
#include "migcheck/finding.hpp"
#include "migcheck/inspect.hpp"
#include "migcheck/recognition.hpp"
#include "migcheck/rulebook.hpp"
#include "migcheck/limits.hpp"
#include "migcheck/mapping.hpp"
#include "migcheck/read.hpp"
#include "migcheck/template.hpp"
#include "migcheck/validate.hpp"
#include "migcheck/version.hpp"
#include "migcheck/workbook.hpp"
