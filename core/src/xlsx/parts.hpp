// The parts of an XLSX package, each read by its own function from its
// inflated XML. Internal to the core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/xml_scanner.hpp"
#include "io/zip.hpp"
#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"
#include "migcheck/read.hpp"
#include "migcheck/workbook.hpp"

namespace migcheck::xlsx {

struct Relationship {
  std::string id;
  std::string type;    // full URI; compare with ends_with
  std::string target;  // resolved part name, no leading '/'
  bool external = false;
};

// Resolves a relationship target against the part that holds the relationship.
std::string resolve_target(std::string_view source_part, std::string_view target);
// "xl/_rels/workbook.xml.rels" for "xl/workbook.xml".
std::string relationships_part_of(std::string_view part);

Result<std::vector<Relationship>> read_relationships(std::string_view xml, std::string_view rels_part,
                                                     std::string_view source_part, const Limits& limits);

struct SheetEntry {
  std::string name;
  std::string relationship_id;
  SheetState state = SheetState::visible;
};
struct WorkbookPart {
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};
Result<WorkbookPart> read_workbook_part(std::string_view xml, std::string_view part, const Limits& limits);

// Shared strings go into the workbook's arena; the table maps index -> text.
Result<std::vector<TextRef>> read_shared_strings(std::string_view xml, std::string_view part,
                                                 Workbook& workbook, const Limits& limits);

// For each cell format (xf index), whether its number format shows a date.
Result<std::vector<bool>> read_date_styles(std::string_view xml, std::string_view part, const Limits& limits);
bool is_date_format_code(std::string_view code) noexcept;
bool is_builtin_date_format(unsigned id) noexcept;

struct WorksheetContext {
  const std::vector<TextRef>* shared_strings;
  const std::vector<bool>* date_styles;
  const Limits* limits;
  const ReadProgress* progress = nullptr;  // optional
  std::uint64_t progress_base = 0;         // bytes of earlier sheets
  std::uint64_t progress_total = 0;        // bytes of every sheet
};
// Errors: xml_*, xlsx_bad_reference, xlsx_shared_string_out_of_range, xlsx_text_too_long.
Status read_worksheet(std::string_view xml, Sheet& sheet, Workbook& workbook, const WorksheetContext& context);

// Parses "B7" (1-based in text, 0-based out). False when malformed or
// outside the limits' grid.
bool parse_cell_reference(std::string_view ref, std::uint32_t& row, std::uint32_t& column,
                          const Limits& limits) noexcept;

// Appends the text of <t> elements inside the current element (a <si> or
// <is>), skipping phonetic runs (<rPh>), with _xHHHH_ escapes decoded.
Status append_rich_text(io::XmlScanner& xml, std::string& out, std::string& scratch);

}  // namespace migcheck::xlsx
