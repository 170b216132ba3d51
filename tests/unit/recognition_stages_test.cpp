// Recognition stage by stage, each on a small sheet that exercises it alone:
// header search, crosstab value columns, column meaning from values, table
// choice, label mapping, row reading, and the Metadata and Sources sheets.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "migcheck/read.hpp"
#include "migcheck/recognition.hpp"
#include "test_support.hpp"
#include "workbook_builder.hpp"

namespace {

using Rows = std::vector<std::vector<std::string>>;
using Sheets = std::vector<std::pair<std::string, Rows>>;

const Rows kMetadata = {{"Reporting country", "Kenya"}, {"Reference year", "2024"}};

migcheck::Recognition recognised(const Sheets& sheets, const std::string& language = "en") {
  auto wb = migcheck::read_workbook(workbook(sheets), "return.xlsx");
  REQUIRE(wb.ok());
  migcheck::RecogniseOptions options;
  options.language = language;
  return migcheck::recognise(wb.value(), bundled(), options);
}

const migcheck::SheetRecognition& sheet_named(const migcheck::Recognition& rec, const std::string& name) {
  for (const auto& s : rec.sheets)
    if (s.sheet == name) return s;
  FAIL("no sheet " << name);
  return rec.sheets.front();
}

const migcheck::ColumnMapping* column(const migcheck::SheetRecognition& s, std::uint32_t c) {
  for (const auto& m : s.columns)
    if (m.column == c) return &m;
  return nullptr;
}

bool has_finding(const migcheck::Recognition& rec, const std::string& rule, const std::string& cell = "") {
  for (const auto& f : rec.findings)
    if (f.rule == rule && (cell.empty() || f.cell == cell)) return true;
  return false;
}

}  // namespace

TEST_CASE("stage header search: preamble lines, titles and blank rows are passed over", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"EMI_CTZ",
                                {{"Emigrants by citizenship"},
                                 {"Origin:", "all"},
                                 {"Year:", "2024"},
                                 {},
                                 {"Citizenship", "Age", "Sex", "Value"},
                                 {"Kenya", "Total", "Total", "120"}}}});
  const auto& s = sheet_named(rec, "EMI_CTZ");
  REQUIRE(s.role == migcheck::SheetRole::table);
  CHECK(s.header_rows == std::vector<std::uint32_t>{4});
  CHECK(s.observations == 1);
  CHECK(s.skipped_rows == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("stage header search: a header that makes no table gives way to the next", "[recognition][stages]") {
  // The first row naming a dimension is a caption ("Sex" alone), the real header is below.
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"EMI_CTZ",
                                {{"Sex", "Both"},
                                 {"Citizenship", "Age", "Sex", "Value"},
                                 {"Kenya", "Total", "Total", "120"}}}});
  const auto& s = sheet_named(rec, "EMI_CTZ");
  REQUIRE(s.role == migcheck::SheetRole::table);
  CHECK(s.header_rows == std::vector<std::uint32_t>{1});
}

TEST_CASE("stage header search: a column nobody named is told by its values", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"REF",
                                {{"Pays d'origine", "Statut", "Nombre"},
                                 {"Somalie", "Réfugiés", "10"},
                                 {"Somalie", "Demandeurs d'asile", "4"},
                                 {"Soudan du Sud", "Réfugiés", "7"}}}});
  const auto& s = sheet_named(rec, "REF");
  REQUIRE(s.role == migcheck::SheetRole::table);
  const auto* status = column(s, 1);
  REQUIRE(status != nullptr);
  CHECK(status->role == "dimension");
  CHECK(status->target == "PROT_STATUS");
  CHECK(status->from_values);
  CHECK(s.observations == 3);
}

TEST_CASE("stage wide header: a year row above a sex row spreads both", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"ABR",
                                {{"", "2024", "", ""},
                                 {"Country of residence", "Male", "Female", "Total"},
                                 {"Uganda", "3", "4", "7"}}}});
  const auto& s = sheet_named(rec, "ABR");
  REQUIRE(s.role == migcheck::SheetRole::table);
  CHECK(s.layout == migcheck::Layout::wide);
  CHECK(s.header_rows == std::vector<std::uint32_t>{0, 1});
  const auto* female = column(s, 2);
  REQUIRE(female != nullptr);
  CHECK(female->role == "value");
  CHECK(female->target == "SEX=F,TIME_PERIOD=2024");
}

