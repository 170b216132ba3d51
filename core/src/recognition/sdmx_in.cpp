#include "recognition/sdmx_in.hpp"

#include <algorithm>

#include "util/normalize.hpp"

namespace migcheck::recognition {
namespace {

std::string text_of(const Workbook& workbook, const Cell* cell) {
  return cell && cell->kind == CellKind::text ? std::string(workbook.text(*cell)) : std::string();
}

// "AGENCY:ID(VERSION)" -> "ID"; anything else as it is.
std::string structure_id(const std::string& text) {
  const std::size_t colon = text.find(':');
  const std::size_t start = colon == std::string::npos ? 0 : colon + 1;
  const std::size_t paren = text.find('(', start);
  return text.substr(start, (paren == std::string::npos ? text.size() : paren) - start);
}

}  // namespace

bool sdmx_control_column(std::string_view header) {
  const std::string key = util::normalize_label(header);
  return key == "structure" || key == "structure_id" || key == "action" || key == "dataflow" || key == "last update";
}

std::vector<SdmxPart> sdmx_parts(const Workbook& workbook, const Sheet& sheet, const Matcher& matcher,
                                 const std::string& country_dimension) {
  std::vector<SdmxPart> parts;
  if (sheet.cells.empty()) return parts;
  const std::uint32_t header_row = sheet.cells.front().row;
  const std::string first = util::normalize_label(text_of(workbook, &sheet.cells.front()));
  if (sheet.cells.front().column != 0 || (first != "structure" && first != "dataflow")) return parts;
  // 2.0: STRUCTURE, STRUCTURE_ID, ACTION, ...; 1.0: DATAFLOW holds the id itself.
  std::uint32_t column = 0;
  if (first == "structure") {
    bool found = false;
    for (const Cell& c : sheet.cells) {
      if (c.row != header_row) break;
      if (util::normalize_label(text_of(workbook, &c)) == "structure_id") column = c.column, found = true;
    }
    if (!found) return parts;
  }
  std::uint32_t country_column = UINT32_MAX;
  for (const Cell& c : sheet.cells) {
    if (c.row != header_row) break;
    const auto target = matcher.header(text_of(workbook, &c));
    if (target && target->kind == HeaderKind::dimension && target->id == country_dimension) country_column = c.column;
  }
  // The rows by structure id and country, in the order they first appear.
  for (std::size_t i = 0; i < sheet.cells.size();) {
    const std::uint32_t row = sheet.cells[i].row;
    std::string id, country;
    for (; i < sheet.cells.size() && sheet.cells[i].row == row; ++i) {
      if (sheet.cells[i].column == column) id = text_of(workbook, &sheet.cells[i]);
      if (sheet.cells[i].column == country_column) country = text_of(workbook, &sheet.cells[i]);
    }
    if (row == header_row || id.empty()) continue;
    const bool known = std::any_of(parts.begin(), parts.end(),
                                   [&](const SdmxPart& p) { return p.structure == id && p.country == country; });
    if (!known) parts.push_back({header_row, column, id, matcher.table_by_name(structure_id(id)), country_column, country});
  }
  return parts;
}

}  // namespace migcheck::recognition
