// The expression language (parse errors at the right character, checks
// against the rulebook) and the rule kinds that see every file: expression,
// balance, change; and the marker/status checks.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "migcheck/validate.hpp"
#include "rulebook/expression.hpp"
#include "test_support.hpp"

using nlohmann::json;
namespace expr = migcheck::expr;

namespace {

expr::ExpressionError parse_error(const std::string& text) {
  const auto parsed = expr::parse_expression(text);
  REQUIRE_FALSE(parsed.expression);
  return parsed.error;
}

// The bundled rulebook with its rules replaced by `rules`.
migcheck::RulebookLoad with_rules(const json& rules) {
  json j = json::parse(migcheck::bundled_rulebook_json());
  j["rules"] = rules;
  return migcheck::load_rulebook(j.dump());
}

json rule(const std::string& id, const std::string& kind, json params) {
  json r = {{"id", id},
            {"kind", kind},
            {"level", 2},
            {"severity", "warning"},
            {"label", {{"en", "test"}, {"fr", "test"}, {"ar", "test"}}},
            {"message", kind == "balance" ? "rule.balance" : kind == "change" ? "rule.change" : "rule.refugees_foreign"}};
  r.update(params);
  return r;
}

migcheck::Report validate_with(const json& r, const std::vector<migcheck::Input>& inputs) {
  static std::vector<migcheck::RulebookLoad> keep;  // rulebooks outlive the test's reports
  keep.push_back(with_rules(json::array({r})));
  const std::string first_problem = keep.back().problems.empty() ? "" : keep.back().problems.front().message;
  INFO(first_problem);
  REQUIRE(keep.back().ok());
  return migcheck::validate(inputs, *keep.back().rulebook);
}

const std::string kPop = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
const std::string kRef = "REF_AREA,TIME_PERIOD,COUNTRY_OF_ORIGIN,PROT_STATUS,SEX,OBS_VALUE\n";

}  // namespace

TEST_CASE("expressions: a well-formed expression parses into its parts", "[expression]") {
  const auto parsed = expr::parse_expression("REF[PROT_STATUS=REF, SEX=_T] <= sum(POP_CTZ[CITIZENSHIP=FOR], 2 * -3) / (1 + 1)");
  REQUIRE(parsed.expression);
  const auto& e = *parsed.expression;
  CHECK(e.comparison == expr::Comparison::less_equal);
  REQUIRE(e.slices.size() == 2);
  CHECK(e.slices[0].table == "REF");
  REQUIRE(e.slices[0].selectors.size() == 2);
  CHECK(e.slices[0].selectors[1].dimension == "SEX");
  CHECK(e.slices[0].selectors[1].code == "_T");
  CHECK(e.nodes[e.right].op == expr::Op::divide);
  const auto shifted = expr::parse_expression("POP_CTZ[TIME_PERIOD=t+1] == POP_CTZ[TIME_PERIOD=t - 2]");
  REQUIRE(shifted.expression);
  CHECK(shifted.expression->slices[0].selectors[0].relative_time);
  CHECK(shifted.expression->slices[0].selectors[0].time_offset == 1);
  CHECK(shifted.expression->slices[1].selectors[0].time_offset == -2);
}

