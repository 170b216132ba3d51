#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "migcheck/rulebook.hpp"
#include "rulebook/lint.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

// A small but complete rulebook; tests break one thing at a time.
json minimal() {
  return json::parse(R"({
    "format": "migcheck-rulebook/1", "id": "mini", "version": "1",
    "title": {"en": "Mini", "fr": "Mini"}, "languages": ["en", "fr"],
    "concepts": {"SEX": {"label": {"en": "Sex", "fr": "Sexe"}}, "OBS_STATUS": {"label": {"en": "Status", "fr": "Statut"}}},
    "codelists": {
      "CL_SEX": {"label": {"en": "Sex", "fr": "Sexe"}, "codes": [
        {"id": "M", "label": {"en": "Male", "fr": "Hommes"}},
        {"id": "F", "label": {"en": "Female", "fr": "Femmes"}},
        {"id": "_T", "label": {"en": "Total", "fr": "Ensemble"}, "role": "total"}],
        "hierarchies": [{"id": "SEX", "total": "_T", "parts": ["M", "F"]}]},
      "CL_OBS_STATUS": {"label": {"en": "Status", "fr": "Statut"}, "codes": [{"id": "E", "label": {"en": "Estimated", "fr": "Estimé"}}]},
      "CL_SEX_KNOWN": {"label": {"en": "Sex", "fr": "Sexe"}, "based_on": "CL_SEX", "exclude": ["_T"]}
    },
    "dimensions": {"SEX": {"concept": "SEX", "codelist": "CL_SEX", "label": {"en": "Sex", "fr": "Sexe"}}},
    "measure": {"id": "OBS_VALUE", "label": {"en": "Value", "fr": "Valeur"}, "value": "count"},
    "attributes": {"OBS_STATUS": {"label": {"en": "Status", "fr": "Statut"}, "codelist": "CL_OBS_STATUS", "role": "observation_status"}},
    "tables": [{"id": "POP", "module": "POPULATION", "label": {"en": "Population", "fr": "Population"}, "dimensions": ["SEX"], "required": true}],
    "markers": [{"id": "NA", "texts": [".."], "label": {"en": "n.a.", "fr": "n.d."}}],
    "flags": [{"id": "EST", "suffixes": ["e"], "label": {"en": "estimated", "fr": "estimé"}, "obs_status": "E"}],
    "messages": {"en": {"label.unknown": "{label} is unknown"}, "fr": {"label.unknown": "{label} est inconnu"}},
    "rules": []
  })");
}

std::vector<std::string> problems_of(const json& j) {
  const auto load = migcheck::load_rulebook(j.dump());
  std::vector<std::string> out;
  for (const auto& p : load.problems) out.push_back(p.path + ": " + p.message);
  return out;
}

}  // namespace

TEST_CASE("rulebook: a valid rulebook loads into the model", "[rulebook]") {
  const auto load = migcheck::load_rulebook(minimal().dump());
  REQUIRE(load.problems.empty());
  REQUIRE(load.ok());
  const auto& rb = *load.rulebook;
  CHECK(rb.languages == std::vector<std::string>{"en", "fr"});
  REQUIRE(rb.codelist("CL_SEX") != nullptr);
  CHECK(rb.codelist("CL_SEX")->find("F")->label.in("fr") == "Femmes");
  CHECK(rb.codelist("CL_SEX")->find("_T")->role == migcheck::CodeRole::total);
  CHECK(rb.codelist("CL_SEX")->hierarchies.at(0).parts == std::vector<std::string>{"M", "F"});
  CHECK(rb.codelist("CL_SEX_KNOWN")->codes.size() == 2);
  CHECK(rb.table("POP")->dimensions == std::vector<std::string>{"SEX"});
  CHECK(*rb.message("fr", "label.unknown") == "{label} est inconnu");
  CHECK(*rb.message("pt", "label.unknown") == "{label} is unknown");  // falls back to the first language
}

