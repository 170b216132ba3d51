// migcheck annotate: the user's own workbook comes back with its problems
// marked and nothing else changed, and checking it again finds the same.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "annotate/sheet.hpp"
#include "annotate/styles.hpp"
#include "io/zip.hpp"
#include "migcheck/annotate.hpp"
#include "migcheck/read.hpp"
#include "migcheck/validate.hpp"
#include "test_support.hpp"
#include "zip_builder.hpp"

namespace {

using Seen = std::tuple<std::string, int, std::string, std::string, std::string>;  // rule, severity, sheet, cell, message

std::vector<Seen> seen(const migcheck::Report& r) {
  std::vector<Seen> out;
  for (const auto& f : r.findings) out.emplace_back(f.rule, static_cast<int>(f.severity), f.sheet, f.cell, f.message);
  return out;
}

std::map<std::string, std::string> entries(const std::string& bytes) {
  auto zip = migcheck::io::ZipArchive::open(bytes, migcheck::Limits{});
  REQUIRE(zip.ok());
  std::map<std::string, std::string> out;
  for (const auto& e : zip.value().entries()) {
    auto data = zip.value().read(e);
    REQUIRE(data.ok());
    out[e.name] = std::string(data.value().view());
  }
  return out;
}

}  // namespace

TEST_CASE("annotate: real writers' workbooks come back marked, and check the same", "[annotate]") {
  for (const char* name : {"openpyxl-return.xlsx", "libreoffice-return.xlsx", "exceljs-return.xlsx", "libreoffice-wide.xlsx",
                           "sheetjs-default.xlsx"}) {
    INFO(name);
    const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/real/" + name);
    REQUIRE_FALSE(bytes.empty());
    for (const char* language : {"en", "fr", "ar"}) {
      migcheck::ValidationOptions options;
      options.language = language;
      const auto report = migcheck::validate({{name, bytes}}, bundled(), options);
      REQUIRE_FALSE(report.findings.empty());
      const auto annotated = migcheck::annotate_xlsx(bytes, report, 0, bundled());
      REQUIRE(annotated.ok());

      // Checking the annotated workbook finds the same, word for word.
      const auto again = migcheck::validate({{name, annotated.value()}}, bundled(), options);
      CHECK(seen(again) == seen(report));
      CHECK(again.problems.size() == report.problems.size());

      // The problems sheet comes first; every other sheet holds the same cells.
      const auto before = migcheck::read_workbook(bytes, name), after = migcheck::read_workbook(annotated.value(), name);
      REQUIRE(before.ok());
      REQUIRE(after.ok());
      REQUIRE(after.value().sheets.size() == before.value().sheets.size() + 1);
      CHECK(after.value().sheets[0].name == "migcheck");
      for (std::size_t i = 0; i < before.value().sheets.size(); ++i) {
        const auto& a = before.value().sheets[i];
        const auto& b = after.value().sheets[i + 1];
        CHECK(a.name == b.name);
        REQUIRE(a.cells.size() == b.cells.size());
        for (std::size_t k = 0; k < a.cells.size(); ++k) {
          CHECK(a.cells[k].row == b.cells[k].row);
          CHECK(a.cells[k].column == b.cells[k].column);
          CHECK(a.cells[k].kind == b.cells[k].kind);
          const bool has_text = a.cells[k].kind == migcheck::CellKind::text || a.cells[k].kind == migcheck::CellKind::error;
          if (has_text)
            CHECK(before.value().text(a.cells[k]) == after.value().text(b.cells[k]));
          else
            CHECK(a.cells[k].number == b.cells[k].number);
        }
      }

      // Parts that hold no marked cell are copied as they were, byte for byte.
      const auto original = entries(bytes), written = entries(annotated.value());
      std::set<std::string> marked_sheets;
      for (const auto& f : report.findings)
        if (!f.sheet.empty() && !f.cell.empty()) marked_sheets.insert(f.sheet);
      std::size_t same = 0;
      for (const auto& [part, data] : original) {
        INFO(part);
        REQUIRE(written.count(part));
        const bool may_change = part == "[Content_Types].xml" || part.find("workbook.xml") != std::string::npos ||
                                part.find("styles.xml") != std::string::npos || part.find("worksheets/") != std::string::npos;
        if (!may_change) CHECK(written.at(part) == data);
        same += written.at(part) == data;
      }
      CHECK(same > 0);
      CHECK(written.size() > original.size());  // the problems sheet, comments and their drawings
    }
  }
}

