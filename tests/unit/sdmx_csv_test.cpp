// SDMX-CSV export: read back with migcheck's own CSV reader, every
// recognised observation is there exactly once, codes only, with its status;
// numbers are exact; RFC 4180 quoting; several structures in one message.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "migcheck/read.hpp"
#include "migcheck/validate.hpp"
#include "test_support.hpp"
#include "migcheck/json_writer.hpp"

namespace {

using Row = std::vector<std::string>;

// The CSV as rows of fields, read by migcheck's CSV reader.
std::vector<Row> read_back(const std::string& csv) {
  auto read = migcheck::read_csv(csv, "export.csv");
  REQUIRE(read);
  const migcheck::Workbook& wb = read.value();
  REQUIRE(wb.sheets.size() == 1);
  const migcheck::Sheet& sheet = wb.sheets[0];
  std::vector<Row> rows(sheet.row_count, Row(sheet.column_count));
  for (const migcheck::Cell& c : sheet.cells) {
    std::string text;
    if (c.kind == migcheck::CellKind::text) text = std::string(wb.text(c));
    else migcheck::util::append_json_number(text, c.number);
    rows[c.row][c.column] = text;
  }
  return rows;
}

std::string join(const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
  return out;
}

migcheck::Report validate_fixture(const std::string& name) {
  const std::string bytes = slurp(MIGCHECK_FIXTURES "/returns/" + name);
  REQUIRE(!bytes.empty());
  return migcheck::validate({{name, bytes}}, bundled());
}

}  // namespace

TEST_CASE("sdmx-csv: every recognised observation exactly once, read back", "[sdmx]") {
  const auto report = validate_fixture("ken-2024-long-en.xlsx");
  REQUIRE(report.files.size() == 1);
  const auto& tables = report.files[0].recognition.tables;
  REQUIRE(tables.size() == 3);
  const std::string csv = migcheck::report_sdmx_csv(report, bundled());
  const auto rows = read_back(csv);
  REQUIRE(!rows.empty());

  // The header: STRUCTURE, STRUCTURE_ID, ACTION, the union of the tables'
  // dimensions in the order of their first structure, the measure, the statuses.
  CHECK(join(rows[0]) ==
        "STRUCTURE,STRUCTURE_ID,ACTION,CITIZENSHIP,AGE,SEX,TIME_PERIOD,REF_AREA,REASON,OBS_VALUE,OBS_STATUS,CONF_STATUS");
  CHECK(csv.rfind("STRUCTURE,STRUCTURE_ID,ACTION,", 0) == 0);
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < rows[0].size(); ++c) column[rows[0][c]] = c;
  REQUIRE(column.size() == rows[0].size());  // no column twice

  std::size_t observations = 0;
  for (const auto& t : tables) observations += t.size();
  CHECK(rows.size() == observations + 1);

  // Every data row as one string, counted.
  std::map<std::string, int> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) ++seen[join(rows[r])];

  bool marker_seen = false;
  for (const auto& t : tables) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      Row expected(rows[0].size());
      expected[0] = "dataflow";
      expected[1] = "comesa-migration:" + t.table + "(2026.1)";
      expected[2] = "I";
      for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
        REQUIRE(column.count(t.dimensions[d]));
        expected[column[t.dimensions[d]]] = t.code(i, d);
      }
      if (!std::isnan(t.values[i])) migcheck::util::append_json_number(expected[column["OBS_VALUE"]], t.values[i]);
      else marker_seen = true;
      expected[column["OBS_STATUS"]] = t.symbols[t.obs_status[i]];
      expected[column["CONF_STATUS"]] = t.symbols[t.conf_status[i]];
      INFO(join(expected));
      CHECK(seen[join(expected)] == 1);
    }
  }
  CHECK(marker_seen);
  // Rows come in recognition order: the first data row is the first table's first observation.
  CHECK(rows[1][1] == "comesa-migration:" + tables[0].table + "(2026.1)");
}

TEST_CASE("sdmx-csv: a marker without a number gives an empty OBS_VALUE with its status", "[sdmx]") {
  const auto report = validate_fixture("ken-2024-long-en.xlsx");
  const auto rows = read_back(migcheck::report_sdmx_csv(report, bundled()));
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < rows[0].size(); ++c) column[rows[0][c]] = c;
  // POP_CTZ SOM Y_GE65 M is published as ".." (not available): status O.
  // IMM_CTZ COD Y_GE65 F is "x" (confidential): CONF_STATUS C.
  int not_available = 0, confidential = 0, nil = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const bool pop = row[1] == "comesa-migration:POP_CTZ(2026.1)", imm = row[1] == "comesa-migration:IMM_CTZ(2026.1)";
    if (pop && row[column["CITIZENSHIP"]] == "SOM" && row[column["AGE"]] == "Y_GE65" && row[column["SEX"]] == "M") {
      ++not_available;
      CHECK(row[column["OBS_VALUE"]].empty());
      CHECK(row[column["OBS_STATUS"]] == "O");
    }
    if (imm && row[column["CITIZENSHIP"]] == "COD" && row[column["AGE"]] == "Y_GE65" && row[column["SEX"]] == "F") {
      ++confidential;
      CHECK(row[column["OBS_VALUE"]].empty());
      CHECK(row[column["CONF_STATUS"]] == "C");
    }
    if (imm && row[column["CITIZENSHIP"]] == "UGA" && row[column["AGE"]] == "Y_GE65" && row[column["SEX"]] == "F") {
      ++nil;
      CHECK(row[column["OBS_VALUE"]] == "0");  // "-" is nil: a number
    }
  }
  CHECK(not_available == 1);
  CHECK(confidential == 1);
  CHECK(nil == 1);
}