TEST_CASE("expressions: parse errors say what was expected, at which character", "[expression]") {
  CHECK(expr::describe(parse_error("POP_CTZ = 3")) == "at character 9: use == to compare, not =");
  CHECK(expr::describe(parse_error("POP_CTZ 3")) ==
        "at character 9: expected a comparison (==, !=, <=, >=, <, >), found \"3\"");
  CHECK(expr::describe(parse_error("POP_CTZ[SEX=M == 1")) ==
        "at character 15: expected \",\" or \"]\" in the selector of POP_CTZ, found \"=\"");
  CHECK(expr::describe(parse_error("POP_CTZ[SEX] == 1")) == "at character 12: expected \"=\" after SEX, found \"]\"");
  CHECK(expr::describe(parse_error("(POP_CTZ == 1")) ==
        "at character 10: expected \")\" to close the \"(\" at character 1, found \"=\"");
  CHECK(expr::describe(parse_error("avg(POP_CTZ) == 1")) == "at character 1: unknown function \"avg\" (known: sum, abs, min, max)");
  CHECK(expr::describe(parse_error("POP_CTZ[SEX=*] == 1")) == "at character 1: POP_CTZ selects several values with *: wrap it in sum()");
  CHECK(expr::describe(parse_error("POP_CTZ[SEX=M,SEX=F] == 1")) == "at character 15: SEX is selected twice in POP_CTZ");
  CHECK(expr::describe(parse_error("POP_CTZ == 1 2")) == "at character 14: unexpected \"2\" after the right-hand side");
  CHECK(expr::describe(parse_error("POP_CTZ[TIME_PERIOD=t+] == 1")) ==
        "at character 23: expected a number of years after t+, found \"]\"");
  CHECK(expr::describe(parse_error("")) == "at character 1: expected a number, a table, a function or \"(\", found end of expression");
  CHECK(expr::describe(parse_error("1.2.3 == 1")) == "at character 1: malformed number \"1.2.3\"");
}

TEST_CASE("expressions: hostile input is bounded (length, nesting)", "[expression]") {
  const std::string deep = std::string(100, '(') + "1" + std::string(100, ')') + " == 1";
  CHECK(parse_error(deep).message == "the expression nests deeper than 64 levels");
  std::string negations(200, '-');
  CHECK(parse_error(negations + "1 == 1").message == "the expression nests deeper than 64 levels");
  const std::string shallow = std::string(60, '(') + "1" + std::string(60, ')') + " == 1";
  CHECK(expr::parse_expression(shallow).expression);
  const std::string long_text = "1 == 1" + std::string(5000, ' ');
  CHECK(parse_error(long_text).message == "the expression is longer than 4096 characters");
}

TEST_CASE("expressions: slices are checked against the rulebook when it loads", "[expression]") {
  auto problem_of = [](const std::string& text) {
    const auto load = with_rules(json::array({rule("X", "expression", {{"expression", text}})}));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].path == "/rules/0/expression");
    return load.problems[0].message;
  };
  CHECK(problem_of("POP[SEX=M] == 1") == "at character 1: unknown table \"POP\"");
  CHECK(problem_of("POP_CTZ[REASON=FAM] == 1") == "at character 9: table POP_CTZ has no dimension \"REASON\"");
  CHECK(problem_of("POP_CTZ[SEX=X] == 1") == "at character 9: \"X\" is not a code of SEX (CL_SEX)");
  CHECK(problem_of("POP_CTZ[TIME_PERIOD=_T] == 1") ==
        "at character 9: TIME_PERIOD takes t, t+N, t-N or a year, not \"_T\"");
  CHECK(problem_of("POP_CTZ[SEX=t] == 1") == "at character 9: t is for the time dimension, not SEX");
  CHECK(problem_of("POP_CTZ ==") ==
        "at character 11: expected a number, a table, a function or \"(\", found end of expression");
  const auto balance = with_rules(json::array({rule("B", "balance", {{"stock", "POP_CTZ"}, {"outflows", {"EMI_CTZ[SEX=Q]"}}})}));
  REQUIRE(balance.problems.size() == 1);
  CHECK(balance.problems[0].path == "/rules/0/outflows/0");
}

