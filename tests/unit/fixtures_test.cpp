// Every committed fixture against tests/fixtures/manifest.json, the oracle
// written from what each real writer was told to write.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "migcheck/dump.hpp"
#include "migcheck/read.hpp"
#include "test_support.hpp"
#include "xlsx/parts.hpp"

using nlohmann::json;

namespace {


json manifest() {
  const std::string text = slurp(std::string(MIGCHECK_FIXTURES) + "/manifest.json");
  REQUIRE_FALSE(text.empty());
  return json::parse(text);
}

const migcheck::Cell* cell_at(const migcheck::Sheet& sheet, const std::string& ref) {
  std::uint32_t row, column;
  REQUIRE(migcheck::xlsx::parse_cell_reference(ref, row, column, migcheck::Limits{}));
  return sheet.find(row, column);
}

void check_cell(const migcheck::Workbook& wb, const json& expect) {
  const std::string sheet_name = expect.at("sheet");
  const std::string ref = expect.at("ref");
  INFO("cell " << sheet_name << "!" << ref);
  const auto* sheet = wb.sheet(sheet_name);
  REQUIRE(sheet != nullptr);
  const auto* cell = cell_at(*sheet, ref);
  REQUIRE(cell != nullptr);
  const std::string type = expect.at("type");
  CHECK(migcheck::cell_kind_name(cell->kind) == type);
  const json& value = expect.at("value");
  if (type == "text" || type == "error") {
    if (cell->kind == migcheck::CellKind::text || cell->kind == migcheck::CellKind::error)
      CHECK(std::string(wb.text(*cell)) == value.get<std::string>());
  } else if (type == "number") {
    CHECK(cell->number == Approx(value.get<double>()).epsilon(1e-12));
  } else if (type == "boolean") {
    CHECK((cell->number != 0) == value.get<bool>());
  } else if (type == "date") {
    CHECK(migcheck::date_serial_to_iso(cell->number, wb.date1904) == value.get<std::string>());
  }
  if (expect.value("formula", false)) CHECK((cell->flags & migcheck::cell_has_formula) != 0);
}

}  // namespace

TEST_CASE("fixtures: every file reads as its writer wrote it", "[fixtures]") {
  const json m = manifest();
  REQUIRE(m.at("fixtures").size() > 20);
  for (const auto& fixture : m.at("fixtures")) {
    const std::string file = fixture.at("file");
    DYNAMIC_SECTION(file) {
      const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/" + file);
      const auto slash = file.find_last_of('/');
      const auto result = migcheck::read_workbook(bytes, file.substr(slash + 1));
      const json& expect = fixture.at("expect");
      if (expect.contains("error")) {
        REQUIRE_FALSE(result.ok());
        CHECK(migcheck::error_id(result.error().code) == expect.at("error").get<std::string>());
        CHECK_FALSE(result.error().message.empty());
        continue;
      }
      if (!result.ok()) FAIL(result.error().message);
      const auto& wb = result.value();
      if (expect.contains("format")) CHECK(migcheck::file_format_name(wb.format) == expect.at("format").get<std::string>());
      if (expect.contains("encoding")) CHECK(wb.csv.encoding == expect.at("encoding").get<std::string>());
      if (expect.contains("delimiter"))
        CHECK(std::string(1, wb.csv.delimiter) == expect.at("delimiter").get<std::string>());
      for (const auto& s : expect.value("sheets", json::array())) {
        const auto* sheet = wb.sheet(s.at("name").get<std::string>());
        INFO("sheet " << s.at("name"));
        REQUIRE(sheet != nullptr);
        if (s.contains("state")) CHECK(migcheck::sheet_state_name(sheet->state) == s.at("state").get<std::string>());
      }
      for (const auto& c : expect.value("cells", json::array())) check_cell(wb, c);
      for (const auto& e : expect.value("empty", json::array())) {
        const auto* sheet = wb.sheet(e.at("sheet").get<std::string>());
        REQUIRE(sheet != nullptr);
        INFO("empty " << e.at("ref"));
        CHECK(cell_at(*sheet, e.at("ref")) == nullptr);
      }
      for (const auto& g : expect.value("merged", json::array())) {
        const auto* sheet = wb.sheet(g.at("sheet").get<std::string>());
        REQUIRE(sheet != nullptr);
        bool found = false;
        for (const auto& r : sheet->merged) found = found || migcheck::a1_range(r) == g.at("range").get<std::string>();
        INFO("merged " << g.at("range"));
        CHECK(found);
      }
      for (const auto& d : expect.value("diagnostics", json::array())) {
        bool found = false;
        for (const auto& got : wb.diagnostics)
          found = found || (error_id(got.code) == d.at("id").get<std::string>() &&
                            (!d.contains("sheet") || got.where.sheet == d.at("sheet").get<std::string>()) &&
                            (!d.contains("cell") || got.where.cell == d.at("cell").get<std::string>()));
        INFO("diagnostic " << d.dump());
        CHECK(found);
      }
      // The dump is valid JSON that says the same.
      const json dumped = json::parse(migcheck::dump_json(wb));
      CHECK(dumped.at("sheets").size() == wb.sheets.size());
    }
  }
}

TEST_CASE("fixtures: every prefix of a real workbook fails cleanly", "[fixtures][limits]") {
  const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/real/openpyxl-return.xlsx");
  REQUIRE_FALSE(bytes.empty());
  for (std::size_t n = 0; n < bytes.size(); n += 97) {
    const auto r = migcheck::read_workbook(std::string_view(bytes).substr(0, n), "cut.xlsx");
    CHECK_FALSE(r.ok());
  }
}