TEST_CASE("sdmx-csv: structures of different dimensions, exact numbers, RFC 4180", "[sdmx]") {
  migcheck::Report report;
  report.rulebook_id = "comesa-migration";
  report.rulebook_version = "2026.1";
  migcheck::FileReport unreadable;
  unreadable.file = "broken.xlsx";
  unreadable.read_error = migcheck::Diagnostic{};
  report.files.push_back(unreadable);

  migcheck::FileReport file;
  file.file = "made-up.xlsx";
  file.format = "xlsx";
  migcheck::RecognisedTable a;
  a.table = "IMM_REASON";
  a.dimensions = {"REASON", "SEX", "TIME_PERIOD", "REF_AREA"};
  a.symbols = {"OTH", "M", "2024", "KEN", "A", "F", "x,\"y\"", "line\nbreak"};
  const std::vector<double> values{1e6,  0.25, 1e21, 1.5e-7, -0.0, 123456789012345678.0, 0.1,
                                   std::numeric_limits<double>::quiet_NaN()};
  for (std::size_t i = 0; i < values.size(); ++i) {
    a.keys.insert(a.keys.end(), {0, 1, 2, 3});
    a.values.push_back(values[i]);
    a.obs_status.push_back(4);
    a.conf_status.push_back(5);
  }
  // One observation with codes that need quoting.
  a.keys.insert(a.keys.end(), {6, 1, 2, 7});
  a.values.push_back(3);
  a.obs_status.push_back(4);
  a.conf_status.push_back(5);
  migcheck::RecognisedTable b;
  b.table = "POP_CTZ";
  b.dimensions = {"CITIZENSHIP", "AGE", "SEX", "TIME_PERIOD", "REF_AREA"};
  b.symbols = {"UGA", "_T", "F", "2024", "KEN", "E", "C"};
  b.keys = {0, 1, 2, 3, 4};
  b.values = {42};
  b.obs_status = {5};
  b.conf_status = {6};
  file.recognition.tables = {a, b};
  report.files.push_back(file);

  const std::string csv = migcheck::report_sdmx_csv(report, bundled());
  const std::string header =
      "STRUCTURE,STRUCTURE_ID,ACTION,REASON,SEX,TIME_PERIOD,REF_AREA,CITIZENSHIP,AGE,OBS_VALUE,OBS_STATUS,CONF_STATUS\r\n";
  const std::string ra = "dataflow,comesa-migration:IMM_REASON(2026.1),I,OTH,M,2024,KEN,,,";
  const std::string expected = header + ra + "1000000,A,F\r\n" + ra + "0.25,A,F\r\n" + ra +
                               "1000000000000000000000,A,F\r\n" + ra + "0.00000015,A,F\r\n" + ra + "0,A,F\r\n" + ra +
                               "123456789012345680,A,F\r\n" + ra + "0.1,A,F\r\n" + ra + ",A,F\r\n" +
                               "dataflow,comesa-migration:IMM_REASON(2026.1),I,\"x,\"\"y\"\"\",M,2024,\"line\nbreak\",,,3,A,F\r\n" +
                               "dataflow,comesa-migration:POP_CTZ(2026.1),I,,F,2024,KEN,UGA,_T,42,E,C\r\n";
  CHECK(csv == expected);
  // And it reads back: the quoted fields come back whole, rows keep their width.
  const auto rows = read_back(csv);
  REQUIRE(rows.size() == 11);
  CHECK(rows[9][3] == "x,\"y\"");
  CHECK(rows[9][6] == "line\nbreak");
  for (const auto& row : rows) CHECK(row.size() == 12);
}

TEST_CASE("sdmx-csv: nothing readable gives the header alone", "[sdmx]") {
  const auto report = migcheck::validate({{"empty.csv", ""}}, bundled());
  REQUIRE(report.files.size() == 1);
  CHECK(migcheck::report_sdmx_csv(report, bundled()) ==
        "STRUCTURE,STRUCTURE_ID,ACTION,OBS_VALUE,OBS_STATUS,CONF_STATUS\r\n");
}