TEST_CASE("rules: expression, once per country and year, totals implied", "[expression][rules]") {
  const json refugees = rule("R", "expression", {{"expression", "REF[PROT_STATUS=REF] <= POP_CTZ[CITIZENSHIP=FOR]"}});
  const std::string pop = kPop + "KEN,2024,FOR,_T,_T,500\nKEN,2024,FOR,_T,M,260\nKEN,2023,FOR,_T,_T,480\n";
  SECTION("within the foreign population") {
    const auto r = validate_with(refugees, {{"ken-pop_ctz.csv", pop}, {"ken-ref.csv", kRef + "KEN,2024,_T,REF,_T,400\n"}});
    REQUIRE(r.rules.size() == 1);
    CHECK(r.rules[0].checked == 1);
    CHECK(r.rules[0].passed == 1);
    CHECK(r.rules[0].not_applicable == 1);  // 2023 has no refugee figure
    CHECK(r.findings.empty());
  }
  SECTION("more refugees than foreigners: at the refugee cell, the population cell related") {
    const auto r = validate_with(refugees, {{"ken-pop_ctz.csv", pop}, {"ken-ref.csv", kRef + "KEN,2024,_T,REF,_T,501\n"}});
    REQUIRE(r.findings.size() == 1);
    const auto& f = r.findings[0];
    CHECK(f.file == "ken-ref.csv");
    CHECK(f.table == "REF");
    CHECK(f.cell == "F2");
    CHECK(f.related_cells == std::vector<std::string>{"[ken-pop_ctz.csv]ken-pop_ctz!F2"});
    CHECK(f.actual == 501);
    CHECK(f.expected == 500);
    CHECK(f.message ==
          "In 2024, 501 recognised refugees (REF) are more than the whole foreign population (500, POP_CTZ); cell F2.");
    CHECK(f.key == std::vector<std::pair<std::string, std::string>>{{"TIME_PERIOD", "2024"}, {"REF_AREA", "KEN"}});
  }
  SECTION("a marker is missing: the check is skipped, or counted as zero") {
    const std::string pop_marker = kPop + "KEN,2024,FOR,_T,_T,..\n", ref = kRef + "KEN,2024,_T,REF,_T,3\n";
    const std::vector<migcheck::Input> inputs{{"ken-pop_ctz.csv", pop_marker}, {"ken-ref.csv", ref}};
    CHECK(validate_with(refugees, inputs).rules[0].not_applicable == 1);
    json zero = refugees;
    zero["missing"] = "treat_as_zero";
    const auto r = validate_with(zero, inputs);
    CHECK(r.rules[0].failed == 1);
    json all = refugees;
    all["missing"] = "skip_if_all_missing";
    CHECK(validate_with(all, inputs).rules[0].failed == 1);
  }
  SECTION("for_each, wildcards, time shifts and arithmetic") {
    const std::string sexes = kPop + "KEN,2024,UGA,_T,M,10\nKEN,2024,UGA,_T,F,12\nKEN,2024,SOM,_T,M,5\nKEN,2024,SOM,_T,F,1\n"
                                     "KEN,2023,UGA,_T,M,8\nKEN,2023,UGA,_T,F,20\n";
    // Per sex, this year's UGA is within 30 % of last year's: M 10 vs 8 passes, F 12 vs 20 fails.
    json r = rule("R", "expression", {{"expression", "abs(POP_CTZ[CITIZENSHIP=UGA] - POP_CTZ[CITIZENSHIP=UGA,TIME_PERIOD=t-1]) <= 0.3 * POP_CTZ[CITIZENSHIP=UGA,TIME_PERIOD=t-1]"},
                                      {"for_each", {"SEX"}}});
    const auto report = validate_with(r, {{"ken-pop_ctz.csv", sexes}});
    CHECK(report.rules[0].checked == 2);
    REQUIRE(report.rules[0].failed == 1);
    CHECK(report.findings[0].cell == "F3");
    CHECK(report.findings[0].related_cells == std::vector<std::string>{"ken-pop_ctz!F7"});
    // sum over every citizenship but the total, for each sex.
    // 2024: M 10 + 5 = 15 passes, F 12 + 1 = 13 fails; 2023: M 8 and F 20 fail.
    json sum = rule("S", "expression", {{"expression", "sum(POP_CTZ[CITIZENSHIP=*]) == 15"}, {"for_each", {"SEX"}}});
    const auto summed = validate_with(sum, {{"ken-pop_ctz.csv", sexes}});
    CHECK(summed.rules[0].passed == 1);
    CHECK(summed.rules[0].failed == 3);
  }
  SECTION("division by zero is not applicable, never a finding") {
    json r = rule("R", "expression", {{"expression", "REF[PROT_STATUS=REF] / POP_CTZ[CITIZENSHIP=FOR] < 0.5"}});
    const auto report = validate_with(r, {{"ken-pop_ctz.csv", kPop + "KEN,2024,FOR,_T,_T,0\n"}, {"ken-ref.csv", kRef + "KEN,2024,_T,REF,_T,3\n"}});
    CHECK(report.rules[0].not_applicable == 1);
    CHECK(report.findings.empty());
  }
}

