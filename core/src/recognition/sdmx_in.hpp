// SDMX-CSV in (1.0 and 2.0, migcheck's own export and Eurostat's): a sheet
// whose first column is STRUCTURE or DATAFLOW holds observations of one or
// more dataflows, told apart by the structure id of each row
// ("comesa-migration:POP_CTZ(2026.1)", "ESTAT:MIGR_POP1CTZ(1.0)").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "migcheck/rulebook.hpp"
#include "migcheck/workbook.hpp"
#include "recognition/matcher.hpp"

namespace migcheck::recognition {

// The rows of one structure: the column holding the id, the id as written,
// and the table it names (nullptr when the rulebook has none by that name).
struct SdmxPart {
  std::uint32_t header_row = 0, column = 0;
  std::string structure;
  const TableTemplate* table = nullptr;
  // A dataset of several reporting countries is one part per country.
  std::uint32_t country_column = UINT32_MAX;
  std::string country;
};

// The structures of an SDMX-CSV sheet in the order they first appear, or
// nothing when the sheet is not SDMX-CSV.
// `country_dimension`: the id of the reporting-country dimension (REF_AREA), whose column splits the parts.
std::vector<SdmxPart> sdmx_parts(const Workbook& workbook, const Sheet& sheet, const Matcher& matcher,
                                 const std::string& country_dimension);

// SDMX-CSV's own columns (STRUCTURE, STRUCTURE_ID, ACTION, DATAFLOW, LAST UPDATE): not data.
bool sdmx_control_column(std::string_view header);

}  // namespace migcheck::recognition
