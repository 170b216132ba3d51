// A complete, realistic return over two years (tests/fixtures/returns/complete:
// Uganda 2023 and 2024, all 13 tables, long English, wide French, CSV) gives
// no error and no warning, alone or with the year before, and the level-2
// rules really check it; the planted twin gives exactly the findings of its
// oracle, written from the plan (expected/uga-2024-planted.findings.json).
//
// The check counts asserted below are the ones tests/fixtures/returns/complete/
// src/check.py finds on the canonical data with its own implementation of the
// rules (generate.sh prints them).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <sstream>

#include "migcheck/validate.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

const std::string kDir = std::string(MIGCHECK_FIXTURES) + "/returns/complete/";

const std::vector<std::string> kTables = {"pop_ctz", "pop_ctb",    "imm_ctz", "imm_ctb", "imm_prev",
                                          "imm_reason", "emi_ctz", "emi_next", "emi_reason", "abr",
                                          "permits",    "acq",     "ref"};

// Observations per table (src/data.py): the product of the codes each dimension carries.
const std::map<std::string, std::size_t> kObservations = {
    {"pop_ctz", 741}, {"pop_ctb", 684}, {"imm_ctz", 156}, {"imm_ctb", 156}, {"imm_prev", 48},
    {"imm_reason", 21}, {"emi_ctz", 132}, {"emi_next", 51}, {"emi_reason", 21}, {"abr", 42},
    {"permits", 384}, {"acq", 108}, {"ref", 81}};

std::vector<std::string> csv_set() {
  std::vector<std::string> out;
  for (const auto& t : kTables) out.push_back("uga-2024-" + t + ".csv");
  return out;
}

migcheck::Report run(const std::vector<std::string>& names) {
  std::vector<std::string> bytes;
  bytes.reserve(names.size());
  for (const auto& n : names) {
    bytes.push_back(slurp(kDir + n));
    REQUIRE_FALSE(bytes.back().empty());
  }
  std::vector<migcheck::Input> inputs;
  for (std::size_t i = 0; i < names.size(); ++i) inputs.push_back({names[i], bytes[i]});
  return migcheck::validate(inputs, bundled(), {});
}

const migcheck::RuleSummary& summary(const migcheck::Report& r, const std::string& rule) {
  for (const auto& s : r.rules)
    if (s.rule == rule) return s;
  FAIL("no rule " << rule);
  throw;
}

// Every error and warning, one per line: "RULE file sheet!cell", so that a
// failed CHECK shows what migcheck found.
std::string errors_and_warnings(const migcheck::Report& r) {
  std::ostringstream out;
  for (const auto& f : r.findings)
    if (f.severity != migcheck::Severity::info)
      out << migcheck::severity_name(f.severity) << ' ' << f.rule << ' ' << f.file << ' ' << f.sheet << '!' << f.cell
          << ": " << f.message << '\n';
  return out.str();
}

// No rule failed to run.
void no_rule_errors(const migcheck::Report& r) {
  for (const auto& s : r.rules) {
    INFO("rule " << s.rule);
    CHECK(s.error.empty());
  }
}

}  // namespace

// Two migcheck bugs these files found, now fixed, each also guarded here:
//  1. ONE_AGE_PARTITION started every partition at 0, so PERMITS' durations
//     (M3T5, M6T11, M_GE12: a permit lasts 3 months or more) always "left a gap";
//     a partition now starts where its code list starts.
//  2. uga-2024-wide-fr.xlsx, sheet EMI_CTZ: the count 1994 in D4, in the first
//     data row, was taken for a year header and the row's observations were
//     lost; the row below a header now counts only when its labels are the header's.

