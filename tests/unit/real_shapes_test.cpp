// The shapes real returns take (issue 12): countries listed with no FOR row,
// an "Other countries" row, no row for the reporting country where it is
// excluded, cells that could not be read. Each case is what a statistician
// would accept or reject, written before the rules were changed.
#include <algorithm>
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "migcheck/validate.hpp"
#include "test_support.hpp"
#include "workbook_builder.hpp"

namespace {

migcheck::Report check_csv(const std::string& csv, const std::string& name = "ken-imm_prev.csv") {
  return migcheck::validate({{name, csv}}, bundled());
}


const std::string kPrev = "REF_AREA,TIME_PERIOD,PREV_RESIDENCE,SEX,OBS_VALUE\n";

// Kenya's immigrants by previous residence and sex: every country listed,
// an unknown row and a total, but no FOR row and no row for Kenya.
std::string countries_without_for(const std::string& total_m = "230") {
  return kPrev +
         "KEN,2024,UGA,M,100\nKEN,2024,UGA,F,90\nKEN,2024,UGA,_T,190\n"
         "KEN,2024,TZA,M,120\nKEN,2024,TZA,F,80\nKEN,2024,TZA,_T,200\n"
         "KEN,2024,_U,M,10\nKEN,2024,_U,F,5\nKEN,2024,_U,_T,15\n"
         "KEN,2024,_T,M," + total_m + "\nKEN,2024,_T,F,175\nKEN,2024,_T,_T,405\n";
}

}  // namespace

TEST_CASE("additivity: listed countries stand for an absent FOR row", "[rules][shapes]") {
  SECTION("a clean return passes") {
    const auto r = check_csv(countries_without_for());
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(r.errors == 0);
  }
  SECTION("a wrong total is found at its cell, the countries among its parts") {
    const auto r = check_csv(countries_without_for("231"));
    const auto found = of_rule(r, "ADDITIVITY");
    REQUIRE(found.size() == 2);  // men's total, and the total of both sexes by country
    const auto* men = found[0]->cell == "E11" ? found[0] : found[1];
    CHECK(men->cell == "E11");
    CHECK(*men->expected == 230);
    CHECK(*men->actual == 231);
    CHECK(men->related_cells == std::vector<std::string>{"E2", "E5", "E8"});
  }
  SECTION("an Other countries row is one of the foreign countries") {
    const std::string csv = kPrev +
                            "KEN,2024,UGA,_T,100\nKEN,2024,Other countries,_T,40\nKEN,2024,FOR,_T,140\n"
                            "KEN,2024,_U,_T,5\nKEN,2024,_T,_T,145\n";
    const auto r = check_csv(csv);
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(of_rule(r, "label.unknown").empty());
  }
  SECTION("the reporting country's own code stands for NAT") {
    const std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n"
                            "KEN,2024,KEN,_T,_T,1000\nKEN,2024,UGA,_T,_T,30\nKEN,2024,SOM,_T,_T,20\n"
                            "KEN,2024,_T,_T,_T,1050\n";
    const auto r = check_csv(csv, "ken-pop_ctz.csv");
    CHECK(of_rule(r, "ADDITIVITY").empty());
  }
}

TEST_CASE("additivity: a total whose breakdown holds an unread cell is not checkable", "[rules][shapes]") {
  const std::string csv = kPrev + "KEN,2024,UGA,_T,100\nKEN,2024,Atlantis,_T,40\nKEN,2024,_T,_T,140\n";
  const auto r = check_csv(csv);
  const auto found = of_rule(r, "ADDITIVITY");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == migcheck::Severity::info);
  CHECK(found[0]->message_key == "rule.not_checkable");
  CHECK(found[0]->cell == "E4");
  CHECK(found[0]->related_cells == std::vector<std::string>{"E3"});
  CHECK(of_rule(r, "label.unknown").size() == 1);
}

TEST_CASE("suggestions for an unknown label are categories, never aggregates", "[recognition][shapes]") {
  const auto r = check_csv(kPrev + "KEN,2024,Totl,_T,100\n");
  const auto found = of_rule(r, "label.unknown");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message.find("_T") == std::string::npos);
  CHECK(found[0]->message.find("FOR") == std::string::npos);
}

