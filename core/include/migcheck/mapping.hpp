// A mapping: what a return's sheets, columns and labels mean, said by hand
// where recognition could not tell, and kept so that next year's return maps
// itself (docs/mapping.md, schema rulebooks/schema/mapping.schema.json).
// Recognition applies it before its own matching: a sheet's table, a header's
// meaning, a label's code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck {

struct ColumnMeaning {
  std::string header;  // as written; "" when the column is given by its letter
  std::string column;  // "B"; "" when given by its header
  std::string means;   // a dimension, attribute or the measure id; "" to leave the column out
};

struct SheetMeaning {
  std::string sheet;              // as written
  std::string reporting_country;  // "" for every return
  std::string table;              // "" when not said
  std::uint32_t header_row = 0;   // 1-based; 0 when not said
  std::vector<ColumnMeaning> columns;
};

struct LabelMeaning {
  std::string dimension, text, code;
  std::string reporting_country;  // "" for every return
};

struct Mapping {
  std::string rulebook;  // id, "" when not said
  std::vector<SheetMeaning> sheets;
  std::vector<LabelMeaning> labels;
  bool empty() const noexcept { return sheets.empty() && labels.empty(); }
};

struct MappingLoad {
  std::optional<Mapping> mapping;         // set when there is no problem
  std::vector<RulebookProblem> problems;  // JSON Pointer and message (English, like the rulebook's)
  bool ok() const noexcept { return mapping.has_value(); }
};

struct MappingLimits {
  std::size_t max_bytes = 4u << 20;
  std::size_t max_depth = 16;  // nesting of arrays and objects; the format needs 4
};

// Parses, validates against the mapping schema and checks every id against
// `rulebook` (tables, dimensions, attributes, the measure, codes of the
// dimension's list). Never throws.
MappingLoad load_mapping(std::string_view json_text, const Rulebook& rulebook, const MappingLimits& limits = {});

// The mapping as JSON, in the schema's form (what the page downloads).
std::string mapping_json(const Mapping& mapping);

}  // namespace migcheck
