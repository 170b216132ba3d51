// A validator for the subset of JSON Schema (draft 2020-12) the rulebook
// schema uses: type, const, enum, required, properties, additionalProperties,
// propertyNames, min/maxProperties, items, min/maxItems, uniqueItems,
// minLength, maxLength, pattern, minimum, maximum, anyOf, and local $ref. It reports
// every violation with the JSON Pointer of the offending value.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/rulebook.hpp"

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

// Parses `text` and checks it against `schema`: the document, or nullopt with
// every problem added to `problems` (JSON that does not parse: its line and
// column). Nesting deeper than `max_depth` is refused before parsing, so that
// no recursive walk (the schema's, nlohmann's dump) meets a hostile depth.
std::optional<nlohmann::json> parse_checked(std::string_view text, const JsonSchema& schema,
                                            std::vector<RulebookProblem>& problems, std::size_t max_depth = 64);

// "/a~1b" style escaping of one JSON Pointer token.
std::string pointer_token(const std::string& key);

}  // namespace migcheck::rulebook
