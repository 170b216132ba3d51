// A return split in several files (one CSV file per table, with a Metadata
// file beside them): the tables take the reporting country and reference
// year from the Metadata file, as the sheets of a workbook take them from
// its Metadata sheet.
#include <algorithm>

#include "migcheck/recognition.hpp"

namespace migcheck {
namespace {

// Sets dimension `id`, where a table left it unknown (""), to `code`.
void fill(RecognisedTable& t, const std::string& id, const std::string& code) {
  const std::size_t d = t.dimension_index(id), n = t.dimensions.size();
  if (d == n) return;
  auto blank = std::find(t.symbols.begin(), t.symbols.end(), std::string());
  if (blank == t.symbols.end()) return;
  const auto blank_symbol = static_cast<std::uint32_t>(blank - t.symbols.begin());
  auto at = std::find(t.symbols.begin(), t.symbols.end(), code);
  const auto symbol = static_cast<std::uint32_t>(at - t.symbols.begin());
  if (at == t.symbols.end()) t.symbols.push_back(code);
  for (auto* keys : {&t.keys, &t.dropped_keys})
    for (std::size_t i = d; i < keys->size(); i += n)
      if ((*keys)[i] == blank_symbol) (*keys)[i] = symbol;
}

}  // namespace

void share_return_metadata(const std::vector<Recognition*>& files, const Rulebook& rulebook) {
  std::string country, year;
  bool several = false;
  for (const Recognition* r : files) {
    const bool has_metadata = std::any_of(r->sheets.begin(), r->sheets.end(),
                                          [](const SheetRecognition& s) { return s.role == SheetRole::metadata; });
    if (!has_metadata) continue;
    if (!r->reporting_country.empty()) {
      several = several || (!country.empty() && country != r->reporting_country);
      country = r->reporting_country;
    }
    if (!r->reference_year.empty()) {
      several = several || (!year.empty() && year != r->reference_year);
      year = r->reference_year;
    }
  }
  // Several countries' or years' Metadata files: which belongs to which table cannot be told.
  if (several || (country.empty() && year.empty())) return;
  std::string time_id, country_id;
  for (const Dimension& d : rulebook.dimensions) {
    if (d.kind == DimensionKind::time && time_id.empty()) time_id = d.id;
    if (d.reporting_country && country_id.empty()) country_id = d.id;
  }
  for (Recognition* r : files) {
    const bool fill_country = r->reporting_country.empty() && !country.empty();
    const bool fill_year = r->reference_year.empty() && !year.empty();
    if (!fill_country && !fill_year) continue;
    for (RecognisedTable& t : r->tables) {
      if (fill_country) fill(t, country_id, country);
      if (fill_year) fill(t, time_id, year);
    }
    if (fill_country) r->reporting_country = country;
    if (fill_year) r->reference_year = year;
    r->findings.erase(std::remove_if(r->findings.begin(), r->findings.end(),
                                     [&](const Finding& f) {
                                       return (fill_country && f.rule == "reporting_country.unknown") ||
                                              (fill_year && f.rule == "reference_year.unknown");
                                     }),
                      r->findings.end());
  }
}

}  // namespace migcheck
