// The rulebook: harmonised definitions, code lists, table templates, value
// markers, messages and rules, loaded from JSON (docs/rulebook.md). Nothing
// about migration is known to the C++ code; it all comes from here.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"
#include "migcheck/rule_params.hpp"

namespace migcheck {

// Text per language, in the rulebook's language order.
struct Label {
  std::vector<std::pair<std::string, std::string>> texts;  // language -> text
  // The text in `language`, else in the first language, else "".
  const std::string& in(std::string_view language) const noexcept;
};
struct Synonyms {
  std::vector<std::pair<std::string, std::vector<std::string>>> texts;  // language -> texts
};

// residual: the rest of a list's members not given one by one ("Other countries", `_O`).
enum class CodeRole : std::uint8_t { individual, total, unknown, aggregate, relative, not_applicable, residual };

struct Code {
  std::string id;
  Label label;
  Synonyms synonyms;
  CodeRole role = CodeRole::individual;
  bool relative_to_reporting_country = false;
  bool has_range = false;
  double range_low = 0;                                         // inclusive
  double range_high = std::numeric_limits<double>::infinity();  // inclusive; infinity when open
  std::string group;
  std::string numeric;
  std::string alpha2;
};

struct Hierarchy {
  std::string id;
  std::string total;
  std::vector<std::string> parts;          // explicit parts, or
  bool all_individual_codes = false;       // every individual code ...
  bool except_reporting_country = false;   // ... other than the reporting country's
  std::vector<std::string> excluded;       // ... and other than these codes (STLS)
  std::vector<std::string> plus;           // ... and these codes besides (the residual `_O`)
  std::string group;
};

struct CodeList {
  std::string id;
  Label label;
  std::vector<Code> codes;
  std::vector<Hierarchy> hierarchies;
  const Code* find(std::string_view id) const noexcept;
};

enum class DimensionKind : std::uint8_t { coded, time };

struct Dimension {
  std::string id;
  std::string concept_id;
  Label label;
  Synonyms synonyms;
  DimensionKind kind = DimensionKind::coded;
  std::string codelist;  // empty for time
  bool reporting_country = false;
  // A code list whose labels name aggregates of this dimension's codes (regions,
  // development groups): a row so labelled is an aggregate a published table
  // carries, skipped with an info, not an unknown label. "" when none.
  std::string aggregates;
};

struct Measure {
  std::string id;
  Label label;
  Synonyms synonyms;
};

// What an attribute means to the checks: the status of a value (SDMX
// OBS_STATUS: markers and flags imply one) or its confidentiality.
enum class AttributeRole : std::uint8_t { none, observation_status, confidentiality };

struct Attribute {
  std::string id;
  Label label;
  Synonyms synonyms;
  std::string codelist;  // empty for text
  AttributeRole role = AttributeRole::none;
};

struct TableTemplate {
  std::string id;
  std::string module;
  Label label;
  Synonyms synonyms;
  std::vector<std::string> dimensions;
  std::vector<std::string> optional_dimensions;
  // Dimensions a source without that breakdown may leave out (UN DESA gives
  // no ages by country of birth): the table then holds their total code.
  std::vector<std::string> may_omit;
  // Codes a title says for the whole table ("International migrant stock": the
  // foreign-born, COUNTRY_OF_BIRTH FOR): a sheet titled with one of `phrases`
  // (any language) needs no column for these dimensions.
  struct TitleCodes {
    Synonyms phrases;
    std::vector<std::pair<std::string, std::string>> codes;  // dimension -> code
  };
  std::vector<TitleCodes> given_by_title;
  bool required = false;
};

enum class FieldKind : std::uint8_t { coded, time, text, date, boolean, table };

// What a field of the Sources (or Metadata) sheet says about who answers for
// a table (docs/agencies.md): the agency that produces it, the one that
// validates it, when its source was last updated, whom to ask.
enum class FieldRole : std::uint8_t { none, producer, validator, last_update, contact };

struct SheetField {
  std::string id;
  Label label;
  Synonyms synonyms;
  FieldKind kind = FieldKind::text;
  std::string codelist;
  bool required = false;
  FieldRole role = FieldRole::none;
};

struct SheetTemplate {
  Label label;
  Synonyms synonyms;
  std::vector<SheetField> fields;
  bool present = false;  // declared by the rulebook
};

struct Marker {
  std::string id;
  std::vector<std::string> texts;
  Label label;
  std::optional<double> value;
  std::string obs_status, conf_status;
};

struct Flag {
  std::string id;
  std::vector<std::string> suffixes;
  Label label;
  std::string obs_status, conf_status;
};

struct RangeWords {
  // up_to: "15 and under", "15 فما دون" (0-15, the bound included); open_low: "under 15" (0-14).
  std::vector<std::string> between, open_high, open_low, up_to, units;
};

struct Concept {
  std::string id;
  Label label;
  Label definition;
  std::string source;
};

// A rule as declared, with its kind's parameters parsed (rule_params.hpp).
struct RuleSpec {
  std::string id;
  std::string kind;
  int level = 0;
  Severity severity = Severity::error;
  Label label;
  std::string message;
  Label instruction;
  bool enabled = true;
  std::vector<std::string> tables;  // the tables it applies to; empty: every table
  RuleParams params;
  bool applies_to(std::string_view table) const noexcept {
    if (tables.empty()) return true;
    for (const auto& t : tables)
      if (t == table) return true;
    return false;
  }
};

class Rulebook {
 public:
  std::string id, version;
  Label title, description;
  std::vector<std::string> languages;
  std::vector<Concept> concepts;
  std::vector<CodeList> codelists;
  std::vector<Dimension> dimensions;
  Measure measure;
  std::vector<Attribute> attributes;
  std::vector<TableTemplate> tables;
  SheetTemplate metadata_sheet, sources_sheet;
  // A reference sheet listing the codes (fields CODELIST, CODE, LABEL, in the
  // template's column order): recognised as no table, written by the template.
  SheetTemplate codes_sheet;
  std::vector<Marker> markers;
  std::vector<Flag> flags;
  std::map<std::string, RangeWords> range_words;                     // language -> words
  // Words a label may carry or lack without changing what it names ("of", "the", "de", "la"),
  // so that "Congo, Dem. Rep." and "Dem. Rep. of the Congo" are one label.
  std::map<std::string, std::vector<std::string>> connector_words;  // language -> words
  std::map<std::string, std::map<std::string, std::string>> messages;  // language -> key -> template
  std::vector<RuleSpec> rules;

