// Workbook -> recognition: the Metadata and Sources sheets first, then each
// sheet (or SDMX-CSV structure) through SheetRecogniser, then what the whole
// file says: the return's country and year, empty tables, missing tables and
// metadata.
#include <algorithm>

#include "migcheck/recognition.hpp"
#include "recognition/return_sheets.hpp"
#include "recognition/sheet_recogniser.hpp"

namespace migcheck {

using recognition::Context;
using recognition::Matcher;
using recognition::SheetRecogniser;

const char* layout_name(Layout l) noexcept { return l == Layout::wide ? "wide" : "long"; }

const char* sheet_role_name(SheetRole r) noexcept {
  switch (r) {
    case SheetRole::table: return "table";
    case SheetRole::metadata: return "metadata";
    case SheetRole::sources: return "sources";
    case SheetRole::codes: return "codes";
    case SheetRole::unrecognised: return "unrecognised";
    case SheetRole::empty: return "empty";
    case SheetRole::annotations: return "annotations";
  }
  return "unrecognised";
}

Recognition recognise(const Workbook& workbook, const Rulebook& rulebook, const RecogniseOptions& options) {
  Recognition out;
  out.file = workbook.file_name;
  const Matcher matcher(rulebook);
  const recognition::HandMapping mapping(options.mapping);
  Context ctx{workbook, rulebook, matcher, mapping, options, out, nullptr, nullptr, {}, {}};
  for (const Dimension& d : rulebook.dimensions) {
    if (d.kind == DimensionKind::time && !ctx.time_dimension) ctx.time_dimension = &d;
    if (d.reporting_country && !ctx.country_dimension) ctx.country_dimension = &d;
  }
  // Statuses default to the first code of each status attribute's list (SDMX: A, F).
  for (const Attribute& a : rulebook.attributes) {
    const CodeList* list = rulebook.codelist(a.codelist);
    if (!list || list->codes.empty()) continue;
    if (a.role == AttributeRole::observation_status) ctx.default_obs_status = list->codes.front().id;
    if (a.role == AttributeRole::confidentiality) ctx.default_conf_status = list->codes.front().id;
  }

  // Metadata first: tables take the reporting country and year from it.
  std::vector<bool> done(workbook.sheets.size(), false);
  std::vector<SheetRecognition> special(workbook.sheets.size());
  for (std::uint32_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    SheetRecognition rec;
    rec.sheet = sheet.name;
    // A1 alone on the first row is the sheet's title; A1 beside other cells is a header.
    const Cell* a1 = sheet.find(0, 0);
    const bool alone = a1 && (sheet.cells.size() == 1 || sheet.cells[1].row > 0);
    const std::string_view a1_text = a1 && a1->kind == CellKind::text ? workbook.text(*a1) : std::string_view();
    const std::string_view title = alone ? a1_text : std::string_view();
    if (matcher.is_metadata_sheet(sheet.name) || matcher.is_metadata_title(title)) {
      rec.role = SheetRole::metadata;
      recognition::read_metadata(ctx, sheet);
    } else if (matcher.is_sources_sheet(sheet.name) || matcher.is_sources_title(title)) {
      rec.role = SheetRole::sources;
      recognition::read_sources(ctx, sheet);
    } else if (matcher.is_codes_sheet(sheet.name)) {
      rec.role = SheetRole::codes;
    } else if (a1_text == kAnnotationSheetMark) {
      rec.role = SheetRole::annotations;
    } else {
      continue;
    }
    done[i] = true;
    special[i] = std::move(rec);
  }
  for (std::uint32_t i = 0; i < workbook.sheets.size(); ++i) {
    if (done[i]) {
      out.sheets.push_back(std::move(special[i]));
      continue;
    }
    // An SDMX-CSV sheet holds one table per structure.
    const auto parts = recognition::sdmx_parts(workbook, workbook.sheets[i], matcher,
                                               ctx.country_dimension ? ctx.country_dimension->id : std::string());
    for (const auto& part : parts) out.sheets.push_back(SheetRecogniser(ctx, i, &part).run());
    if (!parts.empty()) continue;
    SheetRecogniser recogniser(ctx, i);
    out.sheets.push_back(recogniser.run());
  }
  // Without Metadata, a country or year that every observation shares (a
  // REF_AREA or TIME_PERIOD column of one value) is the return's.
  auto single_value = [&](const Dimension* dim) {
    std::string value;
    if (!dim) return value;
    for (const RecognisedTable& t : out.tables) {
      const std::size_t d = t.dimension_index(dim->id);
      if (d == t.dimensions.size()) continue;
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string& code = t.code(i, d);
        if (code.empty()) continue;
        if (value.empty()) value = code;
        else if (value != code) return std::string();
      }
    }
    return value;
  };
  if (out.reporting_country.empty()) out.reporting_country = single_value(ctx.country_dimension);
  // Each table's own reporting country: a dataset of several countries (SDMX-CSV) is checked per country.
  if (ctx.country_dimension)
    for (RecognisedTable& t : out.tables) {
      const std::size_t d = t.dimension_index(ctx.country_dimension->id);
      for (std::size_t i = 0; i < t.size() && d < t.dimensions.size(); ++i) {
        const std::string& code = t.code(i, d);
        if (i == 0) t.reporting_country = code;
        else if (code != t.reporting_country) {
          t.reporting_country.clear();
          break;
        }
      }
    }
  if (out.reference_year.empty()) out.reference_year = single_value(ctx.time_dimension);
  // A table recognised but with nothing read from it is no pass: an error in a
  // CSV file (it is all there is) or for a required table, an info for an
  // optional table whose sheet was left blank (the template has them all).
  bool anything = false;
  const SheetRecognition* first_unrecognised = nullptr;
  for (const auto& s : out.sheets) {
    if (s.role == SheetRole::unrecognised && !first_unrecognised) first_unrecognised = &s;
    if (s.role == SheetRole::metadata || s.role == SheetRole::sources) anything = anything || !out.metadata.empty() || !out.sources.empty();
    if (s.role != SheetRole::table) continue;
    anything = anything || s.observations > 0 || s.unread > 0;
    if (s.observations > 0 || s.unread > 0) continue;
    const TableTemplate* t = rulebook.table(s.table);
    const bool required = workbook.format != FileFormat::xlsx || (t && t->required);
    const std::uint32_t header_row = s.header_rows.empty() ? 0 : s.header_rows.back();
    ctx.finding(required ? "table.empty" : "table.blank", required ? Severity::error : Severity::info,
                {s.sheet, a1(header_row, 0), s.table},
                {{"sheet", s.sheet}, {"table", s.table}, {"row", std::to_string(header_row + 1)}});
  }
  bool has_cells = false;
  for (const Sheet& sheet : workbook.sheets) has_cells = has_cells || !sheet.cells.empty();
  if (!anything && (!has_cells || !first_unrecognised))
    ctx.finding("file.no_data", Severity::error, {"", ""}, {{"file", workbook.file_name}});
  else if (!anything)
    ctx.finding(
        "file.nothing_recognised", Severity::error, {first_unrecognised->sheet, ""},
        {{"file", workbook.file_name}, {"sheet", first_unrecognised->sheet}, {"reason", first_unrecognised->why}});
  // A workbook is a whole return: its required tables and metadata must be
  // there. A CSV file holds one table, so these checks wait for the set of files.
  if (workbook.format == FileFormat::xlsx) {
    for (const TableTemplate& t : rulebook.tables) {
      if (!t.required) continue;
      bool present = false;
      for (const auto& s : out.sheets) present = present || (s.role == SheetRole::table && s.table == t.id);
      if (!present) ctx.finding("table.missing", Severity::error, {"", "", t.id}, {{"table", t.id}});
    }
    bool has_metadata = false;
    for (const auto& s : out.sheets) has_metadata = has_metadata || s.role == SheetRole::metadata;
    if (rulebook.metadata_sheet.present && !has_metadata)
      ctx.finding("metadata.sheet_missing", Severity::error, {"", ""}, {});
  }
  // The Metadata sheet, or the Metadata file of a return split in CSV files, gives every required field.
  const SheetRecognition* metadata_sheet = nullptr;
  for (const auto& s : out.sheets)
    if (s.role == SheetRole::metadata && !metadata_sheet) metadata_sheet = &s;
  if (metadata_sheet)
    for (const SheetField& f : rulebook.metadata_sheet.fields) {
      if (!f.required) continue;
      const FieldValue* named = nullptr;
      bool given = false;
      for (const auto& v : out.metadata)
        if (v.field == f.id) {
          given = given || !v.text.empty();
          if (!named) named = &v;
        }
      if (!given)
        ctx.finding("metadata.missing", Severity::error,
                    {named ? named->sheet : metadata_sheet->sheet, named ? named->cell : ""},
                    {{"field", f.label.in(options.language)}});
    }
  return out;
}

}  // namespace migcheck
