// Recognition: the same return in every layout, language and format gives
// the same observations, as listed by the oracle its generator wrote.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "migcheck/read.hpp"
#include "migcheck/recognition.hpp"
#include "recognition/matcher.hpp"
#include "test_support.hpp"
#include "util/normalize.hpp"

using nlohmann::json;

namespace {



struct Obs {
  std::string value, obs_status, conf_status;
  bool operator==(const Obs& o) const { return value == o.value && obs_status == o.obs_status && conf_status == o.conf_status; }
};
std::ostream& operator<<(std::ostream& os, const Obs& o) {
  return os << "{" << o.value << " " << o.obs_status << " " << o.conf_status << "}";
}

std::string number_text(double v) {
  if (std::isnan(v)) return "null";
  std::ostringstream ss;
  ss << v;
  return ss.str();
}

// table -> "DIM=CODE|..." (the table's own dimensions, in order) -> observation
using ObservationSet = std::map<std::string, std::map<std::string, Obs>>;

ObservationSet from_oracle(const json& oracle) {
  ObservationSet out;
  for (auto t = oracle.at("tables").begin(); t != oracle.at("tables").end(); ++t) {
    const auto* table = bundled().table(t.key());
    REQUIRE(table != nullptr);
    for (const auto& o : t.value()) {
      std::string key;
      for (const auto& d : table->dimensions) key += d + "=" + o.at("key").at(d).get<std::string>() + "|";
      out[t.key()][key] = {o.at("value").is_null() ? "null" : number_text(o.at("value").get<double>()),
                           o.at("obs_status"), o.at("conf_status")};
    }
  }
  return out;
}

ObservationSet from_recognition(const migcheck::Recognition& rec, const std::string& country, const std::string& year) {
  ObservationSet out;
  for (const auto& t : rec.tables) {
    const auto* table = bundled().table(t.table);
    REQUIRE(table != nullptr);
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::string key;
      for (std::size_t d = 0; d < t.dimensions.size(); ++d) {
        if (d < table->dimensions.size()) key += t.dimensions[d] + "=" + t.code(i, d) + "|";
        else if (t.dimensions[d] == "TIME_PERIOD") CHECK(t.code(i, d) == year);
        else if (t.dimensions[d] == "REF_AREA") CHECK(t.code(i, d) == country);
      }
      out[t.table][key] = {number_text(t.values[i]), t.symbols[t.obs_status[i]], t.symbols[t.conf_status[i]]};
    }
  }
  return out;
}

void check_against_oracle(const std::string& oracle_name) {
  const std::string dir = std::string(MIGCHECK_FIXTURES) + "/returns/";
  const json oracle = json::parse(slurp(dir + "expected/" + oracle_name));
  const ObservationSet expected = from_oracle(oracle);
  const std::string country = oracle.at("reporting_country");
  const std::string year = std::to_string(oracle.at("reference_year").get<int>());
  REQUIRE(oracle.at("files").size() >= 1);
  for (const auto& f : oracle.at("files")) {
    const std::string file = f.get<std::string>();
    DYNAMIC_SECTION(file) {
      const std::string bytes = slurp(dir + file);
      REQUIRE_FALSE(bytes.empty());
      const auto read = migcheck::read_workbook(bytes, file);
      REQUIRE(read.ok());
      auto rec = migcheck::recognise(read.value(), bundled());
      const bool csv = read.value().format == migcheck::FileFormat::csv;
      if (!csv) {
        CHECK(rec.reporting_country == country);
        CHECK(rec.reference_year == year);
      }
      // The fixture return holds three tables, so the other required ones are missing.
      for (const auto& finding : rec.findings) {
        if (finding.rule == "table.missing") {
          CHECK((finding.table == "POP_CTB" || finding.table == "EMI_CTZ"));
          continue;
        }
        INFO(finding.rule << " " << finding.sheet << "!" << finding.cell << ": " << finding.message);
        CHECK(finding.severity != migcheck::Severity::error);
      }
      const ObservationSet got = from_recognition(rec, country, year);
      for (const auto& [table, observations] : expected) {
        // A CSV file holds one table: the one its name gives.
        if (csv && !bundled().table(table)) continue;
        if (csv && got.count(table) == 0) continue;
        INFO("table " << table);
        REQUIRE(got.count(table) == 1);
        const auto& mine = got.at(table);
        for (const auto& [key, obs] : observations) {
          INFO("observation " << key);
          REQUIRE(mine.count(key) == 1);
          CHECK(mine.at(key) == obs);
        }
        CHECK(mine.size() == observations.size());
      }
      if (csv) CHECK(got.size() == 1);
      else CHECK(got.size() == expected.size());
    }
  }
}

}  // namespace

