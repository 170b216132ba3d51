// SDMX-CSV in: migcheck's own export reads back as the same observations,
// one table per structure, and a structure the rulebook has no table for is
// said, not skipped.
#include <catch2/catch.hpp>

#include <string>

#include "migcheck/validate.hpp"
#include "test_support.hpp"

namespace {

migcheck::Report check(const std::string& name, const std::string& bytes) {
  return migcheck::validate({{name, bytes}}, bundled());
}

std::string exported(const std::string& name, const std::string& bytes) {
  return migcheck::report_sdmx_csv(check(name, bytes), bundled());
}

}  // namespace

TEST_CASE("SDMX-CSV in: migcheck's export reads back as the same observations", "[recognition][sdmx]") {
  for (const char* fixture : {"returns/complete/uga-2024-long-en.xlsx", "returns/ken-2024-pop_ctz.csv",
                              "returns/ken-2024-wide-fr.xlsx"}) {
    INFO(fixture);
    const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/" + fixture);
    REQUIRE_FALSE(bytes.empty());
    const std::string first = exported(fixture, bytes);
    const auto report = check("export.csv", first);
    CHECK(report.files.at(0).recognition.tables.size() == check(fixture, bytes).files.at(0).recognition.tables.size());
    // Markers without a number (.., x) come back as observations without a value and their status.
    CHECK(migcheck::report_sdmx_csv(report, bundled()) == first);
    CHECK(report.errors == 0);
    CHECK(report.warnings == 0);
  }
}

TEST_CASE("SDMX-CSV in: a structure with no table of the rulebook is said", "[recognition][sdmx]") {
  const std::string csv =
      "STRUCTURE,STRUCTURE_ID,ACTION,CITIZENSHIP,AGE,SEX,TIME_PERIOD,REF_AREA,OBS_VALUE\n"
      "dataflow,X:POP_CTZ(1.0),I,UGA,_T,_T,2024,KEN,10\n"
      "dataflow,X:NOT_A_TABLE(1.0),I,UGA,_T,_T,2024,KEN,10\n";
  const auto r = check("mixed.csv", csv);
  const auto& sheets = r.files.at(0).recognition.sheets;
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].table == "POP_CTZ");
  CHECK(sheets[0].observations == 1);
  CHECK(sheets[1].role == migcheck::SheetRole::unrecognised);
  CHECK(sheets[1].why.find("NOT_A_TABLE") != std::string::npos);
  CHECK(of_rule(r, "header.unknown").empty());  // STRUCTURE, STRUCTURE_ID, ACTION are SDMX-CSV's own
}

TEST_CASE("SDMX-CSV in: a dataset of several countries is checked per country", "[recognition][sdmx]") {
  // Uganda's 2023 return (5-year ages) and Kenya's 2024 one (broad ages), exported together.
  const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/sdmx/uga-2023-ken-2024-export.csv");
  REQUIRE_FALSE(bytes.empty());
  const auto r = check("uga-2023-ken-2024-export.csv", bytes);
  std::size_t uga = 0, ken = 0;
  for (const auto& t : r.files.at(0).recognition.tables) {
    if (t.reporting_country == "UGA") ++uga;
    if (t.reporting_country == "KEN") ++ken;
  }
  CHECK(uga == 13);
  CHECK(ken == 3);
  CHECK(r.errors == 0);  // no age partition mixed across countries, no completeness across them
  CHECK(r.warnings == 0);
}

TEST_CASE("SDMX-CSV in: Eurostat's dataflow and column ids, codes, flags and ':' are read", "[recognition][sdmx]") {
  // The shape of Eurostat's SDMX-CSV 1.0 download of migr_pop1ctz (the column ids, codes and flags of
  // the real asylum extract in tests/fixtures/published-tables, for the population by citizenship).
  const std::string csv =
      "DATAFLOW,LAST UPDATE,freq,citizen,age,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
      "ESTAT:MIGR_POP1CTZ(1.0),15/03/24 23:00:00,A,EL,TOTAL,NR,T,DE,2023,12345,\n"
      "ESTAT:MIGR_POP1CTZ(1.0),15/03/24 23:00:00,A,EL,Y5-9,NR,T,DE,2023,345,e\n"
      "ESTAT:MIGR_POP1CTZ(1.0),15/03/24 23:00:00,A,EL,Y_LT5,NR,F,DE,2023,100,p\n"
      "ESTAT:MIGR_POP1CTZ(1.0),15/03/24 23:00:00,A,UK,Y_GE85,NR,M,DE,2023,10,\n"
      "ESTAT:MIGR_POP1CTZ(1.0),15/03/24 23:00:00,A,FOR,UNK,NR,T,DE,2023,:,c\n";
  const auto report = check("estat_migr_pop1ctz.csv", csv);
  const auto& rec = report.files.at(0).recognition;
  REQUIRE(rec.tables.size() == 1);
  const auto& t = rec.tables[0];
  CHECK(t.table == "POP_CTZ");
  CHECK(t.reporting_country == "DEU");
  REQUIRE(t.size() == 5);
  std::vector<std::string> got;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::string key;
    for (std::size_t d = 0; d < t.dimensions.size(); ++d) key += t.code(i, d) + "|";
    got.push_back(key + t.symbols[t.obs_status[i]] + t.symbols[t.conf_status[i]]);
  }
  CHECK(got == std::vector<std::string>{"GRC|_T|_T|2023|DEU|AF", "GRC|Y5T9|_T|2023|DEU|EF", "GRC|Y0T4|F|2023|DEU|PF",
                                        "GBR|Y_GE85|M|2023|DEU|AF", "FOR|_U|_T|2023|DEU|OC"});
  for (const auto& f : report.findings) CHECK(f.rule.rfind("label.", 0) != 0);
}
