// What every rule kind gets: its declaration and parameters, the file's
// recognised tables, and a sink for findings that counts everything and
// keeps findings up to the cap.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "migcheck/messages.hpp"
#include "migcheck/report.hpp"
#include "rules/dataset.hpp"

namespace migcheck::rules {

class FindingSink {
 public:
  FindingSink(Report& report, std::size_t cap) : report_(report), cap_(cap) {}
  void start_file() { kept_in_file_ = 0; }
  void ignore_file(const std::string& file) { ignored_.insert(file); }
  void add(Finding f);
  // Puts the report's problems in the order a user fixes them (docs/report.md):
  // errors, then warnings, then infos; within each, what stops the file being
  // read or its tables recognised (level 0) before the checks of its figures
  // (1 within a table, 2 across tables and years, 3 across countries); then by
  // table, in the rulebook's order (the file as a whole first); then in the
  // order found. Call once, after the last finding.
  void order_problems(const Rulebook& rulebook);

 private:
  std::set<std::string> ignored_;
  std::unordered_map<std::string, std::size_t> problem_of_cause_;
  Report& report_;
  std::size_t cap_;
  std::size_t kept_in_file_ = 0;
};

struct FileContext {
  const FileReport& report;  // the file's report: its name, what was read and recognised
  std::vector<std::string> sheet_names;
};

struct RuleRun {
  const Rulebook& rulebook;
  const RuleSpec& spec;
  RuleSummary& summary;
  FindingSink& sink;
  const std::string& language;
  std::vector<Asymmetry>* asymmetries = nullptr;  // for mirror rules

  // A finding of this rule, with its message rendered.
  Finding finding(const FileContext& file, std::string table, std::string sheet, std::string cell,
                  std::vector<std::pair<std::string, std::string>> params) const;
  Finding finding(const std::string& file, std::string table, std::string sheet, std::string cell,
                  std::vector<std::pair<std::string, std::string>> params) const;
  // The params a message is rendered from: the finding's, and the labels of the codes they name.
  MessageParams with_labels(const MessageParams& params) const;
  std::string key_in_words(const std::string& key) const;
  bool applies_to(const std::string& table) const { return spec.applies_to(table); }
  // The rule's parameters, of the kind the registry dispatched it to.
  template <typename Params>
  const Params& params() const {
    return *std::get_if<Params>(&spec.params);
  }
};

// Symbol ids of a recognised table by text, built once per table.
std::unordered_map<std::string, std::uint32_t> symbol_index(const RecognisedTable& table);
// "B7" of observation i, and its sheet name.
std::string cell_of(const RecognisedTable& table, std::size_t i);
const std::string& sheet_of(const FileContext& file, const RecognisedTable& table, std::size_t i);
std::string format_number(double v);
// The code of role `total` of a dimension's code list ("_T"), or "" when it has none.
std::string total_code(const Rulebook& rulebook, std::string_view dimension);
// The ids of the time dimension and of the reporting-country dimension, or "".
std::string time_dimension_id(const Rulebook& rulebook);
std::string country_dimension_id(const Rulebook& rulebook);
// Every dimension -> code of observation i, for Finding::key.
std::vector<std::pair<std::string, std::string>> observation_key(const RecognisedTable& table, std::size_t i);

// The codes the enabled exclusion rules forbid in a table's dimension (check
// 11), with "reporting_country" as the reporting country's own code: what
// completeness never asks for.
std::vector<std::string> excluded_codes(const Rulebook& rulebook, const std::string& table, const std::string& dimension,
                                        const std::string& reporting);
// For a hierarchy whose parts are `members_of_role`: whether `code` is one of those members (an
// individual code of `list`, not the reporting country where excepted, not an excluded code).
bool is_member(const Hierarchy& h, const CodeList& list, const std::string& code, const std::string& reporting);
// Whether `code` is a part of `h`: listed, a member, or one of its `plus` codes (the residual).
bool is_part_of(const Hierarchy& h, const CodeList& list, const std::string& code, const std::string& reporting);

// The missing-value strategy: whether a check with `numbers` terms that have
// a number and `markers` that hold only a marker is skipped.
bool skip_for_missing(MissingStrategy strategy, std::size_t numbers, std::size_t markers);

// Rule kinds.
void run_hierarchy(const RuleRun& run, const FileContext& file);
void run_values(const RuleRun& run, const FileContext& file);
void run_duplicates(const RuleRun& run, const FileContext& file);
void run_exclusion(const RuleRun& run, const FileContext& file);
void run_share(const RuleRun& run, const FileContext& file);
void run_metadata(const RuleRun& run, const FileContext& file);
void run_completeness(const RuleRun& run, const FileContext& file);
void run_partition(const RuleRun& run, const FileContext& file);
void run_statuses(const RuleRun& run, const FileContext& file);

// Kinds that see every file at once (after each file's own rules).
void run_equal_totals(const RuleRun& run, const Dataset& data);
void run_expression(const RuleRun& run, const Dataset& data);
void run_balance(const RuleRun& run, const Dataset& data);
void run_change(const RuleRun& run, const Dataset& data);
void run_mirror(const RuleRun& run, const Dataset& data);
void run_revision(const RuleRun& run, const Dataset& data);

}  // namespace migcheck::rules
