#include <catch2/catch.hpp>

#include "migcheck/dump.hpp"
#include "migcheck/read.hpp"
#include "workbook_builder.hpp"
#include "zip_builder.hpp"

using migcheck::CellKind;
using migcheck::ErrorCode;
using testing::build_zip;
using testing::workbook_items;

namespace {
migcheck::Result<migcheck::Workbook> read(const std::string& sheet_data, const std::string& sst = "",
                                          const std::string& extra = "", const std::string& styles = "") {
  static std::string bytes;  // the workbook borrows nothing from it after reading, but keep it alive anyway
  bytes = build_zip(workbook_items(sheet_data, sst, extra, styles));
  return migcheck::read_workbook(bytes, "t.xlsx");
}
}  // namespace

TEST_CASE("xlsx: cell types", "[xlsx]") {
  auto r = read(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\"><v>12.5</v></c><c r=\"C1\" t=\"b\"><v>1</v></c>"
      "<c r=\"D1\" t=\"e\"><v>#DIV/0!</v></c><c r=\"E1\" t=\"str\"><f>A1</f><v>x_x000D_y</v></c>"
      "<c r=\"F1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> in </t></is></c><c r=\"G1\" s=\"1\"/></row>",
      "<si><t>zero</t></si><si><r><rPr><b/></rPr><t>Côte </t></r><r><t>d'Ivoire</t></r><rPh><t>ignored</t></rPh></si>");
  REQUIRE(r.ok());
  const auto& wb = r.value();
  const auto& sheet = wb.sheets.at(0);
  REQUIRE(sheet.cells.size() == 6);  // G1 is styled but empty
  CHECK(wb.text(*sheet.find(0, 0)) == "Côte d'Ivoire");
  CHECK(sheet.find(0, 1)->kind == CellKind::number);
  CHECK(sheet.find(0, 1)->number == 12.5);
  CHECK(sheet.find(0, 2)->kind == CellKind::boolean);
  CHECK(sheet.find(0, 3)->kind == CellKind::error);
  CHECK(wb.text(*sheet.find(0, 3)) == "#DIV/0!");
  CHECK(wb.text(*sheet.find(0, 4)) == "x\ry");
  CHECK((sheet.find(0, 4)->flags & migcheck::cell_has_formula));
  CHECK(wb.text(*sheet.find(0, 5)) == " in ");
  CHECK(sheet.find(0, 6) == nullptr);
  CHECK(sheet.row_count == 1);
  CHECK(sheet.column_count == 6);
}

TEST_CASE("xlsx: dates from built-in and custom formats", "[xlsx]") {
  const std::string styles =
      "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" "
      "formatCode=\"#,##0&quot;days&quot;\"/></numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>";
  auto r = read("<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45292</v></c><c r=\"B2\" s=\"2\"><v>45292.5</v></c>"
                "<c r=\"C2\" s=\"3\"><v>7</v></c><c r=\"D2\" s=\"0\"><v>45292</v></c></row>",
                "", "", styles);
  REQUIRE(r.ok());
  const auto& s = r.value().sheets[0];
  CHECK(s.find(1, 0)->kind == CellKind::date);
  CHECK(migcheck::date_serial_to_iso(s.find(1, 0)->number, false) == "2024-01-01");
  CHECK(s.find(1, 1)->kind == CellKind::date);
  CHECK(migcheck::date_serial_to_iso(s.find(1, 1)->number, false) == "2024-01-01T12:00:00");
  CHECK(s.find(1, 2)->kind == CellKind::number);
  CHECK(s.find(1, 3)->kind == CellKind::number);
}

TEST_CASE("xlsx: date serials in both systems", "[xlsx]") {
  CHECK(migcheck::date_serial_to_iso(1, false) == "1900-01-01");
  CHECK(migcheck::date_serial_to_iso(59, false) == "1900-02-28");
  CHECK(migcheck::date_serial_to_iso(60, false) == "1900-02-29");
  CHECK(migcheck::date_serial_to_iso(61, false) == "1900-03-01");
  CHECK(migcheck::date_serial_to_iso(25569, false) == "1970-01-01");
  CHECK(migcheck::date_serial_to_iso(0, true) == "1904-01-01");
  CHECK(migcheck::date_serial_to_iso(43830, true) == "2024-01-01");
}

