// Recognition stage by stage, each on a small sheet that exercises it alone:
// header search, crosstab value columns, column meaning from values, table
// choice, label mapping, row reading, and the Metadata and Sources sheets.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "migcheck/read.hpp"
#include "migcheck/recognition.hpp"
#include "recognition/sheet_context.hpp"
#include "test_support.hpp"
#include "workbook_builder.hpp"
#include "zip_builder.hpp"

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

namespace {
// The first range of `merged` covering the cell, as the reader's order gives it: what MergeIndex must answer.
std::int64_t first_covering(const std::vector<migcheck::CellRange>& merged, std::uint32_t row, std::uint32_t column) {
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const auto& m = merged[i];
    if (row >= m.first_row && row <= m.last_row && column >= m.first_column && column <= m.last_column)
      return static_cast<std::int64_t>(i);
  }
  return -1;
}
}  // namespace

TEST_CASE("merged ranges: the index answers as a scan of every range would (issue 15)", "[recognition][limits]") {
  using migcheck::CellRange;
  std::uint64_t seed = 15;
  auto next = [&](std::uint32_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((seed >> 33) % n);
  };
  for (int round = 0; round < 20; ++round) {
    // Disjoint ranges, as every spreadsheet program writes them: blocks of a 60 x 40 grid, in shuffled order.
    std::vector<CellRange> merged;
    std::vector<bool> taken(60 * 40, false);
    for (int tries = 0; tries < 400; ++tries) {
      const std::uint32_t r = next(60), c = next(40), h = 1 + next(round % 2 ? 20 : 3), w = 1 + next(round % 3 ? 4 : 30);
      if (r + h > 60 || c + w > 40) continue;
      bool free = true;
      for (std::uint32_t i = r; i < r + h; ++i)
        for (std::uint32_t j = c; j < c + w; ++j) free = free && !taken[i * 40 + j];
      if (!free || (h == 1 && w == 1)) continue;
      for (std::uint32_t i = r; i < r + h; ++i)
        for (std::uint32_t j = c; j < c + w; ++j) taken[i * 40 + j] = true;
      merged.push_back({r, r + h - 1, static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c + w - 1)});
    }
    // A few overlapping ones too (Excel refuses them; fewer than the index's candidates per node).
    if (round % 4 == 0)
      for (int k = 0; k < 5; ++k) merged.push_back({next(30), 30 + next(30), static_cast<std::uint16_t>(next(20)), static_cast<std::uint16_t>(20 + next(20))});
    const migcheck::recognition::MergeIndex index(merged);
    for (std::uint32_t row = 0; row < 62; ++row)
      for (std::uint32_t column = 0; column < 42; ++column) {
        INFO("round " << round << ", cell " << migcheck::a1(row, column));
        REQUIRE(index.covering(row, column) == first_covering(merged, row, column));
      }
  }
  const migcheck::recognition::MergeIndex none({});
  CHECK(none.covering(0, 0) == -1);
  const migcheck::recognition::MergeIndex whole({{0, 1'048'575, 0, 16'383}});
  CHECK(whole.covering(1'048'575, 16'383) == 0);
}

TEST_CASE("merged ranges: 24,000 over a header take well under a second, not seconds (issue 15)", "[recognition][limits]") {
  // Three rows of 8,000 two-column merges above a long table's header, each
  // top-left cell naming a code: every merge was scanned for every cell looked
  // at, and matched against the code lists again for every header row tried.
  std::string rows;
  std::string merges;
  for (std::uint32_t r = 0; r < 3; ++r) {
    rows += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (std::uint32_t c = 0; c < 16'000; c += 2) {
      rows += "<c r=\"" + migcheck::a1(r, c) + "\" t=\"inlineStr\"><is><t>SEX</t></is></c>";
      merges += "<mergeCell ref=\"" + migcheck::a1(r, c) + ":" + migcheck::a1(r, c + 1) + "\"/>";
    }
    rows += "</row>";
  }
  const char* header[] = {"REF_AREA", "TIME_PERIOD", "CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"};
  rows += "<row r=\"4\">";
  for (std::uint32_t c = 0; c < 6; ++c)
    rows += "<c r=\"" + migcheck::a1(3, c) + "\" t=\"inlineStr\"><is><t>" + header[c] + "</t></is></c>";
  rows += "</row><row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>KEN</t></is></c><c r=\"B5\"><v>2024</v></c>"
          "<c r=\"C5\" t=\"inlineStr\"><is><t>KEN</t></is></c><c r=\"D5\" t=\"inlineStr\"><is><t>_T</t></is></c>"
          "<c r=\"E5\" t=\"inlineStr\"><is><t>M</t></is></c><c r=\"F5\"><v>7</v></c></row>";
  auto items = testing::workbook_items("");
  for (auto& item : items)
    if (item.name == "xl/worksheets/sheet1.xml")
      item.data = "<worksheet><sheetData>" + rows + "</sheetData><mergeCells>" + merges + "</mergeCells></worksheet>";
    else if (item.name == "xl/workbook.xml")
      item.data = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                  "<sheet name=\"POP_CTZ\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const auto wb = migcheck::read_workbook(testing::build_zip(items), "merges.xlsx");
  REQUIRE(wb.ok());
  REQUIRE(wb.value().sheets[0].merged.size() == 24'000);
  const auto start = std::chrono::steady_clock::now();
  const auto rec = migcheck::recognise(wb.value(), bundled(), {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(sheet_named(rec, "POP_CTZ").table == "POP_CTZ");
#if defined(__SANITIZE_ADDRESS__)
  CHECK(seconds < 8.0);
#else
  CHECK(seconds < 1.5);  // 2.4 s with a scan of every range per cell; under 0.5 s indexed
#endif
}