TEST_CASE("returns: 2023 and 2024 together give no error and no warning, and the level-2 rules check them",
          "[returns]") {
  SECTION("long English, both years") {
    const auto r = run({"uga-2023-long-en.xlsx", "uga-2024-long-en.xlsx"});
    CHECK(errors_and_warnings(r) == "");
    CHECK(r.warnings == 0);
    no_rule_errors(r);
    // The same counts as src/check.py's independent implementation.
    CHECK(summary(r, "ADDITIVITY").checked == 3210);
    CHECK(summary(r, "ADDITIVITY").not_applicable == 8);  // nationals abroad "in Uganda": n/a
    CHECK(summary(r, "COMPLETE").checked == 5250);
    CHECK(summary(r, "UNKNOWN_SMALL").checked == 330);
    CHECK(summary(r, "SAME_TOTALS").checked == 162);
    CHECK(summary(r, "SAME_TOTALS").failed == 0);
    CHECK(summary(r, "REFUGEES_WITHIN_FOREIGNERS").checked == 2);
    CHECK(summary(r, "REFUGEES_WITHIN_FOREIGNERS").passed == 2);
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").checked == 1);  // 2023 -> 2024; 2024 has no 2025
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").passed == 1);
    CHECK(summary(r, "YEAR_ON_YEAR").checked == 1677);
    CHECK(summary(r, "YEAR_ON_YEAR").passed == 1677);
    CHECK(summary(r, "RESIDENCE_RULE_12M").checked == 26);
    CHECK(summary(r, "RESIDENCE_RULE_12M").failed == 0);
  }
  SECTION("2023 long English with 2024 wide French") {
    const auto r = run({"uga-2023-long-en.xlsx", "uga-2024-wide-fr.xlsx"});
    CHECK(errors_and_warnings(r) == "");
    CHECK(r.warnings == 0);
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").checked == 1);
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").passed == 1);
    CHECK(summary(r, "YEAR_ON_YEAR").checked == 1677);
    CHECK(summary(r, "YEAR_ON_YEAR").failed == 0);
    CHECK(summary(r, "SAME_TOTALS").checked == 162);
  }
  SECTION("2023 long English with the 2024 CSV files, one per table") {
    std::vector<std::string> files = {"uga-2023-long-en.xlsx"};
    for (const auto& f : csv_set()) files.push_back(f);
    const auto r = run(files);
    CHECK(errors_and_warnings(r) == "");
    CHECK(r.warnings == 0);
    no_rule_errors(r);
    CHECK(summary(r, "SAME_TOTALS").checked == 162);  // across the CSV files too
    CHECK(summary(r, "REFUGEES_WITHIN_FOREIGNERS").checked == 2);
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").checked == 1);
    CHECK(summary(r, "FOREIGN_STOCK_BALANCE").passed == 1);
    CHECK(summary(r, "YEAR_ON_YEAR").checked == 1677);
    CHECK(summary(r, "YEAR_ON_YEAR").failed == 0);
  }
}

TEST_CASE("returns: the planted twin with last year's return gives exactly its oracle's findings", "[returns]") {
  const std::string text = slurp(kDir + "expected/uga-2024-planted.findings.json");
  REQUIRE_FALSE(text.empty());
  const json oracle = json::parse(text);
  std::vector<std::string> files;
  for (const auto& f : oracle.at("files")) files.push_back(f.get<std::string>());
  REQUIRE(files == std::vector<std::string>{"uga-2023-long-en.xlsx", "uga-2024-planted.xlsx"});
  const auto r = run(files);
  no_rule_errors(r);

  // "rule file sheet!cell", sorted: what the oracle lists and what migcheck found.
  std::set<std::string> expected, actual;
  for (const auto& o : oracle.at("findings"))
    expected.insert(o.at("rule").get<std::string>() + ' ' + o.at("file").get<std::string>() + ' ' +
                    o.at("sheet").get<std::string>() + '!' + o.at("cell").get<std::string>());
  for (const auto& f : r.findings)
    if (f.severity != migcheck::Severity::info) actual.insert(f.rule + ' ' + f.file + ' ' + f.sheet + '!' + f.cell);
  auto lines = [](const std::set<std::string>& s) {
    std::string out;
    for (const auto& line : s) out += line + '\n';
    return out;
  };
  CHECK(lines(actual) == lines(expected));
  CHECK(r.errors == 2);                     // (d) and (e); 4 while 1. stands
  CHECK(r.warnings == 3);                   // (a), (b), (c)

  // Each planted finding: its severity, table, and for (a)-(c) the values compared.
  for (const auto& o : oracle.at("findings")) {
    const std::string rule = o.at("rule"), cell = o.at("cell");
    INFO("planted (" << o.at("id").get<std::string>() << ") " << rule << " at " << cell);
    const migcheck::Finding* found = nullptr;
    for (const auto& f : r.findings)
      if (f.rule == rule && f.cell == cell && f.file == o.at("file").get<std::string>()) found = &f;
    REQUIRE(found != nullptr);
    CHECK(migcheck::severity_name(found->severity) == o.at("severity").get<std::string>());
    CHECK(found->table == o.at("table").get<std::string>());
    CHECK(found->sheet == o.at("sheet").get<std::string>());
    if (o.contains("expected")) {
      REQUIRE(found->expected.has_value());
      CHECK(*found->expected == o.at("expected").get<double>());
    }
    if (o.contains("actual")) {
      REQUIRE(found->actual.has_value());
      CHECK(*found->actual == o.at("actual").get<double>());
    }
  }
  CHECK(summary(r, "FOREIGN_STOCK_BALANCE").checked == 1);
  CHECK(summary(r, "REFUGEES_WITHIN_FOREIGNERS").checked == 2);
  CHECK(summary(r, "YEAR_ON_YEAR").failed == 1);
}