TEST_CASE("recognition: one return, every layout, language and format, same observations", "[recognition]") {
  check_against_oracle("ken-2024.observations.json");
}

TEST_CASE("recognition: the messy return reads into its own oracle", "[recognition]") {
  check_against_oracle("ken-2024-mess.observations.json");
}

TEST_CASE("recognition: labels match whatever the case, accents, spaces or apostrophes", "[recognition]") {
  using migcheck::util::normalize_label;
  CHECK(normalize_label("  Côte d’Ivoire ") == "cote d'ivoire");
  CHECK(normalize_label("SEXE :") == "sexe");
  CHECK(normalize_label("1\u00a0234") == "1 234");
  CHECK(normalize_label("\u2026") == "...");
  CHECK(normalize_label("..") == "..");
  const migcheck::recognition::Matcher matcher(bundled());
  // Arabic: hamza forms, ta marbuta, alef maqsura, diacritics, tatweel and bidi marks do not matter;
  // Arabic-Indic and Eastern Arabic-Indic digits and the Arabic separators are the Latin ones.
  CHECK(normalize_label("إجمالي") == normalize_label("اجمالى"));  // hamza on alef, alef maqsura
  CHECK(normalize_label("الجنسية") == normalize_label("الجنسيه"));  // ta marbuta
  CHECK(normalize_label("ذكــور") == normalize_label("ذُكُور"));  // tatweel, damma
  CHECK(normalize_label("\u200f٢٠٢٤\u200f") == "2024");  // right-to-left marks around the year
  CHECK(normalize_label("۱۲٬۳۴۵") == "12,345");
  CHECK(normalize_label("١٢٫٥") == "12.5");
  CHECK(matcher.parse_text_value("١٢٬٣٤٥").kind == migcheck::recognition::ParsedValue::Kind::number);
  CHECK(matcher.parse_text_value("١٢٬٣٤٥").number == 12345);
  CHECK(matcher.parse_text_value("١٢،٣٤٥").number == 12345);  // the Arabic comma typed as a separator
  CHECK(matcher.parse_text_value("۴۵۶").number == 456);
  const auto* sex = matcher.codes_for("SEX");
  REQUIRE(sex != nullptr);
  CHECK(sex->match("Hommes")->id == "M");
  CHECK(sex->match("FÉMININ")->id == "F");
  CHECK(sex->match("Ensemble")->id == "_T");
  CHECK(sex->match("Non déclaré")->id == "_U");
  CHECK(sex->match("Martians") == nullptr);
  const auto* age = matcher.codes_for("AGE");
  CHECK(age->match("0-4")->id == "Y0T4");
  CHECK(age->match("0 à 4 ans")->id == "Y0T4");
  CHECK(age->match("85+")->id == "Y_GE85");
  CHECK(age->match("85 ans et plus")->id == "Y_GE85");
  CHECK(age->match("15 to 64 years")->id == "Y15T64");
  // Arabic age bands, in Arabic-Indic digits too; a band that includes its bound ("14 and under",
  // "14 سنة فأقل") is not read as "under 14", and "15 فما دون" (0-15) is no band of the list.
  CHECK(age->match("من ٠ إلى ٤")->id == "Y0T4");
  CHECK(age->match("٨٥ سنة فأكثر")->id == "Y_GE85");
  CHECK(age->match("أقل من ١٥")->id == "Y_LT15");
  CHECK(age->match("14 and under")->id == "Y_LT15");
  CHECK(age->match("14 سنة فأقل")->id == "Y_LT15");
  CHECK(age->match("15 فما دون") == nullptr);
  CHECK(age->match("Up to 14 years")->id == "Y_LT15");
  CHECK(age->match("حتى 14 سنة")->id == "Y_LT15");
  // A footnote mark after a word is no letter of it; an Arabic letter is.
  CHECK(age->match("65 and over\u00b9")->id == "Y_GE65");
  CHECK(migcheck::recognition::contains_word("kenya\u2020 2024", "kenya"));
  CHECK_FALSE(migcheck::recognition::contains_word("\u0645\u0635\u0631\u0641", "\u0645\u0635\u0631"));  // مصر in مصرف
  // Two languages in one cell (Tunisia, Djibouti): every part must name the same thing.
  CHECK(sex->match("ذكور / Hommes")->id == "M");
  CHECK(sex->match("المجموع\nTotal")->id == "_T");
  CHECK(sex->match("ذكور / Femmes") == nullptr);
  CHECK(matcher.header("الجنس / Sexe")->id == "SEX");
  CHECK(matcher.header("الجنسية / Nationalité")->id == "CITIZENSHIP");
  CHECK_FALSE(matcher.header("Sex / territory of birth").has_value());
  CHECK(age->match("Under 15")->id == "Y_LT15");
  const auto* ctz = matcher.codes_for("CITIZENSHIP");
  CHECK(ctz->match("Cote d'Ivoire")->id == "CIV");
  CHECK(ctz->match("Ivory Coast")->id == "CIV");
  CHECK(ctz->match("RD Congo")->id == "COD");
  CHECK(ctz->match("404")->id == "KEN");
  CHECK(ctz->match("ken")->id == "KEN");
  const auto s = ctz->suggestions("Kenia", "en");
  REQUIRE_FALSE(s.empty());
  CHECK(s.front() == "KEN (Kenya)");
}

