// Helpers shared by the test files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "migcheck/rulebook.hpp"
#include "migcheck/validate.hpp"

// The whole file, or "" when it cannot be read.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The bundled COMESA rulebook, loaded once.
inline const migcheck::Rulebook& bundled() {
  static const auto load = migcheck::load_rulebook(migcheck::bundled_rulebook_json());
  REQUIRE(load.ok());
  return *load.rulebook;
}

// The findings of one rule (or built-in check), in the report's order.
inline std::vector<const migcheck::Finding*> of_rule(const migcheck::Report& r, const std::string& rule) {
  std::vector<const migcheck::Finding*> out;
  for (const auto& f : r.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}