TEST_CASE("rulebook: schema violations are reported with their JSON paths", "[rulebook]") {
  SECTION("missing top-level key") {
    json j = minimal();
    j.erase("languages");
    CHECK(problems_of(j) == std::vector<std::string>{"/: \"languages\" is required"});
  }
  SECTION("every problem, not just the first") {
    json j = minimal();
    j["tables"][0]["id"] = "pop";
    j["codelists"]["CL_SEX"]["codes"][0]["role"] = "boss";
    j["tables"][0]["required"] = "yes";
    const auto p = problems_of(j);
    REQUIRE(p.size() == 3);
    CHECK(p[0] == "/codelists/CL_SEX/codes/0/role: \"boss\" is not one of \"total\", \"unknown\", \"aggregate\", \"relative\", \"not_applicable\", \"residual\"");
    CHECK(p[1] == "/tables/0/id: \"pop\" does not match ^[A-Z][A-Z0-9_]*$");
    CHECK(p[2] == "/tables/0/required: must be boolean, not string");
  }
  SECTION("unknown keys and languages") {
    json j = minimal();
    j["tables"][0]["colour"] = "red";
    j["title"]["xx-"] = "?";
    const auto p = problems_of(j);
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "/tables/0: \"colour\" is not a known key here");
    CHECK(p[1] == "/title/xx-: \"xx-\" is not an allowed name here");
  }
  SECTION("rule level out of range and unknown kind") {
    json j = minimal();
    j["rules"] = json::parse(R"([{"id": "R1", "kind": "magic", "level": 7, "severity": "error",
                                  "label": {"en": "r", "fr": "r"}, "message": "label.unknown"}])");
    const auto p = problems_of(j);
    REQUIRE(p.size() == 2);
    CHECK(p[0].rfind("/rules/0/kind: \"magic\" is not one of", 0) == 0);
    CHECK(p[1] == "/rules/0/level: 7 is above the maximum 3");
  }
  SECTION("not JSON at all") {
    CHECK(migcheck::load_rulebook("{\n  \"format\": ,\n}").problems.at(0).message ==
          "not valid JSON at line 2, column 13");
  }
}

TEST_CASE("rulebook: cross-references are checked after the schema", "[rulebook]") {
  SECTION("unknown dimension in a table") {
    json j = minimal();
    j["tables"][0]["dimensions"] = {"SEX", "AGE"};
    CHECK(problems_of(j) == std::vector<std::string>{"/tables/0/dimensions/1: unknown dimension \"AGE\""});
  }
  SECTION("unknown code in a hierarchy, and a missing translation") {
    json j = minimal();
    j["codelists"]["CL_SEX"]["hierarchies"][0]["parts"] = {"M", "X"};
    j["codelists"]["CL_SEX"]["codes"][1]["label"].erase("fr");
    CHECK(problems_of(j) == std::vector<std::string>{
                               "/codelists/CL_SEX/codes/1/label: has no text in \"fr\", a language of the rulebook",
                               "/codelists/CL_SEX/hierarchies/0/parts/1: unknown code \"X\" of CL_SEX"});
  }
  SECTION("unknown code list, duplicate code, flag with an unknown status") {
    json j = minimal();
    j["dimensions"]["SEX"]["codelist"] = "CL_GENDER";
    j["codelists"]["CL_SEX"]["codes"][1]["id"] = "M";
    j["flags"][0]["obs_status"] = "Z";
    CHECK(problems_of(j) == std::vector<std::string>{
                               "/codelists/CL_SEX/codes/1/id: code \"M\" appears twice in CL_SEX",
                               "/codelists/CL_SEX/hierarchies/0/parts/1: unknown code \"F\" of CL_SEX",
                               "/dimensions/SEX/codelist: unknown code list \"CL_GENDER\"",
                               "/flags/0/obs_status: unknown code \"Z\" of CL_OBS_STATUS"});
  }
  SECTION("messages: missing in a language, or with other placeholders") {
    json j = minimal();
    j["messages"]["fr"]["label.unknown"] = "{etiquette} est inconnu";
    j["messages"]["en"]["extra"] = "only in English";
    CHECK(problems_of(j) == std::vector<std::string>{
                               "/messages/fr: message \"extra\" is missing",
                               "/messages/fr/label.unknown: uses other {placeholders} than in \"en\""});
  }
  SECTION("a codes sheet names its three columns, in the template's order") {
    json j = minimal();
    j["codes_sheet"] = {{"label", {{"en", "Codes"}, {"fr", "Codes"}}},
                        {"fields", {{{"id", "CODE"}, {"label", {{"en", "Code"}, {"fr", "Code"}}}},
                                    {{"id", "CODELIST"}, {"label", {{"en", "List"}, {"fr", "Liste"}}}}}}};
    CHECK(problems_of(j) ==
          std::vector<std::string>{
              "/codes_sheet/fields: the codes sheet has exactly the fields CODELIST, CODE and LABEL, in this order"});
  }
  SECTION("size limit") {
    migcheck::RulebookLimits limits;
    limits.max_bytes = 10;
    CHECK(migcheck::load_rulebook(minimal().dump(), limits).problems.at(0).message ==
          "the rulebook has " + std::to_string(minimal().dump().size()) + " bytes; at most 10 are accepted");
  }
}

