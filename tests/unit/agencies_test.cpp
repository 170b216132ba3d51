// Agencies and their coordinator (docs/agencies.md): an agency's part, the
// coordinator's whole return across files, the annual update of the source
// inventory, and the assembled return.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "migcheck/assemble.hpp"
#include "migcheck/migcheck.hpp"
#include "test_support.hpp"
#include "util/text.hpp"
#include "workbook_builder.hpp"

namespace {

using Rows = std::vector<std::vector<std::string>>;

const Rows kSourcesHeader = {{"Table", "Producing agency", "Validating agency", "Date of last update", "Contact"}};

Rows metadata(const std::string& agency) {
  return {{"Reporting country", "Kenya"}, {"Reference year", "2024"}, {"Agency", agency}};
}

Rows with(Rows rows, const Rows& more) {
  rows.insert(rows.end(), more.begin(), more.end());
  return rows;
}

// IMM_PREV, adding up, without the reporting country.
const Rows kImmPrev = {{"PREV_RESIDENCE", "SEX", "OBS_VALUE"}, {"UGA", "M", "5"}, {"UGA", "F", "5"}, {"UGA", "_T", "10"},
                       {"_T", "M", "5"},   {"_T", "F", "5"},  {"_T", "_T", "10"}};
const Rows kPopCtz = {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"}, {"KEN", "_T", "M", "50"}, {"KEN", "_T", "F", "50"},
                      {"KEN", "_T", "_T", "100"}, {"_T", "_T", "M", "50"}, {"_T", "_T", "F", "50"}, {"_T", "_T", "_T", "100"}};

std::vector<std::string> rules_of(const migcheck::Report& r, migcheck::Severity severity) {
  std::vector<std::string> out;
  for (const auto& p : r.problems)
    if (p.severity == severity) out.push_back(p.rule + " " + p.table);
  std::sort(out.begin(), out.end());
  return out;
}

const migcheck::Problem* problem(const migcheck::Report& r, const std::string& rule, const std::string& table) {
  for (const auto& p : r.problems)
    if (p.rule == rule && p.table == table) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("agencies: dates of an inventory, as people write them", "[agencies]") {
  using migcheck::util::date_number;
  CHECK(date_number("2024-11-15") == 20241115);
  CHECK(date_number("2024-11-15T10:30:00") == 20241115);
  CHECK(date_number("\u200f١٥/١١/٢٠٢٤") == 20241115);  // Arabic-Indic digits after a right-to-left mark
  CHECK(date_number("15/11/2024") == 20241115);
  CHECK(date_number("15.11.2024") == 20241115);
  CHECK(date_number("11/15/2024") == 20241115);  // month first: 15 cannot be a month
  CHECK(date_number("03/04/2024") == 20240403);  // both could be: day first
  CHECK(date_number("2024-11") == 20241131);     // a part left out is its latest
  CHECK(date_number("2024") == 20241231);
  CHECK(date_number(" 2024/11/15") == 20241115);
  for (const char* no : {"", "n/a", "November 2024", "45611", "15/11/24", "2024-13-01", "32/01/2024", "1850-01-01"}) {
    INFO(no);
    CHECK(date_number(no) == 0);
  }
}

TEST_CASE("agencies: an agency's part waits for the other agencies' tables and checks, as infos", "[agencies]") {
  const Rows sources = with(kSourcesHeader, {{"IMM_PREV", "Immigration Department", "KNBS", "2024-11-15", "stats@immigration.go.ke"},
                                             {"POP_CTZ", "KNBS", "KNBS", "2024-10-01", "census@knbs.or.ke"}});
  const std::string bytes =
      workbook({{"Metadata", metadata("Immigration Department")}, {"Sources", sources}, {"IMM_PREV", kImmPrev}});
  SECTION("the Sources sheet names one agency for the tables given: a part, without being told") {
    const auto r = migcheck::validate({{"immigration.xlsx", bytes}}, bundled());
    CHECK(r.part);
    CHECK(rules_of(r, migcheck::Severity::error).empty());
    const auto* awaited = problem(r, "table.awaited", "POP_CTZ");
    REQUIRE(awaited != nullptr);
    CHECK(awaited->message == "Table POP_CTZ is not in this part of the return: KNBS sends it to the coordinator.");
    CHECK(awaited->agencies == std::vector<std::string>{"KNBS"});
    const auto* unknown = problem(r, "table.awaited", "EMI_CTZ");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->message_key == "table.awaited.unknown_agency");
    // SAME_TOTALS compares IMM_PREV with the other immigration tables, which other agencies send.
    const auto* waiting = problem(r, "part.awaiting", "IMM_PREV");
    REQUIRE(waiting != nullptr);
    CHECK(waiting->severity == migcheck::Severity::info);
    CHECK(waiting->message ==
          "\"Breakdowns of one population agree\" (SAME_TOTALS) compares IMM_PREV with IMM_CTZ, IMM_CTB, IMM_REASON, "
          "which another agency sends: it runs when the coordinator checks the whole return.");
    REQUIRE(r.agencies.size() == 2);
    CHECK(r.agencies[0].agency == "KNBS");
    CHECK(r.agencies[0].awaited == std::vector<std::string>{"POP_CTZ"});
    CHECK(r.agencies[1].agency == "Immigration Department");
    CHECK(r.agencies[1].tables == std::vector<std::string>{"IMM_PREV"});
    CHECK(r.agencies[1].last_update == "2024-11-15");
  }
  SECTION("a required table the part's own agency produces is still an error") {
    const Rows own = with(sources, {{"IMM_CTZ", "Immigration Department", "KNBS", "2024-11-15", "stats@immigration.go.ke"}});
    const std::string part =
        workbook({{"Metadata", metadata("Immigration Department")}, {"Sources", own}, {"IMM_PREV", kImmPrev}});
    migcheck::ValidationOptions options;
    options.part = true;
    const auto r = migcheck::validate({{"immigration.xlsx", part}}, bundled(), options);
    CHECK(rules_of(r, migcheck::Severity::error) == std::vector<std::string>{"table.missing IMM_CTZ"});
    CHECK(problem(r, "table.awaited", "POP_CTZ") != nullptr);
  }
  SECTION("two agencies' tables in one file: a whole return, its required tables missing are errors") {
    const std::string whole =
        workbook({{"Metadata", metadata("")}, {"Sources", sources}, {"IMM_PREV", kImmPrev}, {"POP_CTZ", kPopCtz}});
    const auto r = migcheck::validate({{"kenya.xlsx", whole}}, bundled());
    CHECK_FALSE(r.part);
    CHECK(problem(r, "table.missing", "POP_CTB") != nullptr);
    CHECK(problem(r, "table.awaited", "POP_CTB") == nullptr);
  }
}

TEST_CASE("agencies: the coordinator's files are one return, each problem names its agencies", "[agencies]") {
  const Rows sources_pop = with(kSourcesHeader, {{"POP_CTZ", "KNBS", "KNBS", "2024-10-01", "census@knbs.or.ke"}});
  const Rows sources_imm = with(kSourcesHeader, {{"IMM_PREV", "Immigration Department", "KNBS", "2024-11-15", "s@imm.go.ke"}});
  const std::string knbs = workbook({{"Metadata", metadata("KNBS")}, {"Sources", sources_pop}, {"POP_CTZ", kPopCtz}});
  const std::string imm =
      workbook({{"Metadata", metadata("Immigration Department")}, {"Sources", sources_imm}, {"IMM_PREV", kImmPrev}});
  const auto r = migcheck::validate({{"knbs.xlsx", knbs}, {"immigration.xlsx", imm}}, bundled());
  CHECK_FALSE(r.part);
  // Each required table missing from every file, once.
  std::vector<std::string> missing;
  for (const auto& p : r.problems)
    if (p.rule == "table.missing") missing.push_back(p.file + " " + p.table);
  CHECK(missing == std::vector<std::string>{"immigration.xlsx POP_CTB", "immigration.xlsx IMM_CTZ", "immigration.xlsx EMI_CTZ"});
  CHECK(problem(r, "table.missing", "POP_CTB")->agencies.empty());  // no Sources row names its agency
  REQUIRE(r.agencies.size() == 2);
  CHECK(r.agencies[0].files == std::vector<std::string>{"knbs.xlsx"});
  CHECK(r.agencies[1].files == std::vector<std::string>{"immigration.xlsx"});
  SECTION("the same table in two files: an error naming the other file") {
    const std::string again =
        workbook({{"Metadata", metadata("KNBS")}, {"Sources", sources_pop}, {"POP_CTZ", kPopCtz}, {"IMM_PREV", kImmPrev}});
    const auto twice = migcheck::validate({{"knbs.xlsx", again}, {"immigration.xlsx", imm}}, bundled());
    const auto* p = problem(twice, "table.given_twice", "IMM_PREV");
    REQUIRE(p != nullptr);
    CHECK(p->file == "knbs.xlsx");  // the second by name: immigration.xlsx comes first
    CHECK(p->message.find("also in immigration.xlsx") != std::string::npos);
  }
}

TEST_CASE("agencies: the annual update of the source inventory", "[agencies]") {
  const Rows sources = with(kSourcesHeader, {{"POP_CTZ", "KNBS", "", "30/06/2022", ""}});
  const std::string bytes = workbook({{"Metadata", metadata("KNBS")}, {"Sources", sources}, {"POP_CTZ", kPopCtz}});
  const auto r = migcheck::validate({{"knbs.xlsx", bytes}}, bundled());
  CHECK(rules_of(r, migcheck::Severity::warning) ==
        std::vector<std::string>{"SOURCES_CONTACT POP_CTZ", "SOURCES_UPDATED POP_CTZ", "SOURCES_VALIDATED POP_CTZ"});
  const auto* stale = problem(r, "SOURCES_UPDATED", "POP_CTZ");
  REQUIRE(stale != nullptr);
  CHECK(stale->cell == "D2");
  CHECK(stale->message ==
        "The source of table POP_CTZ was last updated on 30/06/2022, more than 12 months before the end of the "
        "reference year 2024.");
  CHECK(problem(r, "SOURCES_VALIDATED", "POP_CTZ")->cell == "C2");
  CHECK(problem(r, "SOURCES_CONTACT", "POP_CTZ")->cell == "E2");
  SECTION("a date pasted as its serial number is that date; text that is no date is said") {
    const Rows serial = with(kSourcesHeader, {{"POP_CTZ", "KNBS", "KNBS", "45611", "c@knbs.or.ke"}});  // 2024-11-15
    const auto ok = migcheck::validate(
        {{"knbs.xlsx", workbook({{"Metadata", metadata("KNBS")}, {"Sources", serial}, {"POP_CTZ", kPopCtz}})}}, bundled());
    CHECK(rules_of(ok, migcheck::Severity::warning).empty());
    const Rows words = with(kSourcesHeader, {{"POP_CTZ", "KNBS", "KNBS", "last spring", "c@knbs.or.ke"}});
    const auto unread = migcheck::validate(
        {{"knbs.xlsx", workbook({{"Metadata", metadata("KNBS")}, {"Sources", words}, {"POP_CTZ", kPopCtz}})}}, bundled());
    const auto* p = problem(unread, "SOURCES_UPDATED", "POP_CTZ");
    REQUIRE(p != nullptr);
    CHECK(p->message_key == "rule.sources_date_unreadable");
  }
}

TEST_CASE("agencies: the assembled return holds every file's tables and checks like them", "[agencies][assemble]") {
  const Rows sources_pop = with(kSourcesHeader, {{"POP_CTZ", "KNBS", "KNBS", "2024-10-01", "census@knbs.or.ke"}});
  const Rows sources_imm = with(kSourcesHeader, {{"IMM_PREV", "Immigration Department", "KNBS", "2024-11-15", "s@imm.go.ke"}});
  const std::string knbs = workbook({{"Metadata", metadata("KNBS")}, {"Sources", sources_pop}, {"POP_CTZ", kPopCtz}});
  const std::string imm =
      workbook({{"Metadata", metadata("Immigration Department")}, {"Sources", sources_imm}, {"IMM_PREV", kImmPrev}});
  const auto parts = migcheck::validate({{"knbs.xlsx", knbs}, {"immigration.xlsx", imm}}, bundled());
  for (const char* language : {"en", "fr", "ar"}) {
    INFO("language " << language);
    auto assembled = migcheck::assemble_return(parts, bundled(), language);
    REQUIRE(assembled.ok());
    const auto r = migcheck::validate({{"kenya.xlsx", assembled.value()}}, bundled());
    REQUIRE(r.files.size() == 1);
    const auto& rec = r.files[0].recognition;
    CHECK(rec.reporting_country == "KEN");
    CHECK(rec.reference_year == "2024");
    REQUIRE(rec.tables.size() == 2);
    CHECK(rec.tables[0].table == "POP_CTZ");
    CHECK(rec.tables[0].size() == 6);
    CHECK(rec.tables[1].table == "IMM_PREV");
    CHECK(rec.tables[1].size() == 6);
    CHECK(rules_of(r, migcheck::Severity::error) == rules_of(parts, migcheck::Severity::error));
    CHECK(rules_of(r, migcheck::Severity::warning) == rules_of(parts, migcheck::Severity::warning));
    REQUIRE(r.agencies.size() == 2);
    CHECK(r.agencies[1].agency == "Immigration Department");
    CHECK(r.agencies[1].last_update == "2024-11-15");
  }
}

TEST_CASE("agencies: a comparison an expression makes concerns the agencies of every table it names", "[agencies]") {
  const Rows pop = {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"}, {"KEN", "_T", "_T", "100"}, {"FOR", "_T", "_T", "10"}, {"_T", "_T", "_T", "110"}};
  const Rows ref = {{"COUNTRY_OF_ORIGIN", "PROT_STATUS", "SEX", "OBS_VALUE"}, {"SSD", "REF", "_T", "50"}, {"_T", "REF", "_T", "50"}};
  const std::string knbs = workbook({{"Metadata", metadata("KNBS")},
                                     {"Sources", with(kSourcesHeader, {{"POP_CTZ", "KNBS", "KNBS", "2024-10-01", "c@knbs.or.ke"}})},
                                     {"POP_CTZ", pop}});
  const std::string refugees = workbook({{"Metadata", metadata("Refugee Affairs")},
                                         {"Sources", with(kSourcesHeader, {{"REF", "Refugee Affairs", "KNBS", "2024-12-01", "r@dra.go.ke"}})},
                                         {"REF", ref}});
  const auto r = migcheck::validate({{"knbs.xlsx", knbs}, {"refugees.xlsx", refugees}}, bundled());
  const auto* p = problem(r, "REFUGEES_WITHIN_FOREIGNERS", "REF");
  REQUIRE(p != nullptr);
  CHECK(p->agencies == std::vector<std::string>{"Refugee Affairs", "KNBS"});
}
