// Every rule kind with a passing and a failing case, the findings' cells and
// the per-rule summary, and the report's shape and cap.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "migcheck/validate.hpp"
#include "io/xml_scanner.hpp"
#include "test_support.hpp"
#include "workbook_builder.hpp"
#include "zip_builder.hpp"

using nlohmann::json;

namespace {


migcheck::Report run(const std::string& csv, const std::string& name, std::size_t cap = 10'000,
                     const std::string& lang = "en") {
  migcheck::ValidationOptions options;
  options.max_findings_per_file = cap;
  options.language = lang;
  return migcheck::validate({{name, csv}}, bundled(), options);
}

const migcheck::RuleSummary& summary(const migcheck::Report& r, const std::string& rule) {
  for (const auto& s : r.rules)
    if (s.rule == rule) return s;
  FAIL("no rule " << rule);
  throw;
}


const std::string kHeader = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";

}  // namespace

TEST_CASE("rules: hierarchy (additivity) across every combination", "[rules]") {
  SECTION("totals that add up pass") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,22\n", "ken-pop_ctz.csv");
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(summary(r, "ADDITIVITY").checked == 1);
    CHECK(summary(r, "ADDITIVITY").passed == 1);
    CHECK(r.errors == 0);
  }
  SECTION("a wrong total is an error at its cell, with its parts as related cells") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\n", "ken-pop_ctz.csv", 10'000, "fr");
    const auto found = of_rule(r, "ADDITIVITY");
    REQUIRE(found.size() == 1);
    const auto& f = *found[0];
    CHECK(f.severity == migcheck::Severity::error);
    CHECK(f.level == 1);
    CHECK(f.table == "POP_CTZ");
    CHECK(f.cell == "F4");
    CHECK(f.related_cells == std::vector<std::string>{"F2", "F3"});
    CHECK(*f.expected == 22);
    CHECK(*f.actual == 23);
    // In words: the table's, the dimension's and the codes' labels; the codes stay in the params.
    CHECK(f.message ==
          "Population résidente habituelle par nationalité, âge et sexe, Sexe : le total (Ensemble) vaut 23, mais ses "
          "composantes (Hommes + Femmes) totalisent 22 (écart 1) ; cellule F4.");
    CHECK(f.params == std::vector<std::pair<std::string, std::string>>{
                          {"table", "POP_CTZ"}, {"dimension", "SEX"}, {"total", "_T"}, {"parts", "M + F"},
                          {"expected", "22"}, {"actual", "23"}, {"difference", "1"}, {"cell", "F4"}});
    CHECK(summary(r, "ADDITIVITY").failed == 1);
  }
  SECTION("a marker among the parts skips the check") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,..\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\n", "ken-pop_ctz.csv");
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(summary(r, "ADDITIVITY").not_applicable == 1);
  }
  SECTION("foreigners are the individual countries other than the reporting one, stateless apart") {
    const std::string rows = "KEN,2024,KEN,_T,_T,100\nKEN,2024,UGA,_T,_T,7\nKEN,2024,SOM,_T,_T,5\n"
                             "KEN,2024,STLS,_T,_T,1\nKEN,2024,FOR,_T,_T,12\nKEN,2024,_T,_T,_T,113\n";
    const auto ok = run(kHeader + rows, "ken-pop_ctz.csv");
    CHECK(of_rule(ok, "ADDITIVITY").empty());
    CHECK(summary(ok, "ADDITIVITY").passed == 2);  // FOR = UGA + SOM; _T = NAT (as KEN) + FOR + STLS
    auto bad_rows = rows;
    bad_rows.replace(bad_rows.find("FOR,_T,_T,12"), 12, "FOR,_T,_T,13");
    const auto bad = run(kHeader + bad_rows, "ken-pop_ctz.csv");
    // A wrong FOR breaks both sums it is part of: the total (F7) and its own (F6).
    const auto found = of_rule(bad, "ADDITIVITY");
    REQUIRE(found.size() == 2);
    CHECK(found[0]->cell == "F7");
    CHECK(found[1]->cell == "F6");
    CHECK(found[1]->related_cells == std::vector<std::string>{"F3", "F4"});
  }
}

