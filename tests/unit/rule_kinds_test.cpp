// Each rule kind alone, with its own small data and a rulebook that is not
// about migration (tests/rules/base-rulebook.json): tests/rules/<kind>/case.json
// adds the rules under test, names the input files (and last year's), and
// lists the findings those rules must make, as "RULE severity sheet!cell",
// optionally followed by the message key and param=value or related=cell.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "migcheck/validate.hpp"
#include "test_support.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kRules = fs::path(MIGCHECK_FIXTURES).parent_path() / "rules";

// The finding as the case writes it, with only the details the case asks for.
std::string describe(const migcheck::Finding& f, const std::string& expected) {
  std::string out = f.rule + " " + migcheck::severity_name(f.severity) + " " + f.sheet + "!" + f.cell;
  std::istringstream words(expected);
  std::string word;
  for (int k = 0; words >> word; ++k) {
    if (k < 3) continue;
    if (word.rfind("related=", 0) == 0) {
      out += " related=" + (f.related_cells.empty() ? std::string() : f.related_cells.front());
    } else if (const auto eq = word.find('='); eq != std::string::npos) {
      std::string value;
      for (const auto& [name, v] : f.params)
        if (name == word.substr(0, eq)) value = v;
      out += " " + word.substr(0, eq) + "=" + value;
    } else {
      out += " " + f.message_key;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("rule kinds: each kind alone, on its own rulebook and data (tests/rules)", "[rules][kinds]") {
  const json base = json::parse(slurp((kRules / "base-rulebook.json").string()));
  std::set<std::string> kinds_tested;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kRules))
    if (entry.is_directory() && fs::exists(entry.path() / "case.json")) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 13);
  for (const fs::path& dir : cases) {
    INFO("tests/rules/" << dir.filename().string());
    const json c = json::parse(slurp((dir / "case.json").string()));
    json rulebook = base;
    std::set<std::string> ids;
    for (const json& rule : c.at("rules")) {
      rulebook["rules"].push_back(rule);
      ids.insert(rule.at("id").get<std::string>());
      kinds_tested.insert(rule.at("kind").get<std::string>());
    }
    const auto load = migcheck::load_rulebook(rulebook.dump());
    std::string problems;
    for (const auto& p : load.problems) problems += p.path + ": " + p.message + "\n";
    INFO(problems);
    REQUIRE(load.ok());
    std::vector<std::string> bytes;  // kept alive for the inputs' views
    std::vector<migcheck::Input> inputs;
    for (const char* key : {"inputs", "previous"})
      for (const json& name : c.value(key, json::array())) bytes.push_back(slurp((dir / name.get<std::string>()).string()));
    std::size_t k = 0;
    for (const char* key : {"inputs", "previous"})
      for (const json& name : c.value(key, json::array())) {
        REQUIRE_FALSE(bytes[k].empty());
        inputs.push_back({name.get<std::string>(), bytes[k++], std::string(key) == "previous"});
      }
    const auto report = migcheck::validate(inputs, *load.rulebook);
    for (const auto& r : report.rules) CHECK(r.rule + ": " + r.error == r.rule + ": ");
    std::vector<std::string> expected = c.at("expected").get<std::vector<std::string>>();
    std::vector<std::string> got;
    for (const auto& f : report.findings) {
      if (!ids.count(f.rule)) continue;
      // Described with the details of the expected line that names the same rule and cell, if any.
      std::string detail = f.rule;
      for (const auto& e : expected)
        if (e.rfind(f.rule + " " + migcheck::severity_name(f.severity) + " " + f.sheet + "!" + f.cell, 0) == 0) detail = e;
      got.push_back(describe(f, detail));
    }
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
  }
  // Every kind the registry knows has its own case.
  for (const char* kind : {"structure", "hierarchy", "completeness", "partition", "exclusion", "share", "metadata",
                           "equal_totals", "expression", "balance", "change", "revision", "mirror"})
    CHECK(kinds_tested.count(kind) == 1);
}