  const CodeList* codelist(std::string_view id) const noexcept;
  const Dimension* dimension(std::string_view id) const noexcept;
  const TableTemplate* table(std::string_view id) const noexcept;
  // The attribute with this role, or nullptr.
  const Attribute* attribute(AttributeRole role) const noexcept;
  // The message template for key in language (falling back to the first language), or nullptr.
  const std::string* message(std::string_view language, std::string_view key) const noexcept;
};

// One problem found while loading, at a JSON Pointer ("/tables/3/dimensions/1").
struct RulebookProblem {
  std::string path;
  std::string message;
};

struct RulebookLoad {
  std::optional<Rulebook> rulebook;      // set when there is no problem
  std::vector<RulebookProblem> problems;  // every problem, schema and cross-references
  bool ok() const noexcept { return rulebook.has_value(); }
};

struct RulebookLimits {
  std::size_t max_bytes = 16u << 20;
};

// Parses, validates against the rulebook JSON Schema, checks every
// cross-reference, and builds the model. Never throws.
RulebookLoad load_rulebook(std::string_view json_text, const RulebookLimits& limits = {});

// The rulebook compiled into migcheck (rulebooks/comesa-migration.json) and its schema.
std::string_view bundled_rulebook_json() noexcept;
std::string_view rulebook_schema_json() noexcept;

// Fills "{name}" placeholders of the rulebook's message `key` in `language` (else the
// built-in catalogue's, migcheck/messages.hpp), large numbers grouped as the language writes them.
std::string render_message(const Rulebook& rulebook, std::string_view language, std::string_view key,
                           const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace migcheck