TEST_CASE("rules: values are counts, keys are unique", "[rules]") {
  const auto r = run(kHeader + "KEN,2024,UGA,_T,M,-1\nKEN,2024,UGA,_T,F,2.5\nKEN,2024,SOM,_T,M,3\nKEN,2024,SOM,_T,M,4\n", "ken-pop_ctz.csv");
  const auto values = of_rule(r, "VALUES");
  REQUIRE(values.size() == 2);
  CHECK(values[0]->cell == "F2");
  CHECK(values[1]->cell == "F3");
  const auto duplicates = of_rule(r, "DUPLICATES");
  REQUIRE(duplicates.size() == 1);
  CHECK(duplicates[0]->cell == "F5");
  CHECK(duplicates[0]->related_cells == std::vector<std::string>{"F4"});
  CHECK(summary(r, "VALUES").checked == 4);
  CHECK(summary(r, "VALUES").failed == 2);
}

TEST_CASE("rules: exclusions relative to the reporting country", "[rules]") {
  const std::string header = "REF_AREA,TIME_PERIOD,COUNTRY_OF_RESIDENCE,SEX,OBS_VALUE\n";
  const auto bad = run(header + "KEN,2024,UGA,_T,40\nKEN,2024,KEN,_T,5\n", "ken-abr.csv");
  const auto found = of_rule(bad, "NATIONALS_ABROAD_NOT_AT_HOME");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->cell == "E3");
  CHECK(found[0]->table == "ABR");
  const auto ok = run(header + "KEN,2024,UGA,_T,40\nKEN,2024,KEN,_T,0\n", "ken-abr.csv");
  CHECK(of_rule(ok, "NATIONALS_ABROAD_NOT_AT_HOME").empty());
  CHECK(summary(ok, "NATIONALS_ABROAD_NOT_AT_HOME").passed == 2);
}

TEST_CASE("rules: unknown categories above the threshold are warnings", "[rules]") {
  const auto bad = run(kHeader + "KEN,2024,UGA,_T,M,45\nKEN,2024,UGA,_T,F,45\nKEN,2024,UGA,_T,_U,10\nKEN,2024,UGA,_T,_T,100\n", "ken-pop_ctz.csv");
  const auto found = of_rule(bad, "UNKNOWN_SMALL");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == migcheck::Severity::warning);
  CHECK(found[0]->cell == "F4");
  CHECK(found[0]->message == "Usually resident population by citizenship, age and sex, Sex: unknown for 10 % of the total, more than 5 %; "
                                    "cell F4.");
  const auto ok = run(kHeader + "KEN,2024,UGA,_T,M,48\nKEN,2024,UGA,_T,F,48\nKEN,2024,UGA,_T,_U,4\nKEN,2024,UGA,_T,_T,100\n", "ken-pop_ctz.csv");
  CHECK(of_rule(ok, "UNKNOWN_SMALL").empty());
}

TEST_CASE("rules: the Sources sheet covers every table and uses the 12-month rule", "[rules]") {
  const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/returns/ken-2024-long-en.xlsx");
  REQUIRE_FALSE(bytes.empty());
  const auto r = migcheck::validate({{"ken-2024-long-en.xlsx", bytes}}, bundled());
  CHECK(summary(r, "SOURCES_COVER_TABLES").checked == 3);
  CHECK(summary(r, "SOURCES_COVER_TABLES").failed == 0);
  CHECK(summary(r, "RESIDENCE_RULE_12M").checked == 3);
  CHECK(summary(r, "RESIDENCE_RULE_12M").failed == 0);
  // The clean return: no error or warning but the two tables it leaves out; its
  // Sources sheet predates the inventory's validating agency, contact and date of
  // last update (docs/agencies.md): one info for each column, none per row.
  CHECK(r.warnings == 0);
  for (const char* rule : {"SOURCES_VALIDATED", "SOURCES_CONTACT", "SOURCES_UPDATED"}) {
    REQUIRE(of_rule(r, rule).size() == 1);
    CHECK(of_rule(r, rule)[0]->message_key == "rule.sources_column_missing");
    CHECK(of_rule(r, rule)[0]->severity == migcheck::Severity::info);
  }
  CHECK(r.errors == 2);
  CHECK(of_rule(r, "table.missing").size() == 2);
  CHECK(summary(r, "ADDITIVITY").checked > 100);
  CHECK(summary(r, "ADDITIVITY").failed == 0);
}