TEST_CASE("completeness agrees with the exclusions and the hierarchies", "[rules][shapes]") {
  SECTION("no NAT row where it is excluded, no FOR row where the countries are listed") {
    const auto r = check_csv(countries_without_for());
    CHECK(of_rule(r, "COMPLETE").size() == 1);  // the info that FOR is derived
    CHECK(of_rule(r, "COMPLETE")[0]->severity == migcheck::Severity::info);
    CHECK(of_rule(r, "COMPLETE")[0]->message_key == "rule.derived");
  }
  SECTION("a sex breakdown missing from every row is one finding, not one per cell") {
    std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
    for (const char* country : {"KEN", "UGA", "TZA", "_T"}) {
      for (const char* age : {"Y_LT15", "Y15T64", "Y_GE65", "_T"})
        csv += std::string("KEN,2024,") + country + "," + age + ",_T,1\n";
    }
    // Women are given for one age only: the men are missing everywhere.
    csv += "KEN,2024,KEN,Y_LT15,F,1\n";
    const auto r = check_csv(csv, "ken-pop_ctz.csv");
    std::size_t breakdowns = 0;
    for (const auto* f : of_rule(r, "COMPLETE"))
      if (f->message_key == "rule.incomplete_breakdown") {
        ++breakdowns;
        CHECK(f->message.find("Sex M") != std::string::npos);  // the dimension in words, the codes as given
        CHECK(std::find(f->params.begin(), f->params.end(), std::make_pair(std::string("dimension"), std::string("SEX"))) !=
              f->params.end());
      }
    CHECK(breakdowns == 1);
  }
}

namespace {
migcheck::Report check_in(const std::string& name, const std::string& bytes, const std::string& lang) {
  migcheck::ValidationOptions options;
  options.language = lang;
  return migcheck::validate({{name, bytes}}, bundled(), options);
}
}  // namespace

TEST_CASE("no silent pass: what was not understood is an error, in every language", "[rules][shapes]") {
  for (const std::string lang : {"en", "fr", "ar"}) {
    SECTION("an unrelated CSV, " + lang) {
      const auto r = check_in("people.csv", "name,age\nAlice,34\nBob,27\n", lang);
      REQUIRE(of_rule(r, "file.nothing_recognised").size() == 1);
      CHECK(r.errors >= 1);
      CHECK(of_rule(r, "file.nothing_recognised")[0]->message.find("people.csv") != std::string::npos);
    }
    SECTION("a table whose value column holds nothing, " + lang) {
      std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
      for (int i = 0; i < 20; ++i) csv += "KEN,2024,UGA,_T,M,\n";
      const auto r = check_in("ken-pop_ctz.csv", csv, lang);
      REQUIRE(of_rule(r, "table.empty").size() == 1);
      CHECK(of_rule(r, "table.empty")[0]->severity == migcheck::Severity::error);
    }
    SECTION("a second value column is read, the empty one said to be left out, " + lang) {
      const std::string csv =
          "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE,Value\nKEN,2024,UGA,_T,M,10,\nKEN,2024,UGA,_T,F,12,\n"
          "KEN,2024,UGA,_T,_T,22,\n";
      const auto r = check_in("ken-pop_ctz.csv", csv, lang);
      const auto left = of_rule(r, "header.left_out");
      REQUIRE(left.size() == 1);
      CHECK(left[0]->cell == "G1");
      CHECK(left[0]->severity == migcheck::Severity::error);
      CHECK(r.files[0].recognition.tables[0].size() == 3);
    }
  }
}

