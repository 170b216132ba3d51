// A user's mapping (migcheck/mapping.hpp), indexed for recognition: the
// meaning said for a sheet, a header and a label, matched as labels are
// (case, accents and spacing aside), an entry for the return's reporting
// country before one for every country.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migcheck/mapping.hpp"

namespace migcheck::recognition {

class HandMapping {
 public:
  explicit HandMapping(const Mapping* mapping);
  bool empty() const noexcept { return !mapping_ || mapping_->empty(); }
  // What the mapping says of the sheet so named, in a return of `country`; nullptr when nothing.
  const SheetMeaning* sheet(std::string_view sheet_name, std::string_view country) const;
  // The meaning said of a column by its header text; nullptr when none.
  static const ColumnMeaning* by_header(const SheetMeaning& sheet, std::string_view header);
  // 0-based index of a column letter ("B" -> 1).
  static std::uint32_t column_index(std::string_view letters);
  // The code said for a label of `dimension`; nullptr when none.
  const std::string* code(std::string_view dimension, std::string_view text, std::string_view country) const;

 private:
  template <class Entry>
  static const Entry* for_country(const std::vector<const Entry*>& entries, std::string_view country);
  const Mapping* mapping_;
  std::unordered_map<std::string, std::vector<const SheetMeaning*>> sheets_;   // normalized name
  std::unordered_map<std::string, std::vector<const LabelMeaning*>> labels_;   // dimension '\x1f' normalized text
};

}  // namespace migcheck::recognition
