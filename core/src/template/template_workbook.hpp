// The blank return template as a workbook model, before it is written as
// XLSX, with a map of where everything is: the tests fill it in code, and so
// could a future "fill from SDMX-CSV". Internal to the core; the public API
// is migcheck/template.hpp.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/recognition.hpp"
#include "migcheck/rulebook.hpp"
#include "writers/xlsx_writer.hpp"

namespace migcheck::templates {

// Pre-filled rows per table sheet at most: beyond, the sheet has its header only.
inline constexpr std::size_t kMaxPrefilledRows = 100'000;
// A code list without hierarchies is pre-filled whole up to this many codes;
// a longer one only with its codes that have a role (totals, aggregates, unknown).
inline constexpr std::size_t kMaxListedCodes = 60;

inline constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

struct TemplateTable {
  std::string table;                 // rulebook table id
  std::size_t sheet = kNone;         // index in TemplateWorkbook::workbook.sheets
  std::uint32_t header_row = 0;      // 0-based
  std::vector<std::string> columns;  // per column from 0: a dimension, the measure or an attribute id
  std::uint32_t measure_column = 0;
  std::uint32_t first_row = 0;       // the first pre-filled row (0-based)
  // The pre-filled rows, in order: the code of each dimension column.
  std::vector<std::vector<std::string>> rows;
};

struct TemplateWorkbook {
  xlsx::WorkbookSpec workbook;
  std::size_t metadata_sheet = kNone, sources_sheet = kNone, codes_sheet = kNone;
  std::vector<std::pair<std::string, std::uint32_t>> metadata_rows;  // field id -> row; its value goes in column 1
  std::uint32_t sources_header_row = 0;
  std::vector<std::string> sources_columns;                          // field id per column
  std::vector<std::pair<std::string, std::uint32_t>> sources_rows;   // table id -> row
  std::vector<TemplateTable> tables;
};

// The codes a template pre-fills for a dimension of this list, in the list's
// order (docs/template.md): the totals and parts its hierarchies name (the
// first group only, e.g. 5-year ages), not the individual members a
// hierarchy takes by role (the countries), or, without hierarchies, every code.
std::vector<const Code*> prefilled_codes(const CodeList& list);

TemplateWorkbook build_template(const Rulebook& rulebook, std::string_view language);

// What a return holds, to write it in the template's shape (migcheck assemble,
// docs/agencies.md): the Metadata values, one Sources row per table, and the
// recognised tables (at most one per table id).
struct ReturnContent {
  std::vector<std::pair<std::string, std::string>> metadata;             // field id -> text as written
  std::vector<std::vector<std::pair<std::string, std::string>>> sources;  // per row: field id -> text
  std::vector<const RecognisedTable*> tables;
  std::string reference_year;  // observations of another year keep a time column
};

// The template filled with `content`: the Metadata values, its Sources rows,
// and a sheet per table given (in the rulebook's order) with one row per
// observation, codes written as labels that read back as them, a marker where
// a value is missing, the status where it is not the default. Sheets of tables
// not given are left out.
TemplateWorkbook build_filled(const Rulebook& rulebook, std::string_view language, const ReturnContent& content);

}  // namespace migcheck::templates
