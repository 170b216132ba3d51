// A validator for the subset of JSON Schema (draft 2020-12) the rulebook
// schema uses: type, const, enum, required, properties, additionalProperties,
// propertyNames, min/maxProperties, items, min/maxItems, uniqueItems,
// minLength, maxLength, pattern, minimum, maximum, anyOf, and local $ref. It reports
// every violation with the JSON Pointer of the offending value.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace migcheck::rulebook {

struct SchemaViolation {
  std::string path;     // JSON Pointer into the instance ("/tables/3/id")
  std::string message;  // English
};

class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json schema) : root_(std::move(schema)) {}
  // Appends at most `max` violations.
  void validate(const nlohmann::json& instance, std::vector<SchemaViolation>& out, std::size_t max = 200) const;

 private:
  bool check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
             std::vector<SchemaViolation>* out, std::size_t max, int depth) const;
  const nlohmann::json* resolve(const std::string& ref) const;
  nlohmann::json root_;
};

// "/a~1b" style escaping of one JSON Pointer token.
std::string pointer_token(const std::string& key);

}  // namespace migcheck::rulebook
