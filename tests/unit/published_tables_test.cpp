// Real published tables (tests/fixtures/published-tables, excerpts as
// published with their source and licence): each expected.json was written
// by a statistician's reading of the file, before migcheck read it. Where it
// names a table of the return, every observation it lists is recognised with
// its value; where it names none (Eurostat's asylum applications are a flow
// of applications, not a year-end stock), nothing is passed off as one.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "migcheck/validate.hpp"
#include "test_support.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {
const fs::path kTables = fs::path(MIGCHECK_FIXTURES) / "published-tables";
}  // namespace

TEST_CASE("real published tables are read as a statistician reads them", "[recognition][published]") {
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(kTables)) {
    if (!entry.is_directory()) continue;
    INFO(entry.path().filename().string());
    const json expected = json::parse(slurp((entry.path() / "expected.json").string()));
    const std::string name = expected.at("file");
    const std::string bytes = slurp((entry.path() / name).string());
    REQUIRE_FALSE(bytes.empty());
    const auto r = migcheck::validate({{name, bytes}}, bundled());
    const auto& rec = r.files.at(0).recognition;
    ++checked;
    if (expected.at("table").is_null()) {
      CHECK(rec.tables.empty());
      CHECK(r.errors >= 1);  // not a return: never a pass
      continue;
    }
    const std::string table = expected.at("table");
    const migcheck::RecognisedTable* t = nullptr;
    for (const auto& candidate : rec.tables)
      if (candidate.table == table) t = &candidate;
    REQUIRE(t != nullptr);
    // One reporting country, or a table of several (UN DESA: one row per country of destination).
    const json& countries = expected.at("reporting_country");
    CHECK(rec.reporting_country == (countries.is_string() ? countries.get<std::string>() : std::string()));
    const std::string country_dimension = t->dimensions.back();
    // Every observation listed is there, with its value (or none for a marker or a blank).
    std::map<std::string, double> got;
    for (std::size_t i = 0; i < t->size(); ++i) {
      std::string key;
      for (std::size_t d = 0; d < t->dimensions.size(); ++d) key += t->dimensions[d] + "=" + t->code(i, d) + ";";
      got[key] = t->values[i];
    }
    for (const json& o : expected.at("observations")) {
      std::string key;
      for (const auto& d : t->dimensions) {
        const json& k = o.at("key");
        if (k.contains(d)) key += d + "=" + k.at(d).get<std::string>() + ";";
        else if (d == country_dimension && k.contains("REPORTING_COUNTRY")) key += d + "=" + k.at("REPORTING_COUNTRY").get<std::string>() + ";";
        else if (d == country_dimension) key += d + "=" + countries.get<std::string>() + ";";
        else key += d + "=_T;";  // a breakdown the source does not give: its total
      }
      INFO(key);
      const bool blank = o.at("value").is_null() && o.value("raw", std::string("?")).empty();
      if (blank) continue;  // an empty cell: a nil for completeness, no observation
      REQUIRE(got.count(key) == 1);
      if (o.at("value").is_null()) CHECK(std::isnan(got[key]));
      else CHECK(got[key] == o.at("value").get<double>());
    }
  }
  CHECK(checked == 5);
}
