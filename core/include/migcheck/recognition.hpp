// Recognition: from sheets as people fill them to harmonised observations.
// Each sheet is matched to a table template of the rulebook (or to its
// Metadata or Sources sheet), its layout (long or wide) and header rows are
// found, headers map to dimensions, labels map to codes, values and markers
// are parsed, and every observation keeps the cell it came from. What cannot
// be recognised becomes a finding, never a guess.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "migcheck/finding.hpp"
#include "migcheck/rulebook.hpp"
#include "migcheck/workbook.hpp"

namespace migcheck {

enum class Layout : std::uint8_t { long_format, wide };
const char* layout_name(Layout l) noexcept;

// One column's role in a recognised table.
struct ColumnMapping {
  std::uint32_t column = 0;  // 0-based
  std::string header;        // the header text as written (joined when two rows)
  std::string role;          // "dimension", "measure", "attribute", "value", "unknown"
  std::string target;        // dimension/attribute id, or for "value" columns the spread codes ("SEX=M")
  bool from_values = false;  // a dimension told by the column's values, its header naming none
  bool by_hand = false;      // said by the mapping (role "ignored": left out by it)
};

// How one text was mapped to a code (reported once per distinct text and dimension).
struct LabelMapping {
  std::string dimension;
  std::string text;
  std::string code;  // empty when unknown
  std::uint32_t count = 0;
  bool by_hand = false;    // said by the mapping
  bool aggregate = false;  // a region or group of the dimension's aggregates list: its rows are skipped
};

// The observations of one recognised table, column-wise. Codes, years and
// statuses are interned in `symbols`: observation i has key
// symbols[keys[i * dimensions.size() + d]] and value values[i] (NaN when the
// cell holds a marker without a number).
struct RecognisedTable {
  std::string table;                    // rulebook table id
  std::string reporting_country;        // when every observation has the same one ("" otherwise)
  std::vector<std::string> dimensions;  // the table's dimensions, then TIME_PERIOD and the reporting-country dimension
  std::vector<std::string> symbols;
  std::vector<std::uint32_t> keys;
  std::vector<double> values;
  std::vector<std::uint32_t> obs_status, conf_status;  // into symbols
  // The status the cell's own marker or flag implies ("" when none); differs
  // from obs_status when a status column says otherwise.
  std::vector<std::uint32_t> implied_obs_status;
  std::vector<std::uint32_t> sheet, row, column;       // source cell (sheet index into Workbook::sheets)
  // Cells with a value that could not become an observation (a label no code
  // matches, a value that is no number; each has its own finding), so that a
  // check they would take part in is "not checkable", never a false difference.
  // Keys as above; a label that was not recognised is the symbol "".
  std::vector<std::uint32_t> dropped_keys, dropped_sheet, dropped_row, dropped_column;
  // Empty cells of a crosstab row that has values (a nil left blank, as
  // published tables do): keys as above, and the first such cell.
  std::vector<std::uint32_t> blank_keys;
  std::uint32_t first_blank_sheet = 0, first_blank_row = 0, first_blank_column = 0;
  std::size_t size() const noexcept { return values.size(); }
  std::size_t dropped() const noexcept { return dropped_row.size(); }
  // Position of a dimension in `dimensions`, or dimensions.size() when absent.
  std::size_t dimension_index(std::string_view id) const noexcept {
    std::size_t d = 0;
    while (d < dimensions.size() && dimensions[d] != id) ++d;
    return d;
  }
  const std::string& code(std::size_t observation, std::size_t dimension) const {
    return symbols[keys[observation * dimensions.size() + dimension]];
  }
};

// codes: the rulebook's reference sheet of code lists (codes_sheet), not read.
// annotations: the list of problems `migcheck annotate` puts first in a workbook
// (its A1 holds kAnnotationSheetMark), not read, so that checking the annotated
// workbook again gives the same findings as the original.
enum class SheetRole : std::uint8_t { table, metadata, sources, codes, unrecognised, empty, annotations };
inline constexpr std::string_view kAnnotationSheetMark = "migcheck";
const char* sheet_role_name(SheetRole r) noexcept;

struct SheetRecognition {
  std::string sheet;
  SheetRole role = SheetRole::unrecognised;
  std::string table;  // for role table
  bool table_by_hand = false;  // the mapping said which table the sheet holds
  Layout layout = Layout::long_format;
  std::vector<std::uint32_t> header_rows;  // 0-based
  std::vector<ColumnMapping> columns;
  std::vector<LabelMapping> labels;
  std::uint64_t observations = 0;
  std::uint64_t unread = 0;  // cells with a value that became no observation (their findings say why)
  std::vector<std::uint32_t> skipped_rows;  // titles, notes, spacers (0-based)
  std::string why;  // for unrecognised sheets: the best candidate and why it failed
};

// A value of the Metadata or Sources sheet: as written, as a code of the
// field's code list (labels and synonyms in every language: "12 mois" is
// 12M; a table's id for a field of kind table; "" when none matches), and
// where it is, so that a finding about it can point at its cell.
struct FieldValue {
  std::string field;  // field id
  std::string text;
  std::string code;
  std::string sheet, cell;
};

struct Recognition {
  std::string file;
  std::string reporting_country;  // code, when known
  std::string reference_year;     // when known
  std::vector<FieldValue> metadata;
  std::vector<std::vector<FieldValue>> sources;  // one row per table
  std::string sources_sheet;                     // its name, when the file has one
  std::vector<std::string> sources_fields;       // the Sources fields it has a column for
  bool sources_borrowed = false;  // `sources` are another file's of the same split return (its Sources file)
  std::vector<SheetRecognition> sheets;
  std::vector<RecognisedTable> tables;
  std::vector<Finding> findings;
};

struct Mapping;

struct RecogniseOptions {
  std::string language = "en";  // of the rendered messages
  const Mapping* mapping = nullptr;  // what the user said by hand (migcheck/mapping.hpp); optional
};

Recognition recognise(const Workbook& workbook, const Rulebook& rulebook, const RecogniseOptions& options = {});

// A return split in several files (one CSV per table and a Metadata file):
// where a file's tables lack the reporting country or reference year, the
// one every Metadata among `files` agrees on is theirs, and the findings
// that they were unknown go.
// A split return is checked as a whole: the required tables missing from its
// files are findings of its Metadata file.
void share_return_metadata(const std::vector<Recognition*>& files, const Rulebook& rulebook,
                           const RecogniseOptions& options = {});


}  // namespace migcheck