TEST_CASE("report: unreadable files, caps and the JSON shape", "[rules][report]") {
  SECTION("an unreadable input is an error finding") {
    const auto r = migcheck::validate({{"report.xlsx", std::string("%PDF-1.4")}}, bundled());
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "file.pdf");
    CHECK(r.errors == 1);
    CHECK(r.files.at(0).read_error.has_value());
  }
  SECTION("findings are capped per file; counts stay exact") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,-1\nKEN,2024,UGA,_T,F,-2\nKEN,2024,SOM,_T,M,-3\n", "ken-pop_ctz.csv", 1);
    CHECK(r.findings.size() == 1);
    CHECK(r.partial);
    CHECK(summary(r, "VALUES").failed == 3);
    CHECK(r.errors == 3 + summary(r, "COMPLETE").failed);
  }
  SECTION("the JSON report has the documented fields") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\n", "ken-pop_ctz.csv");
    const json j = json::parse(migcheck::report_json(r));
    for (const char* key : {"tool", "rulebook", "files", "findings", "rules", "summary"}) CHECK(j.contains(key));
    const json& f = j.at("findings").at(0);
    for (const char* key : {"rule", "severity", "level", "file", "table", "sheet", "cell", "related_cells", "key",
                            "expected", "actual", "message", "message_key", "params"})
      CHECK(f.contains(key));
    CHECK(f.at("key").at("SEX") == "_T");
    CHECK(j.at("summary").at("errors") == 1);
    CHECK(j.at("summary").at("cells_read") == 24);
    CHECK(j.at("files").at(0).at("tables").at(0).at("table") == "POP_CTZ");
  }
}

TEST_CASE("rules: completeness of the breakdowns", "[rules]") {
  SECTION("every combination present, markers included, passes") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,..\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\n", "ken-pop_ctz.csv");
    CHECK(of_rule(r, "COMPLETE").empty());
    CHECK(summary(r, "COMPLETE").checked == 3);
  }
  SECTION("a missing combination is an error naming its key") {
    const auto r = run(kHeader + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,_T,23\nKEN,2024,SOM,_T,M,1\nKEN,2024,SOM,_T,F,1\nKEN,2024,SOM,_T,_T,2\n",
                       "ken-pop_ctz.csv");
    const auto found = of_rule(r, "COMPLETE");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->message ==
          "Usually resident population by citizenship, age and sex has no value for Citizenship: Uganda; Age: Total; "
        "Sex: Female; Time period: 2024; Reporting country: Kenya. Give the number, or a marker such as .. if it is "
        "not available.");
    CHECK(summary(r, "COMPLETE").checked == 6);
  }
}

