#include "rules/dataset.hpp"

namespace migcheck::rules {

std::vector<TableInstance> Dataset::instances(std::string_view table) const {
  std::vector<TableInstance> out;
  for (std::uint32_t f = 0; f < files_.size(); ++f)
    for (const auto& t : files_[f].recognition.tables)
      if (t.table == table) out.push_back({f, &t});
  return out;
}

const std::string& Dataset::sheet_name(const ObservationRef& o) const {
  static const std::string none;
  const auto& sheets = files_[o.file].recognition.sheets;
  const std::uint32_t s = o.table->sheet[o.index];
  return s < sheets.size() ? sheets[s].sheet : none;
}

std::string Dataset::cell(const ObservationRef& o) const { return a1(o.table->row[o.index], o.table->column[o.index]); }

std::string Dataset::reference(const ObservationRef& o, std::uint32_t from) const {
  std::string out;
  if (o.file != from) out = "[" + files_[o.file].file + "]";
  return out + sheet_name(o) + "!" + cell(o);
}

}  // namespace migcheck::rules
