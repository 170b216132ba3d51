#include "rules/dataset.hpp"

#include <algorithm>

namespace migcheck::rules {

Dataset::Dataset(const std::vector<FileReport>& files) : files_(files), by_name_(files.size()), rank_(files.size()) {
  for (std::uint32_t f = 0; f < files.size(); ++f) by_name_[f] = f;
  std::stable_sort(by_name_.begin(), by_name_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return files[a].file < files[b].file; });
  for (std::uint32_t k = 0; k < by_name_.size(); ++k) rank_[by_name_[k]] = k;
}

std::vector<TableInstance> Dataset::instances(std::string_view table) const {
  std::vector<TableInstance> out;
  for (std::uint32_t f : by_name_)
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