TEST_CASE("annotate: marked cells keep their format and get the severity's fill; missing cells are added in order",
          "[annotate]") {
  const std::string styles =
      "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"1\"><font/></fonts>"
      "<fills count=\"2\"><fill/><fill/></fills><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\"/>"
      "<xf numFmtId=\"14\" fontId=\"0\" applyNumberFormat=\"1\"><alignment horizontal=\"left\"/></xf></cellXfs></styleSheet>";
  auto book = migcheck::annotate::StyleBook::parse(styles, "xl/styles.xml", migcheck::Limits{});
  REQUIRE(book.ok());
  auto& s = book.value();
  const std::string sheet =
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\" s=\"1\"><x:v>45000</x:v></x:c><x:c r=\"C1\"><x:v>2</x:v></x:c></x:row>"
      "<x:row r=\"3\"/><x:row r=\"4\"><x:c><x:v>4</x:v></x:c></x:row></x:sheetData><x:tableParts count=\"0\"/></x:worksheet>";
  migcheck::annotate::SheetEditor editor(sheet, "xl/worksheets/sheet1.xml", migcheck::Limits{});
  using migcheck::annotate::Mark;
  REQUIRE(editor.mark({{{0, 0}, Mark::error}, {{0, 1}, Mark::warning}, {{0, 2}, Mark::info}, {{1, 4}, Mark::error},
                       {{2, 0}, Mark::warning}, {{3, 0}, Mark::error}, {{9, 9}, Mark::info}},
                      s)
              .ok());
  CHECK(editor.legacy_drawing().empty());
  editor.add_legacy_drawing("rId9");
  const std::string out = editor.finish();
  // New formats come after the user's two and the problem sheet's three: 5, 6, ...
  CHECK(out ==
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
        "<x:row r=\"1\"><x:c r=\"A1\" s=\"5\"><x:v>45000</x:v></x:c><x:c r=\"B1\" s=\"6\"/><x:c s=\"7\" r=\"C1\"><x:v>2</x:v></x:c></x:row>"
        "<x:row r=\"2\"><x:c r=\"E2\" s=\"8\"/></x:row>"
        "<x:row r=\"3\"><x:c r=\"A3\" s=\"6\"/></x:row><x:row r=\"4\"><x:c s=\"8\"><x:v>4</x:v></x:c></x:row>"
        "<x:row r=\"10\"><x:c r=\"J10\" s=\"7\"/></x:row></x:sheetData>"
        "<x:legacyDrawing xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId9\"/>"
        "<x:tableParts count=\"0\"/></x:worksheet>");
  const std::string written = s.finish();
  // The date format of A1 kept its number format and alignment, with the error fill (2 + 2 = fill 4).
  CHECK(written.find("<xf fillId=\"4\" applyFill=\"1\" numFmtId=\"14\" fontId=\"0\" applyNumberFormat=\"1\"><alignment "
                     "horizontal=\"left\"/></xf>") != std::string::npos);
  CHECK(written.find("<fills count=\"5\">") != std::string::npos);
  CHECK(written.find("<fonts count=\"3\">") != std::string::npos);
  CHECK(written.find("<cellXfs count=\"9\">") != std::string::npos);
}

TEST_CASE("annotate: only a readable XLSX can be annotated", "[annotate]") {
  const std::string csv = "SEX,OBS_VALUE\nM,1\n";
  const auto report = migcheck::validate({{"a.csv", csv}}, bundled());
  const auto r = migcheck::annotate_xlsx(csv, report, 0, bundled());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == migcheck::ErrorCode::annotate_not_xlsx);
  const std::string broken = "PK\x03\x04 not really";
  const auto unreadable = migcheck::validate({{"b.xlsx", broken}}, bundled());
  CHECK(migcheck::annotate_xlsx(broken, unreadable, 0, bundled()).error().code == migcheck::ErrorCode::annotate_not_xlsx);
  CHECK(migcheck::annotate_xlsx(broken, unreadable, 5, bundled()).error().code == migcheck::ErrorCode::annotate_not_xlsx);
}