TEST_CASE("rules: one age partition per table", "[rules]") {
  SECTION("broad bands cover every age once") {
    const auto r = run(kHeader + "KEN,2024,UGA,Y_LT15,_T,1\nKEN,2024,UGA,Y15T64,_T,2\nKEN,2024,UGA,Y_GE65,_T,3\nKEN,2024,UGA,_T,_T,6\n",
                       "ken-pop_ctz.csv");
    CHECK(of_rule(r, "ONE_AGE_PARTITION").empty());
    CHECK(summary(r, "ONE_AGE_PARTITION").passed == 1);
  }
  SECTION("overlapping bands from two partitions") {
    const auto r = run(kHeader + "KEN,2024,UGA,Y10T14,_T,1\nKEN,2024,UGA,Y_LT15,_T,2\nKEN,2024,UGA,Y15T64,_T,2\nKEN,2024,UGA,Y_GE65,_T,3\n",
                       "ken-pop_ctz.csv");
    const auto found = of_rule(r, "ONE_AGE_PARTITION");
    REQUIRE(found.size() == 1);
    bool named = false;
    for (const auto& [k, v] : found[0]->params) named = named || (k == "first" && v == "Y_LT15");
    CHECK(named);
  }
  SECTION("a gap") {
    const auto r = run(kHeader + "KEN,2024,UGA,Y0T4,_T,1\nKEN,2024,UGA,Y10T14,_T,2\n", "ken-pop_ctz.csv");
    REQUIRE(of_rule(r, "ONE_AGE_PARTITION").size() == 1);
  }
  SECTION("a partition starts where its code list starts: permits last 3 months or more") {
    const std::string permits = "REF_AREA,TIME_PERIOD,PERMIT_TYPE,REASON,DURATION,CITIZENSHIP,OBS_VALUE\n"
                                "KEN,2024,VALID,_T,M3T5,UGA,1\nKEN,2024,VALID,_T,M6T11,UGA,2\nKEN,2024,VALID,_T,M_GE12,UGA,3\n";
    const auto r = run(permits, "ken-permits.csv");
    CHECK(of_rule(r, "ONE_AGE_PARTITION").empty());
    CHECK(summary(r, "ONE_AGE_PARTITION").passed == 1);
  }
}

TEST_CASE("rules: the same totals across breakdowns of one module", "[rules]") {
  std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/returns/ken-2024-long-en.xlsx");
  REQUIRE_FALSE(bytes.empty());
  const auto ok = migcheck::validate({{"ken-2024-long-en.xlsx", bytes}}, bundled());
  CHECK(summary(ok, "SAME_TOTALS").checked == 3);  // IMM_CTZ against IMM_REASON, by sex
  CHECK(summary(ok, "SAME_TOTALS").failed == 0);
  // Two breakdowns of one population in one CSV-like workbook: IMM_CTZ says 30 men, IMM_REASON 31.
  const std::string imm = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,_T,_T,M,30\n";
  const std::string reason = "REF_AREA,TIME_PERIOD,REASON,SEX,OBS_VALUE\nKEN,2024,_T,M,31\n";
  // A return split into CSV files is compared across its files.
  const auto separate = migcheck::validate({{"ken-imm_ctz.csv", imm}, {"ken-imm_reason.csv", reason}}, bundled());
  CHECK(summary(separate, "SAME_TOTALS").checked == 1);
  const auto found = of_rule(separate, "SAME_TOTALS");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->file == "ken-imm_reason.csv");
  CHECK(found[0]->cell == "E2");
  CHECK(found[0]->related_cells == std::vector<std::string>{"[ken-imm_ctz.csv]ken-imm_ctz!F2"});
  CHECK(found[0]->expected == 30);
  CHECK(found[0]->actual == 31);
  // Another country's or year's file is never compared with this one.
  const std::string uga = "REF_AREA,TIME_PERIOD,REASON,SEX,OBS_VALUE\nUGA,2024,_T,M,31\n";
  const auto other = migcheck::validate({{"ken-imm_ctz.csv", imm}, {"uga-imm_reason.csv", uga}}, bundled());
  CHECK(summary(other, "SAME_TOTALS").checked == 0);
}


