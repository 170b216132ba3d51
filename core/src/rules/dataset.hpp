// The recognised tables of every file of one validation, for the checks that
// reach across tables, files and years (expression, balance, change): a
// return split into CSV files, or several years' returns, is one dataset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/validate.hpp"

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
  explicit Dataset(const std::vector<FileReport>& files) : files_(files) {}

  // Every recognised table with this id, in file order.
  std::vector<TableInstance> instances(std::string_view table) const;
  const std::string& file_name(std::uint32_t file) const { return files_[file].file; }
  bool previous(std::uint32_t file) const { return files_[file].previous; }
  const std::string& sheet_name(const ObservationRef& o) const;
  std::string cell(const ObservationRef& o) const;  // "B7"
  // "Sheet!B7", or "[file]Sheet!B7" (Excel's notation) when o is in another file than `from`.
  std::string reference(const ObservationRef& o, std::uint32_t from) const;

 private:
  const std::vector<FileReport>& files_;
};

}  // namespace migcheck::rules
