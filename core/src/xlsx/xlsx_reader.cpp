// Orchestrates an XLSX package: relationships -> workbook -> shared strings,
// styles -> worksheets. Each part is inflated, read and released in turn.
#include <unordered_map>

#include "io/zip.hpp"
#include "migcheck/read.hpp"
#include "util/text.hpp"
#include "xlsx/parts.hpp"

namespace migcheck {

using util::ends_with;

namespace {

Diagnostic missing_part(std::string part, std::string why) {
  Location where;
  where.part = part;
  return make_error(ErrorCode::xlsx_missing_part, std::move(why), std::move(where), {{"part", part}});
}

}  // namespace

Result<Workbook> read_xlsx(std::string_view bytes, std::string_view file_name, const ReadOptions& options) {
  const Limits& limits = options.limits;
  auto opened = io::ZipArchive::open(bytes, limits);
  if (!opened) return std::move(opened).error();
  const io::ZipArchive& zip = opened.value();

  Workbook workbook;
  workbook.file_name = util::valid_utf8(file_name);
  workbook.format = FileFormat::xlsx;
  workbook.stats.input_bytes = bytes.size();

  // The package relationships name the workbook part; most files use xl/workbook.xml.
  std::string workbook_part = "xl/workbook.xml";
  if (const auto* rels = zip.find("_rels/.rels")) {
    auto data = zip.read(*rels);
    if (!data) return std::move(data).error();
    auto parsed = xlsx::read_relationships(data.value().view(), "_rels/.rels", "", limits);
    if (!parsed) return std::move(parsed).error();
    for (const auto& r : parsed.value())
      if (ends_with(r.type, "/officeDocument") && !r.external) workbook_part = r.target;
  }
  // An Excel Binary Workbook has the same package, with binary parts (xl/workbook.bin).
  if (ends_with(workbook_part, ".bin") || (!zip.find(workbook_part) && zip.find("xl/workbook.bin")))
    return make_error(ErrorCode::file_xlsb,
                      "This is an Excel Binary Workbook (.xlsb). Open it and save it as Excel Workbook (.xlsx), "
                      "then try again.");
  // An OpenDocument spreadsheet whose mimetype entry is compressed (read_workbook
  // recognises the usual stored one from the first bytes).
  if (!zip.find(workbook_part))
    if (const auto* mimetype = zip.find("mimetype"); mimetype && mimetype->uncompressed_size < 256) {
      auto data = zip.read(*mimetype);
      if (data && data.value().view().substr(0, 46) == "application/vnd.oasis.opendocument.spreadsheet")
        return make_error(ErrorCode::file_ods,
                          "This is an OpenDocument spreadsheet (.ods). Save it as Excel (.xlsx) or CSV and try again.");
    }
  const auto* workbook_entry = zip.find(workbook_part);
  if (!workbook_entry)
    return missing_part(workbook_part,
                        "This zip file is not an Excel workbook: it has no workbook part (" + workbook_part +
                            "). Save the file as .xlsx from your spreadsheet program.");

  xlsx::WorkbookPart wb;
  {
    auto data = zip.read(*workbook_entry);
    if (!data) return std::move(data).error();
    auto parsed = xlsx::read_workbook_part(data.value().view(), workbook_part, limits);
    if (!parsed) return std::move(parsed).error();
    wb = std::move(parsed).value();
  }
  workbook.date1904 = wb.date1904;
  if (wb.sheets.empty())
    {
    Location where;
    where.part = workbook_part;
    return make_error(ErrorCode::xlsx_no_sheets, "The workbook has no sheets.", where, {{"part", workbook_part}});
  }

  std::vector<xlsx::Relationship> rels;
  const std::string rels_part = xlsx::relationships_part_of(workbook_part);
  if (const auto* entry = zip.find(rels_part)) {
    auto data = zip.read(*entry);
    if (!data) return std::move(data).error();
    auto parsed = xlsx::read_relationships(data.value().view(), rels_part, workbook_part, limits);
    if (!parsed) return std::move(parsed).error();
    rels = std::move(parsed).value();
  }

  std::vector<TextRef> shared_strings;
  std::vector<bool> date_styles;
  for (const auto& r : rels) {
    if (r.external) continue;
    const bool strings = ends_with(r.type, "/sharedStrings");
    const bool styles = ends_with(r.type, "/styles");
    if (!strings && !styles) continue;
    const auto* entry = zip.find(r.target);
    if (!entry) continue;  // a dangling optional part: Excel opens such files too
    auto data = zip.read(*entry);
    if (!data) return std::move(data).error();
    if (strings) {
      auto parsed = xlsx::read_shared_strings(data.value().view(), r.target, workbook, limits);
      if (!parsed) return std::move(parsed).error();
      shared_strings = std::move(parsed).value();
    } else {
      auto parsed = xlsx::read_date_styles(data.value().view(), r.target, limits);
      if (!parsed) return std::move(parsed).error();
      date_styles = std::move(parsed).value();
    }
  }

  xlsx::WorksheetContext context{&shared_strings, &date_styles, &limits};
  if (options.progress) {
    context.progress = &options.progress;
    for (const auto& entry : wb.sheets)
      for (const auto& r : rels)
        if (r.id == entry.relationship_id && !r.external)
          if (const io::ZipEntry* part = zip.find(r.target)) context.progress_total += part->uncompressed_size;
  }
  workbook.sheets.reserve(wb.sheets.size());
  // Each worksheet part is read once: a part that several sheets name would
  // be parsed again for each (3,000 sheets on one 1 MB part: 192 million
  // cells from an 18 KB file). Excel and LibreOffice never write that.
  std::unordered_map<std::string, std::string> sheet_of_part;
  for (const auto& entry : wb.sheets) {
    Sheet sheet;
    sheet.name = util::valid_utf8(entry.name);
    sheet.state = entry.state;
    for (const auto& r : rels)
      if (r.id == entry.relationship_id && !r.external) sheet.part = r.target;
    const io::ZipEntry* part = sheet.part.empty() ? nullptr : zip.find(sheet.part);
    if (!part) {
      Diagnostic d = missing_part(sheet.part.empty() ? entry.relationship_id : sheet.part,
                                  "Sheet \"" + entry.name + "\" has no worksheet part in the file.");
      d.where.sheet = entry.name;
      d.params.emplace_back("sheet", entry.name);
      d.variant = "sheet";
      return d;
    }
    if (const auto [it, fresh] = sheet_of_part.emplace(sheet.part, entry.name); !fresh) {
      Location where;
      where.part = sheet.part;
      where.sheet = entry.name;
      const std::string first = util::valid_utf8(it->second), second = sheet.name;
      return make_error(ErrorCode::xlsx_shared_sheet_part,
                        "Sheets \"" + first + "\" and \"" + second + "\" both name the worksheet part " + sheet.part +
                            "; a spreadsheet program never writes that. Save the workbook again as .xlsx from your "
                            "spreadsheet program.",
                        where, {{"part", sheet.part}, {"first_sheet", first}, {"sheet", second}});
    }
    auto data = zip.read(*part);
    if (!data) return std::move(data).error();
    workbook.stats.sheet_xml_bytes += data.value().view().size();
    MIGCHECK_TRY(xlsx::read_worksheet(data.value().view(), sheet, workbook, context));
    context.progress_base += data.value().view().size();
    workbook.stats.cells += sheet.cells.size();
    workbook.sheets.push_back(std::move(sheet));
  }
  if (options.progress) options.progress(context.progress_total, context.progress_total);
  return workbook;
}

}  // namespace migcheck
