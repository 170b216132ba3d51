#include <catch2/catch.hpp>

#include "migcheck/dump.hpp"
#include "migcheck/read.hpp"
#include "migcheck/json_writer.hpp"

TEST_CASE("dump: JSON of a small CSV is exact", "[dump]") {
  auto r = migcheck::read_csv("Sexe;Valeur\nFéminin;1,5\n\"a\"\"b\";12\n", "t.csv");
  REQUIRE(r.ok());
  CHECK(migcheck::dump_json(r.value()) ==
        "{\"file\":\"t.csv\",\"format\":\"csv\",\"encoding\":\"utf-8\",\"delimiter\":\";\",\"sheets\":[{\"name\":\"t\","
        "\"state\":\"visible\",\"rows\":3,\"columns\":2,\"cell_count\":6,\"merged\":[],\"cells\":["
        "{\"ref\":\"A1\",\"type\":\"text\",\"value\":\"Sexe\"},{\"ref\":\"B1\",\"type\":\"text\",\"value\":\"Valeur\"},"
        "{\"ref\":\"A2\",\"type\":\"text\",\"value\":\"Féminin\"},{\"ref\":\"B2\",\"type\":\"text\",\"value\":\"1,5\"},"
        "{\"ref\":\"A3\",\"type\":\"text\",\"value\":\"a\\\"b\"},{\"ref\":\"B3\",\"type\":\"number\",\"value\":12}]}],"
        "\"diagnostics\":[]}\n");
  CHECK(migcheck::dump_text(r.value()) ==
        "t.csv (csv, utf-8, delimiter ;)\n\nSheet \"t\": 3 rows x 2 columns, 6 cells\n"
        "  1: A=\"Sexe\" B=\"Valeur\"\n  2: A=\"Féminin\" B=\"1,5\"\n  3: A=\"a\\\"b\" B=12\n");
}

TEST_CASE("dump: errors carry id, message and location", "[dump]") {
  auto r = migcheck::read_csv("a,\"b\n", "u.csv");
  REQUIRE_FALSE(r.ok());
  CHECK(migcheck::dump_error_json("u.csv", r.error()) ==
        "{\"file\":\"u.csv\",\"error\":{\"id\":\"csv.unterminated_quote\",\"severity\":\"error\",\"message\":"
        "\"The quoted field that starts on line 1 (cell B1) is never closed.\",\"cell\":\"B1\",\"line\":1,"
        "\"offset\":2,\"params\":{\"line\":\"1\"}}}\n");
}

TEST_CASE("dump: numbers print the shortest exact form", "[dump]") {
  auto num = [](double v) {
    std::string s;
    migcheck::util::append_json_number(s, v);
    return s;
  };
  CHECK(num(0) == "0");
  CHECK(num(-0.0) == "0");
  CHECK(num(1234567) == "1234567");
  CHECK(num(0.1) == "0.1");
  CHECK(num(1.0 / 3) == "0.3333333333333333");
  CHECK(num(1e300) == "1e+300");
  CHECK(num(-2.5) == "-2.5");
}