TEST_CASE("rules: breakdowns that disagree are an error at the second table's cell", "[rules]") {
  const std::string bytes = workbook({
      {"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
      {"IMM_CTZ", {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"}, {"_T", "_T", "M", "30"}, {"_T", "_T", "F", "20"}}},
      {"IMM_REASON", {{"REASON", "SEX", "OBS_VALUE"}, {"_T", "M", "31"}, {"_T", "F", "20"}}},
  });
  const auto r = migcheck::validate({{"ken.xlsx", bytes}}, bundled());
  const auto found = of_rule(r, "SAME_TOTALS");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->table == "IMM_REASON");
  CHECK(found[0]->cell == "C2");
  CHECK(found[0]->related_cells == std::vector<std::string>{"IMM_CTZ!D2"});
  CHECK(*found[0]->expected == 30);
  CHECK(*found[0]->actual == 31);
  CHECK(summary(r, "SAME_TOTALS").checked == 2);
}

TEST_CASE("validate: a return with planted mistakes yields exactly those findings", "[rules][planted]") {
  const std::string bytes = workbook({
      {"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
      {"Sources", {{"Table", "Source type", "Residence rule"}, {"POP_CTZ", "ADMIN", "6M"}}},  // planted: 6M
      {"POP_CTZ",
       {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"},
        {"KEN", "_T", "M", "50"}, {"KEN", "_T", "F", "50"}, {"KEN", "_T", "_T", "100"},
        {"UGA", "_T", "M", "5"}, {"UGA", "_T", "F", "6"},  // planted: 6 where 5 adds up
        {"UGA", "_T", "_T", "10"},
        {"FOR", "_T", "M", "5"}, {"FOR", "_T", "F", "5"}, {"FOR", "_T", "_T", "10"},
        {"_T", "_T", "M", "55"}, {"_T", "_T", "F", "55"}, {"_T", "_T", "_T", "110"},
        {"Atlantis", "_T", "_T", "3"},  // planted: no such country
        {"KEN", "_T", "M", "lots"},     // planted: not a number
        {"KEN", "_T", "M", "50"}}},     // planted: the KEN/M row again
  });
  const auto r = migcheck::validate({{"ken-planted.xlsx", bytes}}, bundled());
  std::vector<std::string> got;
  for (const auto& f : r.findings) got.push_back(f.rule + " " + f.cell);
  std::sort(got.begin(), got.end());
  const std::vector<std::string> expected = {
      "ADDITIVITY D10",           // info: FOR cannot be checked, Atlantis (A14) may be one of its countries
      "ADDITIVITY D7",            // UGA: _T 10 but M + F = 11
      "ADDITIVITY D9",            // FOR women 5 but UGA women 6
      "DUPLICATES D16",           // KEN/M twice (the "lots" row never became an observation)
      "RESIDENCE_RULE_12M C2",    // Sources: 6M, at its cell
      "SOURCES_CONTACT ", "SOURCES_UPDATED ", "SOURCES_VALIDATED ",  // infos: Sources has no such columns
      "label.unknown A14",        // Atlantis
      "table.missing ", "table.missing ", "table.missing ",  // POP_CTB, IMM_CTZ, EMI_CTZ: not in this return
      "value.not_number D15",     // lots
  };
  CHECK(got == expected);
  CHECK(r.errors == 8);
  CHECK(r.warnings == 1);
  CHECK(r.infos == 4);
}

TEST_CASE("report: JUnit XML and SARIF 2.1.0 for CI systems", "[rules][report]") {
  const auto r = run(kHeader + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23 & more\n", "ken-pop_ctz.csv");
  SECTION("JUnit: well-formed, one failing test case per failing rule") {
    const std::string junit = migcheck::report_junit(r);
    migcheck::io::XmlScanner xml(junit, "junit.xml", 16);
    std::size_t testcases = 0, failures = 0;
    for (;;) {
      const auto t = xml.next();
      REQUIRE(t != migcheck::io::XmlScanner::Token::error);
      if (t == migcheck::io::XmlScanner::Token::eof) break;
      if (t != migcheck::io::XmlScanner::Token::start) continue;
      if (xml.local_name() == "testcase") ++testcases;
      if (xml.local_name() == "failure") ++failures;
    }
    CHECK(testcases == bundled().rules.size() + 1);  // every rule, plus value.not_number
    CHECK(failures == 1);  // value.not_number; COMPLETE does not ask again for the cell it could not read
    CHECK(junit.find("&amp; more") != std::string::npos);
  }
  SECTION("SARIF: rules, results, regions") {
    const json sarif = json::parse(migcheck::report_sarif(r, bundled()));
    CHECK(sarif.at("version") == "2.1.0");
    const json& run0 = sarif.at("runs").at(0);
    CHECK(run0.at("tool").at("driver").at("name") == "migcheck");
    const json& rules = run0.at("tool").at("driver").at("rules");
    const json& results = run0.at("results");
    REQUIRE(results.size() == r.findings.size());
    for (const json& result : results) {
      CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == result.at("ruleId"));
      CHECK(result.at("message").at("text").get<std::string>().size() > 0);
      CHECK(result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri") == "ken-pop_ctz.csv");
    }
    const json& first = results.at(0);
    CHECK(first.at("ruleId") == "value.not_number");
    CHECK(first.at("locations").at(0).at("physicalLocation").at("region") == json::parse(R"({"startLine": 4, "startColumn": 6})"));
  }
}

TEST_CASE("rules: findings quote at most 200 characters of a cell, and the cap counts the rest (issue 15)", "[rules][limits]") {
  // 3,000 value cells each holding one 30,000-character text: every finding
  // used to copy it whole, twice (params and message).
  const std::string long_text(30'000, 'x');
  std::string csv = kHeader;
  for (int i = 0; i < 3000; ++i) csv += "KEN,2024,KEN,_T,M," + long_text + "\n";
  const auto r = run(csv, "POP_CTZ.csv", 100);
  const auto found = of_rule(r, "value.not_number");
  REQUIRE(found.size() == 100);  // kept: the cap
  const std::string quoted = std::string(200, 'x') + "\xE2\x80\xA6";
  for (const auto* f : found) {
    REQUIRE(f->params.size() >= 1);
    CHECK(f->params[0].first == "value");
    CHECK(f->params[0].second == quoted);
    CHECK(f->message.size() < 400);
    CHECK(f->message.find(quoted) != std::string::npos);
  }
  CHECK(r.partial);
  CHECK(r.errors >= 3000);  // counted, not kept
  const auto problem = std::find_if(r.problems.begin(), r.problems.end(),
                                    [](const migcheck::Problem& p) { return p.rule == "value.not_number"; });
  REQUIRE(problem != r.problems.end());
  CHECK(problem->count == 3000);
  CHECK(problem->message.size() < 400);
}

TEST_CASE("rules: a number beyond a double is not a number of persons (issue 15)", "[rules][limits]") {
  // 1e309 used to be read as infinity, accepted as a count and summed: "add up to null (difference null)".
  for (const std::string big : {"1e309", "-1e309", "1E400"}) {
    INFO(big);
    const auto r = run(kHeader + "KEN,2024,KEN,_T,M," + big + "\nKEN,2024,KEN,_T,F,5\nKEN,2024,KEN,_T,_T,10\n", "POP_CTZ.csv");
    const auto bad = of_rule(r, "value.not_number");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0]->cell == "F2");
    CHECK(bad[0]->params[0].second == big);
    for (const auto& f : r.findings) CHECK(f.message.find("null") == std::string::npos);
  }
  // The XLSX reader too: <v>1e309</v> is the text it is, and the same finding.
  const std::string xlsx = workbook({{"POP_CTZ", {{"REF_AREA", "TIME_PERIOD", "CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"},
                                                  {"KEN", "2024", "KEN", "_T", "M", "1e309"}}}});
  migcheck::ValidationOptions options;
  const auto r = migcheck::validate({{"POP_CTZ.xlsx", xlsx}}, bundled(), options);
  const auto bad = of_rule(r, "value.not_number");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0]->cell == "F2");
}