TEST_CASE("returns: problems come in the order to fix them: severity, then level, then the rulebook's table order",
          "[returns]") {
  const std::string dir = std::string(MIGCHECK_FIXTURES) + "/blind/synthetic/planted/";
  const std::string bytes = slurp(dir + "KEN_2024_migration_return.xlsx");
  REQUIRE_FALSE(bytes.empty());
  const migcheck::Report r = migcheck::validate({{"KEN_2024_migration_return.xlsx", bytes}}, bundled(), {});
  REQUIRE(r.problems.size() >= 10);
  std::map<std::string, std::size_t> rank;
  for (std::size_t t = 0; t < bundled().tables.size(); ++t) rank[bundled().tables[t].id] = t + 1;
  auto key = [&](const migcheck::Problem& p) {
    return std::make_tuple(static_cast<int>(p.severity), p.level, p.table.empty() ? 0 : rank.count(p.table) ? rank[p.table] : 99);
  };
  std::set<int> severities, levels;
  for (std::size_t i = 0; i < r.problems.size(); ++i) {
    severities.insert(static_cast<int>(r.problems[i].severity));
    levels.insert(r.problems[i].level);
    if (i > 0) CHECK(key(r.problems[i - 1]) <= key(r.problems[i]));
  }
  CHECK(severities.size() >= 2);  // the order is tested across severities and levels, not on one kind
  CHECK(levels.size() >= 2);
  // Each problem's findings still point at findings of its rule.
  for (const auto& p : r.problems)
    for (std::size_t f : p.findings) CHECK(r.findings[f].rule == p.rule);
}

TEST_CASE("returns: a 'last year's return' that is not of an earlier year is refused, and none of its figures compared",
          "[returns]") {
  const std::string y2024 = slurp(kDir + "uga-2024-long-en.xlsx");
  const std::string y2023 = slurp(kDir + "uga-2023-long-en.xlsx");
  auto with_previous = [&](const std::string& current, const std::string& previous) {
    std::vector<migcheck::Input> inputs{{"this.xlsx", current}, {"previous.xlsx", previous}};
    inputs[1].previous = true;
    return migcheck::validate(inputs, bundled(), {});
  };
  auto refusals = [](const migcheck::Report& r) {
    return std::count_if(r.findings.begin(), r.findings.end(), [](const migcheck::Finding& f) { return f.rule == "previous.not_earlier"; });
  };
  for (const std::string* later : {&y2024}) {
    const migcheck::Report r = with_previous(y2023, *later);  // 2024 given as the year before 2023
    REQUIRE(refusals(r) == 1);
    const auto& f = *std::find_if(r.findings.begin(), r.findings.end(), [](const migcheck::Finding& x) { return x.rule == "previous.not_earlier"; });
    CHECK(f.severity == migcheck::Severity::error);
    CHECK(f.file == "previous.xlsx");
    CHECK(f.message.find("2024") != std::string::npos);
    CHECK(r.files[1].recognition.tables.empty());  // refused: nothing of it is compared
    CHECK(summary(r, "REVISIONS").checked == 0);
  }
  CHECK(refusals(with_previous(y2024, y2024)) == 1);  // this year's return given twice
  const migcheck::Report right = with_previous(y2024, y2023);
  CHECK(refusals(right) == 0);
  CHECK_FALSE(right.files[1].recognition.tables.empty());
}
