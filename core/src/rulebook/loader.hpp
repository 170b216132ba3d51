// The rulebook loader's builder: from a JSON document that passed the schema
// to the model, every cross-reference checked and every problem collected
// with its JSON Pointer (loader.cpp: code lists, dimensions, tables, sheets,
// markers; loader_rules.cpp: messages, expressions, rules).
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/rulebook.hpp"

namespace migcheck::rulebook {

using nlohmann::json;

// The item of `items` with that id, or nullptr.
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

class Loader {
 public:
  explicit Loader(RulebookLoad& out) : out_(out) {}

  void problem(std::string path, std::string message) { out_.problems.push_back({std::move(path), std::move(message)}); }

  Label label(const json& j, const std::string& path);

  Label optional_label(const json& parent, const char* key, const std::string& path);

  Synonyms synonyms(const json& parent, const std::string& path) { return synonyms_at(parent, "synonyms", path); }

  // Texts per language under `key` ("synonyms", "phrases").
  Synonyms synonyms_at(const json& parent, const char* key, const std::string& path);

  static std::string str(const json& parent, const char* key);

  void build(const json& j);

  void build_codelists(const json& lists);

  bool has_total(const std::string& codelist) const;

  CodeList* find_mutable(const std::string& id);

  void need_codelist(const std::string& id, const std::string& path);

  void build_dimensions(const json& j);

  void build_tables(const json& j);

  void build_sheet(const json& j, const char* key, SheetTemplate& out);

  void build_sheets(const json& j);

  void check_status(AttributeRole role, const std::string& code, const std::string& path);

  void build_markers(const json& j);

  static std::set<std::string> placeholders(const std::string& text);

  void build_messages(const json& messages);

  // Expressions are parsed and checked against the tables and code lists
  // here, so that a mistake is reported with its rule and character before
  // any file is validated.
  void check_expression_text(const json& text, const std::string& path, bool operand);

  void check_rule_expressions(const json& rj, const std::string& path, const std::string& kind);
  void check_sources_field(const RuleSpec& r, const std::string& path);

  void build_rules(const json& rules);

  Rulebook rb_;

 private:
  RulebookLoad& out_;
  std::set<std::string> languages_;
};

}  // namespace migcheck::rulebook