TEST_CASE("rules: balance of a stock and its flows across two years' files", "[expression][rules]") {
  const json balance = rule("B", "balance", {{"stock", "POP_CTZ[CITIZENSHIP=FOR]"},
                                             {"inflows", {"IMM_CTZ[CITIZENSHIP=FOR]"}},
                                             {"outflows", {"EMI_CTZ[CITIZENSHIP=FOR]", "ACQ"}},
                                             {"missing", "skip_if_all_missing"},
                                             {"tolerance", {{"relative", 0.05}}}});
  const std::string y2023 = "ken-2023-pop_ctz.csv", y2024 = "ken-2024-pop_ctz.csv";
  const std::string stock = kPop + "KEN,2023,FOR,_T,_T,1000\n";
  const std::string flows = kPop + "KEN,2023,FOR,_T,_T,100\n";
  const std::string emi = kPop + "KEN,2023,FOR,_T,_T,30\n";
  std::string next_stock;  // Input holds views: the texts must outlive the call
  auto inputs = [&](const std::string& next) {
    next_stock = kPop + "KEN,2024,FOR,_T,_T," + next + "\n";
    return std::vector<migcheck::Input>{{y2023, stock},
                                        {"ken-2023-imm_ctz.csv", flows},
                                        {"ken-2023-emi_ctz.csv", emi},
                                        {y2024, next_stock}};
  };
  SECTION("1000 + 100 - 30 = 1070; 1100 is within 5 %") {
    const auto r = validate_with(balance, inputs("1100"));
    CHECK(r.rules[0].checked == 1);
    CHECK(r.rules[0].passed == 1);
    CHECK(r.rules[0].not_applicable == 1);  // 2024 has no 2025 to compare with
  }
  SECTION("1200 is not: a finding at the 2024 stock, with the 2023 cells related") {
    const auto r = validate_with(balance, inputs("1200"));
    REQUIRE(r.findings.size() == 1);
    const auto& f = r.findings[0];
    CHECK(f.file == y2024);
    CHECK(f.cell == "F2");
    CHECK(f.expected == 1070);
    CHECK(f.actual == 1200);
    CHECK(f.related_cells == std::vector<std::string>{"[ken-2023-pop_ctz.csv]ken-2023-pop_ctz!F2",
                                                      "[ken-2023-imm_ctz.csv]ken-2023-imm_ctz!F2",
                                                      "[ken-2023-emi_ctz.csv]ken-2023-emi_ctz!F2"});
    CHECK(f.message ==
          "The foreign population of 2024 (1200) does not follow from 2023: 1000 + 100 immigrants − 30 emigrants and "
          "acquisitions of citizenship = 1070 (difference 130); cell F2.");
  }
  SECTION("without the stock of either year there is nothing to check") {
    auto only = inputs("1200");
    only.pop_back();
    const auto r = validate_with(balance, only);
    CHECK(r.rules[0].checked == 0);
    CHECK(r.findings.empty());
  }
}