TEST_CASE("recognition: values, markers and flags", "[recognition]") {
  const migcheck::recognition::Matcher matcher(bundled());
  using Kind = migcheck::recognition::ParsedValue::Kind;
  auto number = [&](const char* text) {
    const auto v = matcher.parse_text_value(text);
    REQUIRE(v.kind == Kind::number);
    return v.number;
  };
  CHECK(number("1 234") == 1234);
  CHECK(number("1\u00a0234") == 1234);
  CHECK(number("1\u202f234") == 1234);
  CHECK(number("1,234") == 1234);
  CHECK(number("1,234,567") == 1234567);
  CHECK(number("12,5") == 12.5);
  CHECK(number("-3") == -3);
  CHECK(matcher.parse_text_value("1 234e").flag->obs_status == "E");
  CHECK(matcher.parse_text_value("1 234 (p)").flag->obs_status == "P");
  CHECK(matcher.parse_text_value("..").marker->id == "NOT_AVAILABLE");
  CHECK(matcher.parse_text_value("\u2026").marker->id == "NOT_AVAILABLE");
  CHECK(*matcher.parse_text_value("-").marker->value == 0);
  CHECK(matcher.parse_text_value("x").marker->conf_status == "C");
  CHECK(matcher.parse_text_value("n/a").marker->obs_status == "M");
  CHECK(matcher.parse_text_value("twelve").kind == Kind::invalid);
  CHECK(matcher.parse_text_value("1,23,4").kind == Kind::invalid);
}