TEST_CASE("rulebook: the bundled rulebook loads without a problem", "[rulebook]") {
  const auto load = migcheck::load_rulebook(migcheck::bundled_rulebook_json());
  std::string all;
  for (const auto& p : load.problems) all += p.path + ": " + p.message + "\n";
  INFO(all);
  CHECK(load.problems.empty());
  REQUIRE(load.ok());
  CHECK(load.rulebook->tables.size() == 13);
  CHECK(load.rulebook->languages == std::vector<std::string>{"en", "fr", "ar"});
}

TEST_CASE("rulebook: rule parameters are typed per kind at load, with their JSON path", "[rulebook][rules]") {
  const json bundled_json = json::parse(migcheck::bundled_rulebook_json());
  auto with_rule = [&](std::size_t index, const json& patch) {
    json j = bundled_json;
    j["rules"][index].merge_patch(patch);
    return j;
  };
  auto index_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < bundled_json["rules"].size(); ++i)
      if (bundled_json["rules"][i]["id"] == id) return i;
    FAIL("no rule " << id);
    return std::size_t{0};
  };
  const std::size_t metadata = index_of("SOURCES_COVER_TABLES"), hierarchy = index_of("ADDITIVITY"),
                    change = index_of("YEAR_ON_YEAR"), exclusion = index_of("REFUGEES_FROM_ABROAD");
  const std::string m = "/rules/" + std::to_string(metadata);
  CHECK(problems_of(with_rule(metadata, {{"check", "values"}})) ==
        std::vector<std::string>{m + "/check: \"values\" is not one of \"sources_cover_tables\", \"allowed_values\", \"field_given\", \"updated_within\""});
  const std::string h = "/rules/" + std::to_string(hierarchy);
  CHECK(problems_of(with_rule(hierarchy, {{"threshold", 0.5}})) ==
        std::vector<std::string>{h + "/threshold: \"threshold\" is not an allowed name here"});
  CHECK(problems_of(with_rule(hierarchy, {{"missing", "ignore"}})) ==
        std::vector<std::string>{h + "/missing: \"ignore\" is not one of \"skip_if_any_missing\", \"skip_if_all_missing\", \"treat_as_zero\""});
  const std::string c = "/rules/" + std::to_string(change);
  CHECK(problems_of(with_rule(change, {{"threshold", -1}})) == std::vector<std::string>{c + "/threshold: -1 is below the minimum 0"});
  const std::string e = "/rules/" + std::to_string(exclusion);
  CHECK(problems_of(with_rule(exclusion, {{"tables", {"REFUGEES"}}})) ==
        std::vector<std::string>{e + "/tables/0: unknown table \"REFUGEES\""});
  // The bundled rulebook itself loads, every rule with the parameters of its kind.
  const auto& rb = bundled();
  for (const auto& rule : rb.rules) {
    INFO(rule.id);
    CHECK(std::visit([](const auto& p) { return sizeof(p) > 0; }, rule.params));
  }
  CHECK(std::get<migcheck::ChangeParams>(rb.rules[change].params).threshold == 0.5);
}