TEST_CASE("rules: change from one year to the next", "[expression][rules]") {
  const json change = rule("C", "change", {{"threshold", 0.5}, {"min_base", 100}});
  const std::string csv = kPop + "KEN,2023,UGA,_T,_T,1000\nKEN,2024,UGA,_T,_T,1400\n"  // +40 %: passes
                                 "KEN,2023,SOM,_T,_T,1000\nKEN,2024,SOM,_T,_T,1600\n"  // +60 %: fails
                                 "KEN,2023,COD,_T,_T,10\nKEN,2024,COD,_T,_T,60\n"      // small: not applicable
                                 "KEN,2022,SSD,_T,_T,500\nKEN,2024,SSD,_T,_T,5000\n"   // two years apart: +900 %
                                 "KEN,2015,ERI,_T,_T,500\nKEN,2020,ERI,_T,_T,1500\n";  // five years: +200 %, under 250 %
  SECTION("in one file") {
    const auto r = validate_with(change, {{"ken-pop_ctz.csv", csv}});
    CHECK(r.rules[0].checked == 4);
    CHECK(r.rules[0].not_applicable == 1);
    REQUIRE(r.findings.size() == 2);
    // Years apart are compared with the nearest earlier year given, the threshold scaled by the gap.
    CHECK(r.findings[1].cell == "F9");
    CHECK(r.findings[1].message ==
          "Usually resident population by citizenship, age and sex (Citizenship: South Sudan; Age: Total; Sex: Total; "
        "Reporting country: Kenya): from 500 in 2022 to 5000 in 2024 (+900 %), 2 years apart: more than the 100 % "
        "allowed over 2 years; cell F9.");
    CHECK(r.findings[0].cell == "F5");
    CHECK(r.findings[0].related_cells == std::vector<std::string>{"ken-pop_ctz!F4"});
    CHECK(r.findings[0].message ==
          "Usually resident population by citizenship, age and sex (Citizenship: Somalia; Age: Total; Sex: Total; "
        "Reporting country: Kenya): from 1000 in 2023 to 1600 in 2024 (+60 %), a change of more than 50 %; cell F5.");
  }
  SECTION("across last year's and this year's returns") {
    const auto r = validate_with(change, {{"ken-2024-pop_ctz.csv", kPop + "KEN,2024,SOM,_T,_T,100\n"},
                                          {"ken-2023-pop_ctz.csv", kPop + "KEN,2023,SOM,_T,_T,1000\n"}});
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].file == "ken-2024-pop_ctz.csv");
    CHECK(r.findings[0].related_cells == std::vector<std::string>{"[ken-2023-pop_ctz.csv]ken-2023-pop_ctz!F2"});
    CHECK(r.findings[0].params[6].second == "-90");
  }
}

TEST_CASE("rules: markers, flags and statuses agree (check 13)", "[expression][rules]") {
  const std::string header = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE,OBS_STATUS\n";
  const std::string csv = header + "KEN,2024,UGA,_T,M,10e,A\n"  // flag says E, column says A
                                   "KEN,2024,UGA,_T,F,..,O\n"    // agree
                                   "KEN,2024,SOM,_T,M,12,O\n"    // a number with status missing
                                   "KEN,2024,SOM,_T,F,7e,E\n";   // agree
  const auto r = migcheck::validate({{"ken-pop_ctz.csv", csv}}, bundled());
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& f : r.findings)
    if (f.rule == "MARKER_AGREES_WITH_STATUS" || f.rule == "NUMBER_HAS_VALUE_STATUS") found.emplace_back(f.rule, f.cell);
  CHECK(found == std::vector<std::pair<std::string, std::string>>{{"MARKER_AGREES_WITH_STATUS", "F2"},
                                                                  {"NUMBER_HAS_VALUE_STATUS", "F4"}});
  for (const auto& f : r.findings)
    if (f.rule == "MARKER_AGREES_WITH_STATUS")
      CHECK(f.message == "In POP_CTZ, cell F2 is marked with status E, but its status column says A; the two must agree.");
}