namespace {
migcheck::Recognition recognise_csv(const std::string& text, const std::string& name, const std::string& lang = "en") {
  const auto read = migcheck::read_csv(text, name);
  REQUIRE(read.ok());
  migcheck::RecogniseOptions options;
  options.language = lang;
  return migcheck::recognise(read.value(), bundled(), options);
}
const migcheck::Finding* find_rule(const migcheck::Recognition& rec, const std::string& rule) {
  for (const auto& f : rec.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}
}  // namespace

TEST_CASE("recognition: where the table, country and year come from", "[recognition]") {
  SECTION("a TABLE column names the table") {
    const auto rec = recognise_csv("TABLE,CITIZENSHIP,AGE,SEX,OBS_VALUE,REF_AREA,TIME_PERIOD\nEMI_CTZ,UGA,_T,_T,120,KEN,2024\n", "data.csv");
    REQUIRE(rec.tables.size() == 1);
    CHECK(rec.tables[0].table == "EMI_CTZ");
    CHECK(rec.tables[0].code(0, 3) == "2024");
    CHECK(rec.tables[0].code(0, 4) == "KEN");
    CHECK(rec.findings.empty());
  }
  SECTION("the title gives the country and the year; the file name the table") {
    const auto rec = recognise_csv("Kenya: immigrants by citizenship, 2023\n\nCitizenship,Age,Sex,Value\nUganda,Total,Total,12\n",
                                   "x-imm_ctz.csv");
    REQUIRE(rec.tables.size() == 1);
    CHECK(rec.tables[0].table == "IMM_CTZ");
    CHECK(rec.tables[0].code(0, 3) == "2023");
    CHECK(rec.tables[0].code(0, 4) == "KEN");
    CHECK(rec.sheets[0].skipped_rows == std::vector<std::uint32_t>{0});
  }
  SECTION("dimensions shared by several tables, and nothing names one") {
    const auto rec = recognise_csv("Citizenship,Age,Sex,Value\nUganda,Total,Total,12\n", "data.csv");
    CHECK(rec.tables.empty());
    REQUIRE(rec.sheets.size() == 1);
    CHECK(rec.sheets[0].role == migcheck::SheetRole::unrecognised);
    const auto* f = find_rule(rec, "sheet.unrecognised");
    REQUIRE(f != nullptr);
    CHECK(f->severity == migcheck::Severity::warning);
    CHECK(rec.sheets[0].why.find("several tables have these dimensions (POP_CTZ, IMM_CTZ, EMI_CTZ") == 0);
  }
  SECTION("dimensions named, but no layout fits") {
    const auto rec = recognise_csv("Citizenship,Age,Sex,Remarks\nUganda,Total,Total,fine\n", "ken-pop_ctz.csv");
    CHECK(rec.sheets[0].role == migcheck::SheetRole::unrecognised);
    const auto* f = find_rule(rec, "layout.ambiguous");
    REQUIRE(f != nullptr);
    CHECK(f->cell == "A1");
    CHECK(rec.sheets[0].why == "row 1 names dimensions, but has neither a value column nor column headers that are codes");
  }
  SECTION("the rulebook's codes sheet is a reference, not a table to check") {
    const auto rec = recognise_csv("Code list,Code,Label\nCL_SEX,M,Male\nCL_SEX,F,Female\n", "Lists of codes.csv");
    REQUIRE(rec.sheets.size() == 1);
    CHECK(rec.sheets[0].role == migcheck::SheetRole::codes);
    CHECK(rec.tables.empty());
    CHECK(find_rule(rec, "sheet.unrecognised") == nullptr);
  }
  SECTION("no header row at all") {
    const auto rec = recognise_csv("hello,world\n1,2\n", "notes.csv");
    CHECK(rec.sheets[0].role == migcheck::SheetRole::unrecognised);
    CHECK(rec.sheets[0].why == "no header row naming the table's dimensions was found in the first 50 rows");
  }
}

TEST_CASE("recognition: unknown labels and values are findings at their cells", "[recognition]") {
  const auto rec = recognise_csv(
      "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,Kenia,_T,_T,5\nKEN,2024,UGA,_T,Martian,6\n"
      "KEN,2024,UGA,_T,M,lots\n",
      "ken-pop_ctz.csv", "fr");
  REQUIRE(rec.tables.size() == 1);
  CHECK(rec.tables[0].size() == 0);
  std::vector<std::string> seen;
  for (const auto& f : rec.findings) seen.push_back(f.rule + " " + f.cell);
  CHECK(seen == std::vector<std::string>{"label.unknown C2", "label.unknown E3", "value.not_number F4"});
  const auto* unknown = find_rule(rec, "label.unknown");
  CHECK(unknown->severity == migcheck::Severity::error);
  CHECK(unknown->table == "POP_CTZ");
  bool suggested = false;
  for (const auto& [k, v] : unknown->params) suggested = suggested || (k == "suggestions" && v.find("KEN (Kenya)") == 0);
  CHECK(suggested);
  CHECK(unknown->message.find("Kenia") != std::string::npos);  // rendered in French from the rulebook
}

TEST_CASE("recognition: a two-row crosstab header keeps each row's dimension, totals included", "[recognition]") {
  // "_T" is a code of AGE and of SEX: under the sexes it is the sex total, not a second age.
  for (const char* csv : {"REF_AREA,TIME_PERIOD,CITIZENSHIP,Y0T4,Y0T4,Y0T4,_T,_T,_T\n,,,M,F,_T,M,F,_T\nKEN,2024,_T,3,4,7,3,4,7\n",
                          "REF_AREA,TIME_PERIOD,CITIZENSHIP,0-4,0-4,0-4,Total,Total,Total\n"
                          ",,,Male,Female,Total,Male,Female,Total\nKEN,2024,Total,3,4,7,3,4,7\n"}) {
    INFO(csv);
    const auto rec = recognise_csv(csv, "imm_ctz.csv");
    REQUIRE(rec.sheets.size() == 1);
    CHECK(rec.sheets[0].layout == migcheck::Layout::wide);
    std::vector<std::string> targets;
    for (const auto& c : rec.sheets[0].columns)
      if (c.role == "value") targets.push_back(c.target);
    CHECK(targets == std::vector<std::string>{"AGE=Y0T4,SEX=M", "AGE=Y0T4,SEX=F", "AGE=Y0T4,SEX=_T", "AGE=_T,SEX=M",
                                              "AGE=_T,SEX=F", "AGE=_T,SEX=_T"});
    REQUIRE(rec.tables.size() == 1);
    CHECK(rec.tables[0].size() == 6);
  }
}