TEST_CASE("xlsx: cells without r, out of order, and merged ranges", "[xlsx]") {
  auto r = read("<row><c><v>1</v></c><c><v>2</v></c></row><row r=\"5\"><c r=\"C5\"><v>3</v></c></row>"
                "<row r=\"3\"><c r=\"B3\"><v>4</v></c></row>",
                "", "", "");
  REQUIRE(r.ok());
  const auto& s = r.value().sheets[0];
  REQUIRE(s.cells.size() == 4);
  CHECK(s.find(0, 1)->number == 2);
  CHECK(s.cells[2].row == 2);  // sorted
  CHECK(s.row_count == 5);
  auto m = [] {
    static std::string bytes;
    auto items = workbook_items("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    items[4].data = "<worksheet><dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1048576\"/></mergeCells></worksheet>";
    bytes = build_zip(items);
    return migcheck::read_workbook(bytes, "m.xlsx");
  }();
  REQUIRE(m.ok());
  CHECK(m.value().sheets[0].dimension == "A1:XFD1048576");
  REQUIRE(m.value().sheets[0].merged.size() == 1);
  CHECK(migcheck::a1_range(m.value().sheets[0].merged[0]) == "A1:XFD1048576");
}

TEST_CASE("xlsx: hostile content is a clear error", "[xlsx][limits]") {
  SECTION("reference outside the grid") {
    auto r = read("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::xlsx_bad_reference);
    CHECK(r.error().where.sheet == "Data");
    CHECK(read("<row r=\"1048577\"><c><v>1</v></c></row>").error().code == ErrorCode::xlsx_bad_reference);
    CHECK(read("<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>").error().code == ErrorCode::xlsx_bad_reference);
    CHECK(read("<row r=\"1\"><c r=\"XFD1048576\"><v>1</v></c></row>").ok());
  }
  SECTION("shared string index out of range") {
    auto r = read("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>3</v></c></row>", "<si><t>a</t></si>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::xlsx_shared_string_out_of_range);
    CHECK(r.error().where.cell == "B1");
  }
  SECTION("text too long") {
    auto r = read("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + std::string(32768, 'x') + "</t></is></c></row>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::xlsx_text_too_long);
    CHECK(read("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + std::string(32767, 'x') + "</t></is></c></row>").ok());
  }
  SECTION("formula without a cached value is a warning") {
    auto r = read("<row r=\"2\"><c r=\"B2\"><f>A2*2</f></c></row>");
    REQUIRE(r.ok());
    REQUIRE(r.value().diagnostics.size() == 1);
    CHECK(r.value().diagnostics[0].code == ErrorCode::xlsx_formula_without_value);
    CHECK(r.value().diagnostics[0].where.cell == "B2");
    CHECK(r.value().sheets[0].cells.empty());
  }
  SECTION("no workbook part") {
    const auto bytes = build_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<document/>"}});
    auto r = migcheck::read_workbook(bytes, "w.xlsx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::xlsx_missing_part);
  }
}

namespace {
// A workbook whose `count` sheets all name one worksheet part (issue 15: 3,000
// sheets on one 1 MB part gave 192 million cells from an 18 KB file).
std::string sheets_on_one_part(int count, const std::string& sheet_data) {
  auto items = workbook_items(sheet_data);
  std::string sheets, rels;
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    sheets += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            "Target=\"worksheets/sheet1.xml\"/>";
  }
  for (auto& item : items) {
    if (item.name == "xl/workbook.xml")
      item.data = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                  sheets + "</sheets></workbook>";
    else if (item.name == "xl/_rels/workbook.xml.rels")
      item.data = "<Relationships>" + rels + "</Relationships>";
  }
  return build_zip(items);
}
}  // namespace

TEST_CASE("xlsx: a worksheet part is read once, and cells count against one budget (issue 15)", "[xlsx][limits]") {
  SECTION("two sheets naming one part are refused, whatever the part holds") {
    const std::string bytes = sheets_on_one_part(3000, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    auto r = migcheck::read_workbook(bytes, "shared.xlsx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::xlsx_shared_sheet_part);
    CHECK(r.error().where.part == "xl/worksheets/sheet1.xml");
    CHECK(r.error().where.sheet == "S2");
    CHECK(r.error().message.find("\"S1\" and \"S2\"") != std::string::npos);
    CHECK(migcheck::read_workbook(sheets_on_one_part(1, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), "one.xlsx").ok());
  }
  SECTION("cells of all sheets together are bounded by max_total_cells") {
    const std::string bytes = workbook({{"A", {{"1", "2"}, {"3", "4"}}}, {"B", {{"5", "6"}, {"7"}}}});
    migcheck::ReadOptions options;
    options.limits.max_total_cells = 7;
    CHECK(migcheck::read_workbook(bytes, "seven.xlsx", options).ok());
    options.limits.max_total_cells = 6;
    auto r = migcheck::read_workbook(bytes, "six.xlsx", options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::file_too_many_cells);
    CHECK(r.error().where.sheet == "B");
    CHECK(r.error().where.cell == "A2");
    CHECK(r.error().params == std::vector<std::pair<std::string, std::string>>{{"limit", "6"}, {"sheet", "B"}});
    CHECK(migcheck::Limits{}.max_total_cells == 50'000'000);
  }
  SECTION("and in a CSV file") {
    migcheck::ReadOptions options;
    options.limits.max_total_cells = 5;
    CHECK(migcheck::read_workbook("a,b\nc,d,e\n", "five.csv", options).ok());
    auto r = migcheck::read_workbook("a,b\nc,d,e\nf\n", "six.csv", options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::file_too_many_cells);
    CHECK(r.error().where.cell == "A3");
    CHECK(r.error().where.line == 3);
  }
}

TEST_CASE("xlsx: rows without r obey the grid like rows with one (issue 15)", "[xlsx][limits]") {
  // Row 1,048,576 is the last; an implicit row after it used to give cells at A1048577.
  CHECK(read("<row r=\"1048576\"><c><v>1</v></c></row>").ok());
  auto r = read("<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::xlsx_bad_reference);
  CHECK(migcheck::message_key(r.error()) == "xlsx.bad_reference.row");
  CHECK(r.error().where.sheet == "Data");
  // The same when a cell reference, not a row, set the last row.
  auto c = read("<row><c r=\"A1048576\"><v>1</v></c></row><row><c><v>2</v></c></row>");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == ErrorCode::xlsx_bad_reference);
  migcheck::Limits few;
  few.max_rows = 2;
  const std::string bytes = build_zip(workbook_items("<row/><row/><row><c><v>1</v></c></row>"));
  migcheck::ReadOptions options;
  options.limits = few;
  CHECK(migcheck::read_workbook(bytes, "few.xlsx", options).error().code == ErrorCode::xlsx_bad_reference);
}

TEST_CASE("xlsx: a number beyond a double is read as text, never as infinity (issue 15)", "[xlsx][limits]") {
  auto r = read("<row r=\"1\"><c r=\"A1\"><v>1e309</v></c><c r=\"B1\"><v>-1E400</v></c><c r=\"C1\"><v>1e308</v></c></row>");
  REQUIRE(r.ok());
  const auto& s = r.value().sheets[0];
  CHECK(s.find(0, 0)->kind == CellKind::text);
  CHECK(r.value().text(*s.find(0, 0)) == "1e309");
  CHECK(s.find(0, 1)->kind == CellKind::text);
  CHECK(s.find(0, 2)->kind == CellKind::number);
  auto csv = migcheck::read_workbook("a,b\n1e309,1e308\n", "n.csv");
  REQUIRE(csv.ok());
  CHECK(csv.value().sheets[0].find(1, 0)->kind == CellKind::text);
  CHECK(csv.value().sheets[0].find(1, 1)->kind == CellKind::number);
}

// Issue 15, item 9: reader defects the differential test against openpyxl and calamine found.
TEST_CASE("xlsx: CR LF and a lone CR are read as LF; a CR written as a reference stays", "[xlsx][differential]") {
  auto r = read("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>a\rb</t></is></c>"
                "<c r=\"C1\" t=\"inlineStr\"><is><t>a&#13;\nb</t></is></c>"
                "<c r=\"D1\" t=\"inlineStr\"><is><t><![CDATA[x\r\ny]]></t></is></c></row>",
                "<si><t>Column\r\n4</t></si>");
  REQUIRE(r.ok());
  const auto& wb = r.value();
  const auto& sheet = wb.sheets.at(0);
  CHECK(wb.text(*sheet.find(0, 0)) == "Column\n4");
  CHECK(wb.text(*sheet.find(0, 1)) == "a\nb");
  CHECK(wb.text(*sheet.find(0, 2)) == "a\r\nb");
  CHECK(wb.text(*sheet.find(0, 3)) == "x\ny");
}

TEST_CASE("xlsx: an <x15:workbookPr> in the extension list leaves date1904 alone", "[xlsx][differential]") {
  auto items = workbook_items("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2024-01-01</v></c></row>");
  for (auto& item : items)
    if (item.name == "xl/workbook.xml")
      item.data =
          "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
          "xmlns:x15=\"http://schemas.microsoft.com/office/spreadsheetml/2010/11/main\"><workbookPr date1904=\"1\"/>"
          "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets><extLst><ext uri=\"{140A7094-0E35-4892-8432-"
          "C4D2E57EDEB5}\"><x15:workbookPr chartTrackingRefBase=\"1\"/></ext></extLst></workbook>";
  const std::string bytes = build_zip(items);
  auto r = migcheck::read_workbook(bytes, "t.xlsx");
  REQUIRE(r.ok());
  CHECK(r.value().date1904);
  CHECK(r.value().sheets[0].find(0, 0)->number == 43830);  // 2024-01-01 counted from 1904
}

TEST_CASE("xlsx: zip entry names written with backslashes are found", "[xlsx][differential]") {
  auto items = workbook_items("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>");
  for (auto& item : items)
    for (auto& c : item.name)
      if (c == '/') c = '\\';
  const std::string bytes = build_zip(items);
  auto r = migcheck::read_workbook(bytes, "t.xlsx");
  REQUIRE(r.ok());
  CHECK(r.value().sheets[0].find(0, 0)->number == 7);
}

TEST_CASE("xlsx: a t=\"d\" cell holding a time alone is a time of day", "[xlsx][differential]") {
  auto r = read("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>12:30:00</v></c><c r=\"B1\" t=\"d\"><v>T06:00</v></c>"
                "<c r=\"C1\" t=\"d\"><v>2024-01-01T18:00:00.000</v></c><c r=\"D1\" t=\"d\"><v>25:99</v></c></row>");
  REQUIRE(r.ok());
  const auto& sheet = r.value().sheets[0];
  CHECK(sheet.find(0, 0)->kind == CellKind::date);
  CHECK(sheet.find(0, 0)->number == Approx(0.5208333333));
  CHECK(migcheck::date_serial_to_iso(sheet.find(0, 0)->number, false) == "12:30:00");
  CHECK(sheet.find(0, 1)->number == 0.25);
  CHECK(migcheck::date_serial_to_iso(sheet.find(0, 2)->number, false) == "2024-01-01T18:00:00");
  CHECK(sheet.find(0, 3)->kind == CellKind::text);  // not a time: kept as written
}

TEST_CASE("xlsx: white space around a number or a shared string index is no text", "[xlsx][differential]") {
  auto r = read("<row r=\"1\"><c r=\"A1\"><v> 1 </v></c><c r=\"B1\" t=\"s\"><v>\n0\n</v></c></row>", "<si><t>zero</t></si>");
  REQUIRE(r.ok());
  const auto& wb = r.value();
  CHECK(wb.sheets[0].find(0, 0)->kind == CellKind::number);
  CHECK(wb.sheets[0].find(0, 0)->number == 1);
  CHECK(wb.text(*wb.sheets[0].find(0, 1)) == "zero");
}
