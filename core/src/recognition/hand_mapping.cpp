#include "recognition/hand_mapping.hpp"

#include "util/normalize.hpp"

namespace migcheck::recognition {

namespace {

std::string label_key(std::string_view dimension, std::string_view text) {
  return std::string(dimension) + '\x1f' + util::normalize_label(text);
}

}  // namespace

HandMapping::HandMapping(const Mapping* mapping) : mapping_(mapping) {
  if (!mapping_) return;
  for (const SheetMeaning& s : mapping_->sheets) sheets_[util::normalize_label(s.sheet)].push_back(&s);
  for (const LabelMeaning& l : mapping_->labels) labels_[label_key(l.dimension, l.text)].push_back(&l);
}

template <class Entry>
const Entry* HandMapping::for_country(const std::vector<const Entry*>& entries, std::string_view country) {
  const Entry* any = nullptr;
  for (const Entry* e : entries) {
    if (!country.empty() && e->reporting_country == country) return e;
    if (e->reporting_country.empty() && !any) any = e;
  }
  return any;
}

const SheetMeaning* HandMapping::sheet(std::string_view sheet_name, std::string_view country) const {
  if (sheets_.empty()) return nullptr;
  auto it = sheets_.find(util::normalize_label(sheet_name));
  return it == sheets_.end() ? nullptr : for_country(it->second, country);
}

const ColumnMeaning* HandMapping::by_header(const SheetMeaning& sheet, std::string_view header) {
  const std::string key = util::normalize_label(header);
  if (key.empty()) return nullptr;
  for (const ColumnMeaning& c : sheet.columns)
    if (!c.header.empty() && util::normalize_label(c.header) == key) return &c;
  return nullptr;
}

// "B" -> 1, "AA" -> 26 (the schema allows capital letters only, three at most).
std::uint32_t HandMapping::column_index(std::string_view letters) {
  std::uint32_t n = 0;
  for (char c : letters) n = n * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
  return n - 1;
}

const std::string* HandMapping::code(std::string_view dimension, std::string_view text, std::string_view country) const {
  if (labels_.empty()) return nullptr;
  auto it = labels_.find(label_key(dimension, text));
  if (it == labels_.end()) return nullptr;
  const LabelMeaning* l = for_country(it->second, country);
  return l ? &l->code : nullptr;
}

}  // namespace migcheck::recognition
