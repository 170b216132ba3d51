// The recognised tables of every file of one validation, for the checks that
// reach across tables, files and years (expression, balance, change): a
// return split into CSV files, or several years' returns, is one dataset.
// Its files are taken in the order of their names, not in the order given,
// so that the checks across files find the same whatever that order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/report.hpp"

namespace migcheck::rules {

struct TableInstance {
  std::uint32_t file = 0;  // into the report's files
  const RecognisedTable* table = nullptr;
};

struct ObservationRef {
  std::uint32_t file = 0;
  const RecognisedTable* table = nullptr;
  std::uint32_t index = 0;
  double value() const { return table->values[index]; }
};

class Dataset {
 public:
  explicit Dataset(const std::vector<FileReport>& files);

  // Every recognised table with this id, files by name (byte order; files of
  // the same name as given): where several files give the same observation,
  // the first of them in this order is the one the checks use.
  std::vector<TableInstance> instances(std::string_view table) const;
  // A file's place in that order (TableInstance::file is its place in the report).
  std::uint32_t rank(std::uint32_t file) const { return rank_[file]; }
  const std::string& file_name(std::uint32_t file) const { return files_[file].file; }
  bool previous(std::uint32_t file) const { return files_[file].previous; }
  const std::string& sheet_name(const ObservationRef& o) const;
  std::string cell(const ObservationRef& o) const;  // "B7"
  // "Sheet!B7", or "[file]Sheet!B7" (Excel's notation) when o is in another file than `from`.
  std::string reference(const ObservationRef& o, std::uint32_t from) const;

 private:
  const std::vector<FileReport>& files_;
  std::vector<std::uint32_t> by_name_;  // report positions, ordered by name
  std::vector<std::uint32_t> rank_;     // report position -> place in by_name_
};

}  // namespace migcheck::rules
