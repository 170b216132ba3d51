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
