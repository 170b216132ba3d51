// Mapping files (docs/mapping.md): what loads, what is refused and where,
// and what a mapping makes of a sheet recognition could not read alone.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "migcheck/mapping.hpp"
#include "migcheck/read.hpp"
#include "migcheck/recognition.hpp"
#include "test_support.hpp"
#include "workbook_builder.hpp"

namespace {

using Rows = std::vector<std::vector<std::string>>;

migcheck::Mapping loaded(const std::string& text) {
  auto load = migcheck::load_mapping(text, bundled());
  INFO((load.problems.empty() ? std::string() : load.problems.front().path + ": " + load.problems.front().message));
  REQUIRE(load.ok());
  return *load.mapping;
}

std::vector<std::string> problems(const std::string& text) {
  auto load = migcheck::load_mapping(text, bundled());
  CHECK_FALSE(load.ok());
  std::vector<std::string> out;
  for (const auto& p : load.problems) out.push_back(p.path + ": " + p.message);
  return out;
}

bool any_at(const std::vector<std::string>& problems, const std::string& path) {
  for (const auto& p : problems)
    if (p.rfind(path + ":", 0) == 0) return true;
  return false;
}

migcheck::Recognition recognised(const Rows& table, const migcheck::Mapping* mapping, const std::string& country = "Kenya") {
  auto wb = migcheck::read_workbook(
      workbook({{"Metadata", {{"Reporting country", country}, {"Reference year", "2024"}}}, {"Table 2", table}}), "return.xlsx");
  REQUIRE(wb.ok());
  migcheck::RecogniseOptions options;
  options.mapping = mapping;
  return migcheck::recognise(wb.value(), bundled(), options);
}

// "Table 2", headers nobody can read, a label no code list has, a column of remarks, a column without header.
const Rows kTable2 = {{"Lieu", "Genre", "Tranche", "Effectif", "Remarques", ""},
                      {"Zanzibar", "Male", "Total", "10", "estimate", "x"},
                      {"Uganda", "Male", "Total", "5", "", "x"}};

const char* kMapping = R"({
  "migcheck_mapping": 1,
  "rulebook": "comesa-migration",
  "sheets": [{"sheet": "table 2", "table": "POP_CTB",
              "columns": [{"header": "Lieu", "means": "COUNTRY_OF_BIRTH"}, {"header": "Genre", "means": "SEX"},
                          {"header": "Tranche", "means": "AGE"}, {"header": "Effectif", "means": "OBS_VALUE"},
                          {"header": "Remarques", "means": null}, {"column": "F", "means": null}]}],
  "labels": [{"dimension": "COUNTRY_OF_BIRTH", "text": "Zanzibar", "code": "TZA", "reporting_country": "KEN"}]
})";

}  // namespace

TEST_CASE("mapping: a sheet, its columns and a label said by hand are read as said", "[mapping]") {
  const auto unmapped = recognised(kTable2, nullptr);
  REQUIRE(unmapped.sheets.size() == 2);
  CHECK(unmapped.sheets[1].role == migcheck::SheetRole::unrecognised);

  const migcheck::Mapping mapping = loaded(kMapping);
  const auto rec = recognised(kTable2, &mapping);
  const auto& sheet = rec.sheets[1];
  REQUIRE(sheet.role == migcheck::SheetRole::table);
  CHECK(sheet.table == "POP_CTB");
  CHECK(sheet.table_by_hand);
  CHECK(sheet.observations == 2);
  for (const auto& c : sheet.columns) {
    INFO(c.header);
    CHECK(c.by_hand);
    if (c.column >= 4) CHECK(c.role == "ignored");
  }
  bool zanzibar = false;
  for (const auto& l : sheet.labels)
    if (l.text == "Zanzibar") {
      zanzibar = true;
      CHECK(l.code == "TZA");
      CHECK(l.by_hand);
    }
  CHECK(zanzibar);
  for (const auto& f : rec.findings) {
    INFO(f.rule << " " << f.cell);
    CHECK(f.rule != "header.unknown");  // the columns left out are left out silently
    CHECK(f.rule != "label.unknown");
  }
}

