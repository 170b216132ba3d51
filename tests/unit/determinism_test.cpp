// Determinism (docs/report.md): the order in which files are given changes
// the order of `files` and of their findings in the report, nothing else,
// even when several files give the same observation with different values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "migcheck/validate.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

// A return sent twice (the second time with other values), the tables it is
// compared with, the partner's return and last year's: every check across files
// (equal totals, expression, change, revision, mirror) reads an observation
// that two files give.
const std::vector<migcheck::Input>& inputs() {
  static const std::string pop = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
  static const std::string first = pop + "KEN,2024,_T,_T,_T,10000\nKEN,2024,FOR,_T,_T,5000\nKEN,2024,UGA,_T,_T,300\n"
                                         "KEN,2023,FOR,_T,_T,1000\n";
  static const std::string again = pop + "KEN,2024,_T,_T,_T,9000\nKEN,2024,FOR,_T,_T,4500\nKEN,2024,UGA,_T,_T,200\n"
                                         "KEN,2023,FOR,_T,_T,1200\n";
  static const std::string last_year = pop + "KEN,2023,FOR,_T,_T,4000\nKEN,2023,_T,_T,_T,8000\n";
  static const std::string ctb = "REF_AREA,TIME_PERIOD,COUNTRY_OF_BIRTH,AGE,SEX,OBS_VALUE\nKEN,2024,_T,_T,_T,9500\n";
  static const std::string ref = "REF_AREA,TIME_PERIOD,COUNTRY_OF_ORIGIN,PROT_STATUS,SEX,OBS_VALUE\nKEN,2024,_T,REF,_T,4800\n";
  static const std::string abr = "REF_AREA,TIME_PERIOD,COUNTRY_OF_RESIDENCE,SEX,OBS_VALUE\nUGA,2024,KEN,_T,150\n";
  static const std::vector<migcheck::Input> all{{"ken-2024-pop_ctz.csv", first},
                                                {"ken-2024-pop_ctz-resent.csv", again},
                                                {"ken-2024-pop_ctb.csv", ctb},
                                                {"ken-2024-ref.csv", ref},
                                                {"uga-2024-abr.csv", abr},
                                                {"ken-2023-pop_ctz.csv", last_year, true}};
  return all;
}

// The report as JSON, its findings split as the report promises: each file's own, then those across files.
struct Parts {
  json report;
  std::map<std::string, json> own;  // file -> its findings, in order
  json across = json::array();
};

Parts parts(const migcheck::Report& r) {
  static const std::set<std::string> across_kinds{"equal_totals", "expression", "balance", "change", "mirror", "revision"};
  Parts p{json::parse(migcheck::report_json(r)), {}, json::array()};
  std::map<std::string, std::string> kind;
  for (const auto& rule : p.report["rules"]) kind[rule["rule"]] = rule["kind"];
  json in_order = json::array();
  for (const auto& f : p.report["files"]) p.own[f["file"]] = json::array();
  for (const auto& f : p.report["findings"])
    if (across_kinds.count(kind[f["rule"]])) p.across.push_back(f);
    else p.own[f["file"]].push_back(f);
  for (const auto& f : p.report["files"])
    for (const auto& finding : p.own[f["file"]]) in_order.push_back(finding);
  for (const auto& f : p.across) in_order.push_back(f);
  CHECK(p.report["findings"] == in_order);  // per file in file order, then across files
  return p;
}

}  // namespace

TEST_CASE("determinism: every order of the files gives the same findings, per file and across files", "[determinism]") {
  std::vector<std::size_t> order(inputs().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const Parts reference = parts(migcheck::validate(inputs(), bundled()));
  // Every check across files found something, so each of them is compared.
  std::set<std::string> across_rules;
  for (const auto& f : reference.across) across_rules.insert(f["rule"]);
  CHECK(across_rules == std::set<std::string>{"SAME_TOTALS", "REFUGEES_WITHIN_FOREIGNERS", "YEAR_ON_YEAR", "REVISIONS",
                                              "STOCK_MIRROR"});
  CHECK(reference.report["asymmetries"].size() == 1);

  std::size_t permutations = 0;
  while (std::next_permutation(order.begin(), order.end())) {
    std::vector<migcheck::Input> given;
    for (std::size_t i : order) given.push_back(inputs()[i]);
    const Parts p = parts(migcheck::validate(given, bundled()));
    std::vector<std::string> names;
    for (const auto& f : p.report["files"]) names.push_back(f["file"]);
    for (std::size_t k = 0; k < order.size(); ++k) REQUIRE(names[k] == inputs()[order[k]].name);
    INFO("order " << json(names).dump());
    REQUIRE(p.own == reference.own);
    REQUIRE(p.across == reference.across);
    for (const char* key : {"rules", "asymmetries", "summary"}) REQUIRE(p.report[key] == reference.report[key]);
    for (const auto& f : p.report["files"]) {
      const auto same = std::find_if(reference.report["files"].begin(), reference.report["files"].end(),
                                     [&](const json& g) { return g["file"] == f["file"]; });
      REQUIRE(*same == f);
    }
    ++permutations;
  }
  CHECK(permutations == 719);
}

TEST_CASE("determinism: of two files giving one observation, the checks across files use the first by name",
          "[determinism]") {
  // "ken-2024-pop_ctz-resent.csv" < "ken-2024-pop_ctz.csv" ('-' < '.'): its 9000 and 4500 are compared.
  const Parts p = parts(migcheck::validate(inputs(), bundled()));
  for (const auto& f : p.across) {
    if (f["rule"] == "SAME_TOTALS") {
      CHECK(f["file"] == "ken-2024-pop_ctb.csv");
      CHECK(f["related_cells"] == json::array({"[ken-2024-pop_ctz-resent.csv]ken-2024-pop_ctz-resent!F2"}));
      CHECK(f["expected"] == 9000);
    }
    if (f["rule"] == "REFUGEES_WITHIN_FOREIGNERS") CHECK(f["expected"] == 4500);
  }
  REQUIRE(p.report["asymmetries"].size() == 1);
  CHECK(p.report["asymmetries"][0]["reporter_value"] == 200);
}