TEST_CASE("rules: mirrors across countries, and the asymmetry matrix", "[expression][rules]") {
  const std::string imm = "REF_AREA,TIME_PERIOD,PREV_RESIDENCE,SEX,OBS_VALUE\n"
                          "UGA,2024,KEN,_T,1000\nUGA,2024,RWA,_T,50\nUGA,2024,KEN,M,600\n";
  const std::string emi_close = "REF_AREA,TIME_PERIOD,NEXT_RESIDENCE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,900\n";
  const std::string emi_far = "REF_AREA,TIME_PERIOD,NEXT_RESIDENCE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,700\n";
  auto mirror_findings = [](const migcheck::Report& r) {
    std::vector<const migcheck::Finding*> out;
    for (const auto& f : r.findings)
      if (f.rule == "FLOW_MIRROR") out.push_back(&f);
    return out;
  };
  SECTION("within 20 %: no finding, but the pair is in the matrix") {
    const auto r = migcheck::validate({{"uga-2024-imm_prev.csv", imm}, {"ken-2024-emi_next.csv", emi_close}}, bundled());
    CHECK(mirror_findings(r).empty());
    REQUIRE(r.asymmetries.size() == 1);  // RWA's return is not in the dataset: no pair
    CHECK(r.asymmetries[0].rule == "FLOW_MIRROR");
    CHECK(r.asymmetries[0].reporter == "UGA");
    CHECK(r.asymmetries[0].partner == "KEN");
    CHECK(r.asymmetries[0].reporter_value == 1000);
    CHECK(r.asymmetries[0].partner_value == 900);
  }
  SECTION("beyond 20 %: a warning at the receiving country's cell, the sender's related") {
    const auto r = migcheck::validate({{"uga-2024-imm_prev.csv", imm}, {"ken-2024-emi_next.csv", emi_far}}, bundled());
    const auto found = mirror_findings(r);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->severity == migcheck::Severity::warning);
    CHECK(found[0]->level == 3);
    CHECK(found[0]->file == "uga-2024-imm_prev.csv");
    CHECK(found[0]->cell == "E2");
    CHECK(found[0]->related_cells == std::vector<std::string>{"[ken-2024-emi_next.csv]ken-2024-emi_next!E2"});
    CHECK(found[0]->message ==
          "UGA counts 1000 immigrants from KEN in 2024, but KEN counts 700 emigrants to UGA (difference 300); cell E2.");
  }
  SECTION("a partner silent about a country whose return is there: an empty side in the matrix") {
    const std::string emi_other = "REF_AREA,TIME_PERIOD,NEXT_RESIDENCE,SEX,OBS_VALUE\nKEN,2024,TZA,_T,80\n";
    const auto r = migcheck::validate({{"uga-2024-imm_prev.csv", imm}, {"ken-2024-emi_next.csv", emi_other}}, bundled());
    REQUIRE(r.asymmetries.size() == 1);
    CHECK(r.asymmetries[0].reporter_value == 1000);
    CHECK_FALSE(r.asymmetries[0].partner_value);
    CHECK(mirror_findings(r).empty());
  }
}

TEST_CASE("rules: last year's return (--previous): revisions and changes, its own findings not reported",
          "[expression][rules]") {
  // Last year's return has an additivity error of its own (10 + 12 != 23): not reported now.
  const std::string last = kPop + "KEN,2023,UGA,_T,M,10\nKEN,2023,UGA,_T,F,12\nKEN,2023,UGA,_T,_T,23\n"
                                  "KEN,2023,SOM,_T,_T,5000\n";
  // This year's return revises 2023's SOM figure and reports 2024.
  const std::string now = kPop + "KEN,2023,SOM,_T,_T,5200\nKEN,2024,SOM,_T,_T,9000\n";
  migcheck::Input previous{"ken-2023-pop_ctz.csv", last, true};
  const auto r = migcheck::validate({{"ken-2024-pop_ctz.csv", now}, previous}, bundled());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].previous);
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& f : r.findings)
    if (f.rule != "COMPLETE") found.emplace_back(f.rule, f.file + "!" + f.cell);
  // The revision of 2023, and the change from the revised 5200 (this file) to 9000 (+73 %).
  CHECK(found == std::vector<std::pair<std::string, std::string>>{{"YEAR_ON_YEAR", "ken-2024-pop_ctz.csv!F3"},
                                                                  {"REVISIONS", "ken-2024-pop_ctz.csv!F2"}});
  for (const auto& f : r.findings)
    if (f.rule == "REVISIONS") {
      CHECK(f.related_cells == std::vector<std::string>{"[ken-2023-pop_ctz.csv]ken-2023-pop_ctz!F5"});
      CHECK(f.message == "Usually resident population by citizenship, age and sex (Citizenship: Somalia; Age: Total; Sex: Total; "
        "Time period: 2023; Reporting country: Kenya): 5000 in last year's return (ken-2023-pop_ctz.csv), 5200 now "
        "(difference 200); cell F2.");
    }
  for (const auto& f : r.findings) {
    CHECK(f.file != "ken-2023-pop_ctz.csv");
    if (f.rule == "YEAR_ON_YEAR") CHECK(f.expected == 5200);  // the revised figure, not last year's
  }
}