TEST_CASE("rulebook: rules that contradict each other are load problems with their JSON path", "[rulebook][lint]") {
  CHECK(migcheck::rulebook::lint_rulebook(bundled()).empty());
  const json bundled_json = json::parse(migcheck::bundled_rulebook_json());
  auto rule_index = [&](const json& j, const std::string& id) {
    for (std::size_t i = 0; i < j["rules"].size(); ++i)
      if (j["rules"][i]["id"] == id) return i;
    return std::size_t{0};
  };
  SECTION("a total forbidden where completeness requires it") {
    json j = bundled_json;
    const std::size_t abroad = rule_index(j, "NATIONALS_ABROAD_NOT_AT_HOME");
    j["rules"][abroad]["codes"].push_back("_T");
    CHECK(problems_of(j) == std::vector<std::string>{
                               "/rules/" + std::to_string(abroad) + "/codes/2: forbids COUNTRY_OF_RESIDENCE=_T in ABR, the "
                               "total of hierarchy COUNTRY_TOTAL that completeness requires there"});
  }
  SECTION("every part of a hierarchy forbidden") {
    json j = bundled_json;
    const std::size_t refugees = rule_index(j, "REFUGEES_FROM_ABROAD");
    j["rules"][refugees]["dimension"] = "PROT_STATUS";
    j["rules"][refugees]["codes"] = {"REF", "ASY"};
    const std::string within = std::to_string(rule_index(j, "REFUGEES_WITHIN_FOREIGNERS"));
    CHECK(problems_of(j) == std::vector<std::string>{
                               "/rules/" + std::to_string(refugees) + "/codes/0: forbids every part of hierarchy "
                               "PROT_STATUS in REF: its total _T could only be 0",
                               "/rules/" + within + "/expression: reads REF[PROT_STATUS=REF], which /rules/" +
                                   std::to_string(refugees) + "/codes/0 forbids"});
  }
  SECTION("a check reading a forbidden slice, an exclusion that never applies") {
    json j = bundled_json;
    const std::size_t within = rule_index(j, "REFUGEES_WITHIN_FOREIGNERS");
    const std::size_t permits = rule_index(j, "PERMITS_NOT_FOR_NATIONALS");
    j["rules"][within]["expression"] = "REF[PROT_STATUS=REF,COUNTRY_OF_ORIGIN=NAT] <= POP_CTZ[CITIZENSHIP=FOR]";
    j["rules"][permits]["dimension"] = "SEX";
    const auto p = problems_of(j);
    REQUIRE(p.size() == 3);
    CHECK(p[0] == "/rules/" + std::to_string(permits) +
                      "/dimension: none of the rule's tables has the dimension \"SEX\": the exclusion never applies");
    CHECK(p[1] == "/rules/" + std::to_string(permits) + "/codes/1: unknown code \"NAT\" of CL_SEX");
    CHECK(p[2] == "/rules/" + std::to_string(within) + "/expression: reads REF[COUNTRY_OF_ORIGIN=NAT], which /rules/" +
                      std::to_string(rule_index(j, "REFUGEES_FROM_ABROAD")) + "/codes/1 forbids");
  }
}

TEST_CASE("rulebook: hostile rulebooks are refused with a problem, never a crash", "[rulebook][limits]") {
  auto rb = nlohmann::json::parse(migcheck::bundled_rulebook_json());
  SECTION("an id of 28,000 characters is refused by its length before any pattern is tried") {
    rb["tables"][0]["id"] = std::string(28000, 'A');
    const auto load = migcheck::load_rulebook(rb.dump());
    REQUIRE_FALSE(load.ok());
    CHECK(load.problems.front().path == "/tables/0/id");
  }
  SECTION("100,000 nested arrays are refused before parsing, never a stack overflow") {
    const auto load = migcheck::load_rulebook(std::string(100000, '[') + std::string(100000, ']'));
    REQUIRE_FALSE(load.ok());
    CHECK(load.problems.front().message.find("nests deeper") != std::string::npos);
  }
  SECTION("a number beyond a double (1e400)") {
    std::string text = rb.dump();
    const auto at = text.find("\"level\":");
    REQUIRE(at != std::string::npos);
    text.insert(at + 8, "1e400,\"x\":");
    const auto load = migcheck::load_rulebook(text);
    REQUIRE_FALSE(load.ok());
    CHECK(load.problems.front().message.find("1e400") != std::string::npos);
    const std::string& path = load.problems.front().path;
    CHECK(path.size() > 6);
    CHECK(path.substr(path.size() - 6) == "/level");  // where the number is, not only what it is
  }
  SECTION("a key written twice in one object is a problem at its path, not the last one winning") {
    std::string text = rb.dump();
    const std::string first_table = "\"tables\":[{";
    const auto at = text.find(first_table);
    REQUIRE(at != std::string::npos);
    text.insert(at + first_table.size(), "\"id\":\"POP_X\",");
    const auto load = migcheck::load_rulebook(text);
    REQUIRE_FALSE(load.ok());
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems.front().path == "/tables/0/id");
    CHECK(load.problems.front().message.find("written twice") != std::string::npos);
  }
  SECTION("the same key in two different objects is fine") {
    CHECK(migcheck::load_rulebook(rb.dump()).ok());
  }
}
