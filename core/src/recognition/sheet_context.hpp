// What every stage of recognition shares while it reads one workbook: the
// workbook, the rulebook and its matcher, the recognition being built, the
// time and reporting-country dimensions, the default statuses, and how a
// finding is added (its message rendered in the report's language).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "migcheck/recognition.hpp"
#include "recognition/hand_mapping.hpp"
#include "recognition/matcher.hpp"

namespace migcheck::recognition {

// The text people see in a cell: numbers as they would type them.
std::string cell_text(const Workbook& wb, const Cell* c);

// Where a recognition finding points: its sheet and cell ("" for the sheet or
// the file as a whole), the table it concerns, and other cells that show it.
struct FindingPlace {
  std::string sheet, cell, table = {};
  std::vector<std::string> related = {};
};

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

  // A recognition finding (level 0: it stops figures being read): `rule` with
  // its severity, at `place`, its message filled from `params`; `wording`
  // names another message of the same finding (one without the part a
  // placeholder would leave empty), "" for the rule's own.
  void finding(std::string rule, Severity severity, FindingPlace place,
               std::vector<std::pair<std::string, std::string>> params, std::string wording = {});
};

// Which merged range covers a cell, in O(log² n) rather than a scan of every
// range per cell (issue 15: 20,000 ranges made recognition quadratic). A
// segment tree over rows: each range sits in the O(log n) nodes whose rows
// it spans whole, and a node's ranges, sorted by first column, are disjoint
// in a valid sheet (two ranges over the same rows and columns would
// overlap), so one binary search per node finds the range. Overlapping
// ranges, which Excel refuses, get a bounded search: the earliest range
// among a few candidates per node.
class MergeIndex {
 public:
  explicit MergeIndex(const std::vector<CellRange>& merged);
  // The index in `merged` of the first range covering the cell, or -1.
  std::int64_t covering(std::uint32_t row, std::uint32_t column) const;

 private:
  struct Entry {
    std::uint32_t first_column, last_column, index;
    std::uint32_t reach;  // the largest last_column of this entry and those before it
  };
  void insert(std::size_t node, std::size_t lo, std::size_t hi, std::size_t from, std::size_t to, const Entry& e);
  std::vector<std::uint32_t> bounds_;       // row boundaries: leaf i is rows [bounds_[i], bounds_[i + 1])
  std::vector<std::vector<Entry>> nodes_;  // the segment tree, node 1 the root
  std::size_t leaves_ = 0;
};

// Cells with merged ranges filled in from their top-left cell.
class SheetView {
 public:
  SheetView(const Workbook& wb, const Sheet& sheet) : wb_(wb), sheet_(sheet), merges_(sheet.merged) {}
  const Cell* at(std::uint32_t row, std::uint32_t column) const;
  std::string text(std::uint32_t row, std::uint32_t column) const { return cell_text(wb_, at(row, column)); }
  const Sheet& sheet() const { return sheet_; }

 private:
  const Workbook& wb_;
  const Sheet& sheet_;
  MergeIndex merges_;
};

}  // namespace migcheck::recognition
