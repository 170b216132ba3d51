// A return split in several files (one CSV file per table, with a Metadata
// file beside them): the tables take the reporting country and reference
// year from the Metadata file, as the sheets of a workbook take them from
// its Metadata sheet.
#include <algorithm>
#include <cctype>
#include <set>

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

std::size_t common_prefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && std::tolower(static_cast<unsigned char>(a[n])) == std::tolower(static_cast<unsigned char>(b[n]))) ++n;
  return n;
}

// Of `candidates`, the one whose file is named most like `file` (the longest common prefix:
// "ken_2024_metadata.csv" for "ken_2024_pop_ctz.csv"), or -1 when none or a tie.
int named_most_like(const std::vector<Recognition*>& candidates, const std::string& file) {
  int found = -1;
  std::size_t best = 0;
  bool tie = false;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const std::size_t n = common_prefix(candidates[k]->file, file);
    if (found < 0 || n > best) {
      found = static_cast<int>(k);
      best = n;
      tie = false;
    } else if (n == best) {
      tie = true;
    }
  }
  return tie ? -1 : found;
}

// A Sources file beside the table files (no table of its own): its rows are theirs too, so that
// every table is looked for on it; the rows stay the Sources file's own for the checks of values.
void share_sources(const std::vector<Recognition*>& files) {
  std::vector<Recognition*> sources;
  for (Recognition* r : files)
    if (!r->sources.empty() && r->tables.empty() && !r->sources_borrowed) sources.push_back(r);
  if (sources.empty()) return;
  for (Recognition* r : files) {
    if (r->tables.empty() || !r->sources.empty()) continue;
    const int best = named_most_like(sources, r->file);
    if (best < 0) continue;
    const Recognition& from = *sources[static_cast<std::size_t>(best)];
    r->sources = from.sources;
    r->sources_sheet = from.sources_sheet;
    r->sources_fields = from.sources_fields;
    r->sources_borrowed = true;
  }
}

}  // namespace

void share_return_metadata(const std::vector<Recognition*>& files, const Rulebook& rulebook,
                           const RecogniseOptions& options) {
  share_sources(files);
  // The Metadata files: a file whose Metadata is all it holds (a workbook's
  // Metadata sheet is its own tables').
  std::vector<Recognition*> donors;
  for (Recognition* r : files) {
    const bool has_metadata = std::any_of(r->sheets.begin(), r->sheets.end(),
                                          [](const SheetRecognition& s) { return s.role == SheetRole::metadata; });
    if (has_metadata && r->tables.empty() && (!r->reporting_country.empty() || !r->reference_year.empty()))
      donors.push_back(r);
  }
  if (donors.empty()) return;
  std::string time_id, country_id;
  for (const Dimension& d : rulebook.dimensions) {
    if (d.kind == DimensionKind::time && time_id.empty()) time_id = d.id;
    if (d.reporting_country && country_id.empty()) country_id = d.id;
  }
  std::vector<std::set<std::string>> tables_of(donors.size());  // the tables of each split return
  for (Recognition* r : files) {
    if (r->tables.empty()) continue;
    // Several returns' files together: the Metadata file named most like this one
    // ("ken_2024_metadata.csv" for "ken_2024_pop_ctz.csv"), if one is.
    const int best = named_most_like(donors, r->file);
    const std::size_t donor_index = best < 0 ? 0 : static_cast<std::size_t>(best);
    const Recognition* donor = best < 0 ? nullptr : donors[donor_index];
    if (!donor) continue;
    for (const RecognisedTable& t : r->tables) tables_of[donor_index].insert(t.table);
    const std::string& country = donor->reporting_country;
    const std::string& year = donor->reference_year;
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
  // A split return is a whole return too: its required tables are among its files.
  for (std::size_t k = 0; k < donors.size(); ++k) {
    if (tables_of[k].empty()) continue;  // a Metadata file alone: not a return split in files
    for (const TableTemplate& t : rulebook.tables) {
      if (!t.required || tables_of[k].count(t.id)) continue;
      Finding f;
      f.rule = f.message_key = "table.missing";
      f.file = donors[k]->file;
      f.table = t.id;
      f.params = {{"table", t.id}};
      f.message = render_message(rulebook, options.language, f.message_key, f.params);
      donors[k]->findings.push_back(std::move(f));
    }
  }
}

}  // namespace migcheck