TEST_CASE("Sources values are codes of their lists, and findings point at their cell", "[rules][shapes]") {
  for (const std::string rule : {"12M", "12 months", "12 mois", "At least 12 months", "6 months", "6 mois"}) {
    INFO(rule);
    const std::string bytes = workbook({
        {"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
        {"Sources", {{"Table", "Source type", "Residence rule"}, {"POP_CTZ", "Census", rule}}},
        {"POP_CTZ", {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"}, {"KEN", "_T", "_T", "100"}}},
    });
    const auto r = migcheck::validate({{"ken.xlsx", bytes}}, bundled());
    const auto found = of_rule(r, "RESIDENCE_RULE_12M");
    if (rule.find('6') == std::string::npos) {
      CHECK(found.empty());
    } else {
      REQUIRE(found.size() == 1);
      CHECK(found[0]->sheet == "Sources");
      CHECK(found[0]->cell == "C2");
    }
    CHECK(of_rule(r, "SOURCES_COVER_TABLES").empty());
  }
}

TEST_CASE("balance: censuses years apart are compared through the flows of every year between", "[rules][shapes]") {
  const std::string pop = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
  auto flows = [&](int value, bool skip_2017) {
    std::string csv = pop;
    for (int year = 2015; year < 2020; ++year)
      if (!(skip_2017 && year == 2017)) csv += "KEN," + std::to_string(year) + ",FOR,_T,_T," + std::to_string(value) + "\n";
    return csv;
  };
  auto run = [&](const std::string& stock_2020, bool skip_2017) {
    const std::string stocks = pop + "KEN,2015,FOR,_T,_T,1000\nKEN,2020,FOR,_T,_T," + stock_2020 + "\n";
    return migcheck::validate({{"ken-pop_ctz.csv", stocks}, {"ken-imm_ctz.csv", flows(100, skip_2017)},
                               {"ken-emi_ctz.csv", flows(30, skip_2017)}},
                              bundled());
  };
  CHECK(of_rule(run("1350", false), "FOREIGN_STOCK_BALANCE").empty());  // 1000 + 5 x (100 - 30)
  const auto r = run("2000", false);
  const auto found = of_rule(r, "FOREIGN_STOCK_BALANCE");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message.find("2020") != std::string::npos);
  CHECK(found[0]->message.find("2015") != std::string::npos);
  // A year without any flow between the censuses: not checkable, never a false warning.
  CHECK(of_rule(run("2000", true), "FOREIGN_STOCK_BALANCE").empty());
}

TEST_CASE("names people type: ISO alpha-2, Eurostat's EL, UK and T, the names UN DESA and UNHCR print", "[recognition][shapes]") {
  const std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n"
                          "KE,2024,UG,_T,T,1\nKE,2024,EL,_T,T,1\nKE,2024,UK,_T,T,1\n"
                          "KE,2024,Dem. Rep. of the Congo,_T,T,1\nKE,2024,United Rep. of Tanzania,_T,T,1\n"
                          "KE,2024,Syrian Arab Rep.,_T,T,1\nKE,2024,République-Unie de Tanzanie,_T,T,1\n"
                          "KE,2024,Fédération de Russie,_T,T,1\nKE,2024,Dem. People's Republic of Korea,_T,T,1\n"
                          "KE,2024,\"Korea, Rep.\",_T,T,1\nKE,2024,\"Tanzania, United Rep.\",_T,T,1\n"
                          "KE,2024,Somalia*,_T,T,1\nKE,2024,Sudan (a),_T,T,1\n";
  const auto r = migcheck::validate({{"ke-pop_ctz.csv", csv}}, bundled());
  CHECK(of_rule(r, "label.unknown").empty());
  const auto& labels = r.files.at(0).recognition.sheets.at(0).labels;
  std::map<std::string, std::string> code_of;
  for (const auto& l : labels) code_of[l.text] = l.code;
  CHECK(code_of["KE"] == "KEN");
  CHECK(code_of["UG"] == "UGA");
  CHECK(code_of["EL"] == "GRC");
  CHECK(code_of["UK"] == "GBR");
  CHECK(code_of["T"] == "_T");
  CHECK(code_of["Dem. Rep. of the Congo"] == "COD");
  CHECK(code_of["United Rep. of Tanzania"] == "TZA");
  CHECK(code_of["République-Unie de Tanzanie"] == "TZA");
  CHECK(code_of["Syrian Arab Rep."] == "SYR");
  CHECK(code_of["Fédération de Russie"] == "RUS");
  CHECK(code_of["Dem. People's Republic of Korea"] == "PRK");
  // Another word order (World Bank), connectors aside; footnote marks.
  CHECK(code_of["Korea, Rep."] == "KOR");
  CHECK(code_of["Tanzania, United Rep."] == "TZA");
  CHECK(code_of["Somalia*"] == "SOM");
  CHECK(code_of["Sudan (a)"] == "SDN");
}

TEST_CASE("a column is told by its values when its header names nothing known", "[recognition][shapes]") {
  // The French refugee table of issue 13: "Statut" (the status attribute's synonym) over protection statuses.
  const std::string bytes = workbook({
      {"Métadonnées", {{"Pays déclarant", "Kenya"}, {"Année de référence", "2024"}}},
      {"Tableau 13",
       {{"Réfugiés et demandeurs d'asile par pays d'origine, statut et sexe"},
        {"Pays d'origine", "Statut", "Hommes", "Femmes", "Ensemble"},
        {"Somalie", "Réfugiés", "100", "120", "220"},
        {"Somalie", "Demandeurs d'asile", "10", "5", "15"},
        {"Somalie", "Ensemble", "110", "125", "235"},
        {"Éthiopie", "Réfugiés", "30", "20", "50"},
        {"Éthiopie", "Demandeurs d'asile", "1", "1", "2"},
        {"Éthiopie", "Ensemble", "31", "21", "52"}}},
  });
  const auto r = migcheck::validate({{"ken-2024.xlsx", bytes}}, bundled());
  const auto& sheets = r.files.at(0).recognition.sheets;
  const migcheck::SheetRecognition* table = nullptr;
  for (const auto& s : sheets)
    if (s.sheet == "Tableau 13") table = &s;
  REQUIRE(table != nullptr);
  CHECK(table->table == "REF");
  CHECK(table->observations == 18);
  bool told = false;
  for (const auto& c : table->columns) told = told || (c.target == "PROT_STATUS" && c.from_values);
  CHECK(told);
  CHECK(of_rule(r, "ADDITIVITY").empty());
}

TEST_CASE("a header below a preamble, beside columns of no table (UNHCR's export layout)", "[recognition][shapes]") {
  // The shape of a Refugee Data Finder download: key: value lines above the header, the ISO
  // codes beside the names, protection statuses across the columns among others.
  const std::string csv =
      "\"Extracted from UNHCR's Refugee Population Statistics Database\"\n"
      "Origin:,all\nAsylum:,Kenya\nYear:,2022\n\n"
      "Year,Country of origin,Country of origin (ISO),Country of asylum,Country of asylum (ISO),"
      "Refugees under UNHCR's mandate,Asylum-seekers,IDPs of concern to UNHCR,Stateless persons,Host community\n"
      "2022,Somalia,SOM,Kenya,KEN,279345,6784,0,0,0\n"
      "2022,South Sudan,SSD,Kenya,KEN,165432,2345,0,0,0\n";
  const auto r = migcheck::validate({{"population.csv", csv}}, bundled());
  const auto& s = r.files.at(0).recognition.sheets.at(0);
  CHECK(s.table == "REF");
  CHECK(s.header_rows == std::vector<std::uint32_t>{5});
  CHECK(s.observations == 4);
  CHECK(r.files.at(0).recognition.reporting_country == "KEN");
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
}

TEST_CASE("a sheet named Table 2 is the table its Sources row names, with or without the age column", "[recognition][shapes]") {
  for (const bool with_age : {false, true}) {
    INFO(with_age);
    std::vector<std::vector<std::string>> rows = {{"Resident population born abroad, by country of birth and sex"}};
    if (with_age) {
      rows.push_back({"Country of birth", "Age", "Male", "Female", "Total"});
      rows.push_back({"Uganda", "Total", "10", "12", "22"});
      rows.push_back({"Other countries", "Total", "1", "1", "2"});
      rows.push_back({"Total", "Total", "11", "13", "24"});
    } else {
      rows.push_back({"Country of birth", "Male", "Female", "Total"});
      rows.push_back({"Uganda", "10", "12", "22"});
      rows.push_back({"Other countries", "1", "1", "2"});
      rows.push_back({"Total", "11", "13", "24"});
    }
    const std::string bytes = workbook({
        {"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
        {"Sources", {{"Table", "Source type", "Residence rule"}, {"POP_CTB", "Census", "12M"}}},
        {"Table 2", rows},
    });
    const auto r = migcheck::validate({{"ken-2024.xlsx", bytes}}, bundled());
    const auto& sheets = r.files.at(0).recognition.sheets;
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[2].table == "POP_CTB");
    CHECK(sheets[2].observations == 9);
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(of_rule(r, "label.unknown").empty());
  }
}

TEST_CASE("a return split in CSV files: its Sources file covers every table file", "[rules][shapes]") {
  const std::string metadata = "Field,Value\nReporting country,Kenya\nReference year,2024\n";
  const std::string sources = "Table,Source type,Residence rule\nIMM_PREV,Border,12M\n";
  const std::string prev = "PREV_RESIDENCE,SEX,OBS_VALUE\nUGA,_T,5\n_T,_T,5\n";
  const std::string reason = "REASON,SEX,OBS_VALUE\nFAM,_T,5\n_T,_T,5\n";
  const auto r = migcheck::validate({{"ken_2024_metadata.csv", metadata},
                                     {"ken_2024_sources.csv", sources},
                                     {"ken_2024_imm_prev.csv", prev},
                                     {"ken_2024_imm_reason.csv", reason}},
                                    bundled());
  const auto missing = of_rule(r, "SOURCES_COVER_TABLES");
  REQUIRE(missing.size() == 1);  // IMM_REASON has no Sources row; IMM_PREV has one
  CHECK(missing[0]->table == "IMM_REASON");
  CHECK(missing[0]->file == "ken_2024_imm_reason.csv");
  CHECK(of_rule(r, "RESIDENCE_RULE_12M").empty());
}

TEST_CASE("the born-abroad return, sheet Table 2, no age column, in English and French, its title alone telling the table",
          "[recognition][shapes]") {
  struct Variant {
    const char* language;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<std::string>> metadata;
  };
  const std::vector<Variant> variants = {
      {"en",
       {{"Resident population born abroad, by country of birth and sex, 2024"},
        {"Country of birth", "Male", "Female", "Total"},
        {"United Rep. of Tanzania", "10", "12", "22"},
        {"Dem. Rep. of the Congo", "3", "4", "7"},
        {"Other countries", "1", "1", "2"},
        {"Total", "14", "17", "31"}},
       {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
      {"fr",
       {{"Population résidente née à l'étranger, par pays de naissance et sexe, 2024"},
        {"Pays de naissance", "Hommes", "Femmes", "Ensemble"},
        {"République-Unie de Tanzanie", "10", "12", "22"},
        {"République démocratique du Congo", "3", "4", "7"},
        {"Autres pays", "1", "1", "2"},
        {"Total", "14", "17", "31"}},
       {{"Pays déclarant", "Kenya"}, {"Année de référence", "2024"}}},
  };
  for (const auto& v : variants) {
    INFO(v.language);
    const std::string bytes = workbook({{"Metadata", v.metadata}, {"Table 2", v.rows}});
    migcheck::ValidationOptions options;
    options.language = v.language;
    const auto r = migcheck::validate({{"ken-2024.xlsx", bytes}}, bundled(), options);
    const auto& rec = r.files.at(0).recognition;
    REQUIRE(rec.sheets.size() == 2);
    CHECK(rec.sheets[1].table == "POP_CTB");
    CHECK(rec.sheets[1].observations == 12);
    CHECK(rec.sheets[1].unread == 0);
    REQUIRE(rec.tables.size() == 1);
    std::set<std::string> keys;
    const auto& t = rec.tables[0];
    for (std::size_t i = 0; i < t.size(); ++i)
      keys.insert(t.code(i, 0) + "|" + t.code(i, 1) + "|" + t.code(i, 2) + "=" + std::to_string(static_cast<int>(t.values[i])));
    for (const char* expected : {"TZA|_T|M=10", "COD|_T|F=4", "_O|_T|_T=2", "_T|_T|_T=31"}) CHECK(keys.count(expected) == 1);
    CHECK(of_rule(r, "ADDITIVITY").empty());
    CHECK(of_rule(r, "label.unknown").empty());
    CHECK(of_rule(r, "sheet.unrecognised").empty());
  }
}