TEST_CASE("mapping: an entry for one reporting country leaves the others' returns alone", "[mapping]") {
  const migcheck::Mapping mapping = loaded(kMapping);
  const auto rec = recognised(kTable2, &mapping, "Uganda");
  REQUIRE(rec.sheets[1].role == migcheck::SheetRole::table);
  bool unknown = false;
  for (const auto& f : rec.findings) unknown = unknown || (f.rule == "label.unknown" && f.cell == "A2");
  CHECK(unknown);
}

TEST_CASE("mapping: a mapping written out loads back the same", "[mapping]") {
  const migcheck::Mapping first = loaded(kMapping);
  const std::string text = migcheck::mapping_json(first);
  const migcheck::Mapping second = loaded(text);
  CHECK(migcheck::mapping_json(second) == text);
  REQUIRE(second.sheets.size() == 1);
  CHECK(second.sheets[0].columns.size() == 6);
  CHECK(second.sheets[0].columns[4].means.empty());
  CHECK(second.labels.at(0).reporting_country == "KEN");
}

TEST_CASE("mapping: every problem is refused with its place", "[mapping]") {
  CHECK(any_at(problems("{"), ""));
  CHECK(any_at(problems(R"({"sheets": []})"), "/"));  // no version
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "colour": "red"})"), "/"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "rulebook": "other"})"), "/rulebook"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "sheets": [{"sheet": "A", "table": "NOPE"}]})"), "/sheets/0/table"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "sheets": [{"sheet": "A", "columns": [{"means": "SEX"}]}]})"),
               "/sheets/0/columns/0"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "sheets": [{"sheet": "A", "columns": [{"header": "x", "means": "COLOUR"}]}]})"),
               "/sheets/0/columns/0/means"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "labels": [{"dimension": "SEX", "text": "H", "code": "KEN"}]})"),
               "/labels/0/code"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "labels": [{"dimension": "HAIR", "text": "H", "code": "M"}]})"),
               "/labels/0/dimension"));
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "labels": [{"dimension": "SEX", "text": "H", "code": "M", "reporting_country": "XXX"}]})"),
               "/labels/0/reporting_country"));
}

TEST_CASE("mapping: hostile files are refused, never a crash", "[mapping][limits]") {
  // Deep nesting, checked before parsing.
  CHECK(any_at(problems(std::string(100000, '[') + std::string(100000, ']')), ""));
  // A very long string where a pattern applies: refused by its length, never handed to std::regex.
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "labels": [{"dimension": "SEX", "text": "H", "code": "M", "reporting_country": ")" +
                        std::string(50000, 'A') + R"("}]})"),
               "/labels/0/reporting_country"));
  // More bytes than the limit.
  migcheck::MappingLimits small;
  small.max_bytes = 10;
  CHECK_FALSE(migcheck::load_mapping(kMapping, bundled(), small).ok());
  // Numbers out of range.
  CHECK(any_at(problems(R"({"migcheck_mapping": 1, "sheets": [{"sheet": "A", "header_row": 1e400}]})"), "/sheets/0/header_row"));
}

TEST_CASE("mapping: a column the mapping names but the sheet no longer has is said, not silently skipped", "[mapping]") {
  std::string text = kMapping;
  const std::string anchor = R"({"column": "F", "means": null})";
  text.replace(text.find(anchor), anchor.size(), anchor + R"(, {"header": "Pays de naissance", "means": "COUNTRY_OF_BIRTH"})");
  const migcheck::Mapping mapping = loaded(text);
  const auto rec = recognised(kTable2, &mapping);
  REQUIRE(rec.sheets[1].role == migcheck::SheetRole::table);
  std::vector<std::string> unused;
  for (const auto& f : rec.findings)
    if (f.rule == "mapping.unused_column") unused.push_back(f.message);
  REQUIRE(unused.size() == 1);
  CHECK(unused[0].find("“Pays de naissance”") != std::string::npos);
}
