#include "writers/xlsx_writer.hpp"

#include "writers/worksheet_xml.hpp"

#include <cmath>
#include <unordered_map>

#include "io/zip_writer.hpp"
#include "migcheck/workbook.hpp"
#include "migcheck/json_writer.hpp"
#include "util/text.hpp"

namespace migcheck::xlsx {
namespace {

constexpr std::string_view kPackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// Fonts: 0 normal, 1 bold, 2 bold and larger. Fills: 0 and 1 as the format
// requires, 2 a light grey for headers. Cell formats follow CellStyle.
std::string styles_xml() {
  std::string out(kDeclaration);
  out += "<styleSheet xmlns=\"";
  out += kMainNs;
  out += "\">"
         "<fonts count=\"3\">"
         "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "<font><b/><sz val=\"13\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "</fonts>"
         "<fills count=\"3\">"
         "<fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill>"
         "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill>"
         "</fills>"
         "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
         "<cellXfs count=\"4\">"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
         "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
         "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
         "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
         "</cellXfs>"
         "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
         "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
         "</styleSheet>";
  return out;
}

}  // namespace

bool valid_sheet_name(std::string_view name) noexcept {
  if (name.empty() || name.front() == '\'' || name.back() == '\'' || util::iequals(name, "History")) return false;
  for (std::size_t i = 0; i < name.size();) {
    const std::uint32_t cp = util::next_code_point(name, i);
    if (cp < 0x20 || cp == 0xFFFD || cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' || cp == '/' ||
        cp == '\\' || !util::is_xml_char(cp))
      return false;
  }
  return utf16_length(name) <= kMaxSheetName;
}

std::string safe_sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
  // Keep whole code points, replace what Excel forbids, cut at 31 UTF-16 units.
  auto clean = [](std::string_view s, std::size_t max_units) {
    std::string out;
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      std::uint32_t cp = util::next_code_point(s, i);
      const bool bad_char = cp < 0x20 || cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' ||
                            cp == '/' || cp == '\\' || cp == 0xFFFD || !util::is_xml_char(cp);
      const std::size_t w = cp >= 0x10000 ? 2 : 1;
      if (units + w > max_units) break;
      units += w;
      if (bad_char) out.push_back('_');
      else out.append(s.data() + start, i - start);
    }
    while (!out.empty() && out.front() == '\'') out.front() = '_';
    while (!out.empty() && out.back() == '\'') out.back() = '_';
    return out;
  };
  auto is_taken = [&](const std::string& name) {
    if (util::iequals(name, "History")) return true;
    for (const auto& t : taken)
      if (util::iequals(t, name)) return true;
    return false;
  };
  std::string base = clean(wanted, kMaxSheetName);
  if (base.empty()) base = "Sheet";
  if (!is_taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    std::string candidate = clean(base, kMaxSheetName - suffix.size()) + suffix;
    if (!is_taken(candidate)) return candidate;
  }
}

std::string range_reference(std::string_view sheet, std::uint32_t first_row, std::uint32_t first_column,
                            std::uint32_t last_row, std::uint32_t last_column) {
  std::string out = "'";
  for (char c : sheet) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out += "'!" + absolute_ref(first_row, first_column);
  if (last_row != first_row || last_column != first_column) out += ":" + absolute_ref(last_row, last_column);
  return out;
}

Result<std::string> write_xlsx(const WorkbookSpec& workbook) {
  if (workbook.sheets.empty())
    return make_error(ErrorCode::xlsx_no_sheets, "A workbook needs at least one sheet.");
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const std::string& name = workbook.sheets[i].name;
    if (!valid_sheet_name(name)) return bad("\"" + name + "\" is not a valid sheet name.", name);
    for (std::size_t k = 0; k < i; ++k)
      if (util::iequals(workbook.sheets[k].name, name)) return bad("Two sheets are named \"" + name + "\".", name);
  }

  StringTable strings;
  std::vector<std::string> sheets;
  sheets.reserve(workbook.sheets.size());
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    auto xml = worksheet_xml(workbook.sheets[i], i == 0, strings);
    if (!xml) return std::move(xml).error();
    sheets.push_back(std::move(xml).value());
  }
  const std::size_t n = workbook.sheets.size();

  std::string types(kDeclaration);
  types +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t i = 0; i < n; ++i)
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  types +=
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
      "</Types>";

  std::string root_rels(kDeclaration);
  root_rels += "<Relationships xmlns=\"";
  root_rels += kPackageRelNs;
  root_rels += "\"><Relationship Id=\"rId1\" Type=\"";
  root_rels += kRelType;
  root_rels += "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

  std::string wb(kDeclaration);
  wb += "<workbook xmlns=\"";
  wb += kMainNs;
  wb += "\" xmlns:r=\"";
  wb += kRelNs;
  wb += "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>";
  for (std::size_t i = 0; i < n; ++i) {
    wb += "<sheet name=\"";
    append_attribute(wb, workbook.sheets[i].name);
    wb += "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  wb += "</sheets></workbook>";

  std::string wb_rels(kDeclaration);
  wb_rels += "<Relationships xmlns=\"";
  wb_rels += kPackageRelNs;
  wb_rels += "\">";
  for (std::size_t i = 0; i < n; ++i) {
    wb_rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"";
    wb_rels += kRelType;
    wb_rels += "worksheet\" Target=\"worksheets/sheet" + std::to_string(i + 1) + ".xml\"/>";
  }
  wb_rels += "<Relationship Id=\"rId" + std::to_string(n + 1) + "\" Type=\"";
  wb_rels += kRelType;
  wb_rels += "styles\" Target=\"styles.xml\"/>";
  wb_rels += "<Relationship Id=\"rId" + std::to_string(n + 2) + "\" Type=\"";
  wb_rels += kRelType;
  wb_rels += "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";

  io::ZipWriter zip;
  MIGCHECK_TRY(zip.add("[Content_Types].xml", types));
  MIGCHECK_TRY(zip.add("_rels/.rels", root_rels));
  MIGCHECK_TRY(zip.add("xl/workbook.xml", wb));
  MIGCHECK_TRY(zip.add("xl/_rels/workbook.xml.rels", wb_rels));
  MIGCHECK_TRY(zip.add("xl/styles.xml", styles_xml()));
  MIGCHECK_TRY(zip.add("xl/sharedStrings.xml", strings.xml()));
  for (std::size_t i = 0; i < n; ++i)
    MIGCHECK_TRY(zip.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheets[i]));
  return zip.finish();
}

}  // namespace migcheck::xlsx
