// The parameters of each rule kind (docs/rules.md), parsed once when the
// rulebook loads: a wrong parameter is a load problem with its JSON path,
// never a throw while a return is checked.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace migcheck {

// |actual - expected| <= absolute + relative x |expected|
struct Tolerance {
  double absolute = 0, relative = 0;
  double allowed(double expected) const noexcept { return absolute + relative * (expected < 0 ? -expected : expected); }
};

// What a check does when some of its terms hold a marker and no number (DHIS2's missing-value strategy).
enum class MissingStrategy { skip_if_any_missing, skip_if_all_missing, treat_as_zero };

struct StructureParams {
  enum class Check { values, duplicates, marker_status, status_value } check = Check::values;
  std::vector<std::string> no_value_statuses;  // status_value
};
struct HierarchyParams {
  MissingStrategy missing = MissingStrategy::skip_if_any_missing;
  Tolerance tolerance;
  std::vector<std::string> hierarchies;  // empty: all
};
struct CompletenessParams {
  std::vector<std::string> optional_codes;
};
struct PartitionParams {};
struct ExclusionParams {
  std::string dimension;
  std::vector<std::string> codes;  // "reporting_country" stands for the reporting country's code
};
struct ShareParams {
  double threshold = 0.05;
};
struct MetadataParams {
  // field_given: every Sources row fills `field`; updated_within: `field`, a
  // date, is at most `months` before the end of the return's reference year.
  enum class Check { sources_cover_tables, allowed_values, field_given, updated_within } check =
      Check::sources_cover_tables;
  std::string field;
  std::vector<std::string> allowed;
  int months = 12;
};
struct EqualTotalsParams {
  std::vector<std::vector<std::string>> groups;
  Tolerance tolerance;
};
struct ExpressionParams {
  std::string expression;
  MissingStrategy missing = MissingStrategy::skip_if_any_missing;
  Tolerance tolerance;
  std::vector<std::string> for_each;
};
struct BalanceParams {
  std::string stock;
  std::vector<std::string> inflows, outflows;
  MissingStrategy missing = MissingStrategy::skip_if_any_missing;
  Tolerance tolerance;
  int max_gap = 10;
};
struct ChangeParams {
  double threshold = 0.5, min_base = 0;
  int max_gap = 10;
};
struct RevisionParams {
  Tolerance tolerance;
};
struct MirrorParams {
  struct Side {
    std::string table, partner;
  };
  Side left, right;
  Tolerance tolerance;
};

using RuleParams = std::variant<StructureParams, HierarchyParams, CompletenessParams, PartitionParams, ExclusionParams,
                                ShareParams, MetadataParams, EqualTotalsParams, ExpressionParams, BalanceParams,
                                ChangeParams, RevisionParams, MirrorParams>;

}  // namespace migcheck
