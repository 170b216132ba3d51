// What every stage of recognition shares while it reads one workbook: the
// workbook, the rulebook and its matcher, the recognition being built, the
// time and reporting-country dimensions, the default statuses, and how a
// finding is added (its message rendered in the report's language).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "migcheck/recognition.hpp"
#include "recognition/hand_mapping.hpp"
#include "recognition/matcher.hpp"

namespace migcheck::recognition {

// The text people see in a cell: numbers as they would type them.
std::string cell_text(const Workbook& wb, const Cell* c);

struct Context {
  const Workbook& workbook;
  const Rulebook& rulebook;
  const Matcher& matcher;
  const HandMapping& mapping;
  const RecogniseOptions& options;
  Recognition& out;
  const Dimension* time_dimension = nullptr;
  const Dimension* country_dimension = nullptr;
  std::string default_obs_status, default_conf_status;

  // `message_key`: another wording of the same finding (without the part a placeholder would leave empty).
  void finding(std::string key, Severity severity, int level, std::string sheet, std::string cell,
               std::vector<std::pair<std::string, std::string>> params, std::string table = {},
               std::vector<std::string> related = {}, std::string message_key = {});
};

// Cells with merged ranges filled in from their top-left cell.
class SheetView {
 public:
  SheetView(const Workbook& wb, const Sheet& sheet) : wb_(wb), sheet_(sheet) {}
  const Cell* at(std::uint32_t row, std::uint32_t column) const;
  std::string text(std::uint32_t row, std::uint32_t column) const { return cell_text(wb_, at(row, column)); }
  const Sheet& sheet() const { return sheet_; }

 private:
  const Workbook& wb_;
  const Sheet& sheet_;
};

}  // namespace migcheck::recognition