TEST_CASE("stage table choice: the title decides between tables of the same columns", "[recognition][stages]") {
  const Rows rows = {{"Country of birth", "Age", "Sex", "Value"}, {"Uganda", "Total", "Total", "5"}};
  Rows titled = rows;
  titled.insert(titled.begin(), {"Resident population born abroad, by country of birth"});
  const auto bare = recognised({{"Metadata", kMetadata}, {"Table 2", rows}});
  CHECK(sheet_named(bare, "Table 2").role == migcheck::SheetRole::unrecognised);
  CHECK(sheet_named(bare, "Table 2").why.find("POP_CTB") != std::string::npos);
  const auto with_title = recognised({{"Metadata", kMetadata}, {"Table 2", titled}});
  CHECK(sheet_named(with_title, "Table 2").table == "POP_CTB");
}

TEST_CASE("stage table choice: the Sources sheet decides when the title does not", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"Sources", {{"Table", "Source"}, {"IMM_CTB", "Border statistics"}}},
                               {"Table 2", {{"Country of birth", "Age", "Sex", "Value"}, {"Uganda", "Total", "Total", "5"}}}});
  CHECK(sheet_named(rec, "Table 2").table == "IMM_CTB");
}

TEST_CASE("stage label mapping: each text is looked up once and counted", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"ABR",
                                {{"Country of residence", "Sex", "Value"},
                                 {"Uganda", "Male", "3"},
                                 {"Uganda", "Female", "4"},
                                 {"Atlantis", "Male", "1"}}}});
  const auto& s = sheet_named(rec, "ABR");
  std::size_t uganda = 0, atlantis = 0;
  for (const auto& l : s.labels) {
    if (l.text == "Uganda") {
      uganda = l.count;
      CHECK(l.code == "UGA");
    }
    if (l.text == "Atlantis") {
      atlantis = l.count;
      CHECK(l.code.empty());
    }
  }
  CHECK(uganda == 2);
  CHECK(atlantis == 1);
  // Suggestions of the same kind: countries for a country, never "Unknown" or "Other countries".
  for (const auto& f : rec.findings)
    if (f.rule == "label.unknown" && f.cell == "A4") {
      std::string suggestions;
      for (const auto& [k, v] : f.params)
        if (k == "suggestions") suggestions = v;
      CHECK_FALSE(suggestions.empty());
      CHECK(suggestions.find("_U") == std::string::npos);
      CHECK(suggestions.find("_O") == std::string::npos);
      CHECK(suggestions.find("NAT") == std::string::npos);
    }
  CHECK(has_finding(rec, "label.unknown", "A4"));
  CHECK(s.unread == 1);
}

TEST_CASE("stage row reader: blank labels repeat, blank values are nils, notes are skipped", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"ABR",
                                {{"Country of residence", "Male", "Female", "Total"},
                                 {"Uganda", "3", "", "3"},
                                 {"Rwanda", "1", "1", "2"},
                                 {},
                                 {"Note: provisional figures"}}}});
  const auto& s = sheet_named(rec, "ABR");
  REQUIRE(s.role == migcheck::SheetRole::table);
  CHECK(s.observations == 5);
  REQUIRE(rec.tables.size() == 1);
  CHECK(rec.tables[0].blank_keys.size() == rec.tables[0].dimensions.size());  // the one empty cell, as a nil
  CHECK(rec.tables[0].first_blank_row == 1);
  CHECK(rec.tables[0].first_blank_column == 2);
  CHECK(s.skipped_rows == std::vector<std::uint32_t>{3, 4});
}

TEST_CASE("stage row reader: a marker of punctuation alone (Eurostat's \":\") is read, never dropped", "[recognition][stages]") {
  const auto rec = recognised({{"Metadata", kMetadata},
                               {"ABR",
                                {{"Country of residence", "Sex", "Value"},
                                 {"Uganda", "Male", ":"},
                                 {"Uganda", "Female", "-"}}}});
  REQUIRE(rec.tables.size() == 1);
  const auto& t = rec.tables[0];
  REQUIRE(t.size() == 2);
  CHECK(std::isnan(t.values[0]));
  CHECK(t.symbols[t.obs_status[0]] == "O");
  CHECK(t.values[1] == 0);
}

TEST_CASE("stage return sheets: Metadata gives the country and year, Sources one row per table", "[recognition][stages]") {
  const auto rec = recognised({{"Métadonnées", {{"Pays déclarant", "Ouganda"}, {"Année de référence", "2023"}}},
                               {"Sources", {{"Table", "Source"}, {"POP_CTZ", "Census 2019"}, {"REF", "UNHCR"}}}},
                              "fr");
  CHECK(rec.reporting_country == "UGA");
  CHECK(rec.reference_year == "2023");
  REQUIRE(rec.sources.size() == 2);
  CHECK(rec.sources[0][0].code == "POP_CTZ");
  CHECK(rec.sources[1][0].cell == "A3");
}
