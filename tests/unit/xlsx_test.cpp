#include <catch2/catch.hpp>

#include "migcheck/dump.hpp"
#include "migcheck/read.hpp"
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
