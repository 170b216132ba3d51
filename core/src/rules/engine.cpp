// Confronts every file with every enabled rule; rules never throw, a rule
// that cannot be evaluated is recorded in its summary.
#include <algorithm>
#include <cmath>

#include "migcheck/messages.hpp"
#include "migcheck/version.hpp"
#include "rules/engine.hpp"
#include "util/text.hpp"
#include "migcheck/json_writer.hpp"

namespace migcheck {
namespace rules {

namespace {

// What makes findings one problem: the rule, the message, the file and table,
// and the parameters that name what is wrong (the dimension and total of an
// additivity check, the label not recognised, the field, the code), not the
// cell, key or values that differ from one occurrence to the next.
std::string cause_of(const Finding& f) {
  std::string cause = f.file + '\x1f' + f.rule + '\x1f' + f.message_key + '\x1f' + f.table;
  for (const auto& [name, value] : f.params)
    if (name == "dimension" || name == "total" || name == "label" || name == "field" || name == "code" ||
        name == "header" || name == "sheet" || name == "other_table" || name == "codes" || name == "rule")
      cause += '\x1f' + name + '=' + value;
  return cause;
}

}  // namespace

void FindingSink::add(Finding f) {
  // Checks across files also look at last year's return; what they find
  // there alone was reported last year.
  if (ignored_.count(f.file)) return;
  switch (f.severity) {
    case Severity::error: ++report_.errors; break;
    case Severity::warning: ++report_.warnings; break;
    case Severity::info: ++report_.infos; break;
  }
  const std::string cause = cause_of(f);
  auto [at, fresh] = problem_of_cause_.emplace(cause, report_.problems.size());
  if (fresh) {
    Problem p;
    p.rule = f.rule;
    p.severity = f.severity;
    p.level = f.level;
    p.file = f.file;
    p.table = f.table;
    p.sheet = f.sheet;
    p.cell = f.cell;
    p.message_key = f.message_key;
    p.message = f.message;
    report_.problems.push_back(std::move(p));
    ++(f.severity == Severity::error ? report_.error_problems
       : f.severity == Severity::warning ? report_.warning_problems : report_.info_problems);
  }
  Problem& problem = report_.problems[at->second];
  ++problem.count;
  if (!f.cell.empty() && problem.cells.size() < kProblemCells)
    problem.cells.push_back(f.sheet.empty() ? f.cell : f.sheet + "!" + f.cell);
  if (kept_in_file_ >= cap_) {
    report_.partial = true;
    return;
  }
  ++kept_in_file_;
  problem.findings.push_back(report_.findings.size());
  report_.findings.push_back(std::move(f));
}

void FindingSink::order_problems(const Rulebook& rulebook) {
  std::unordered_map<std::string, std::size_t> table_rank;
  for (std::size_t t = 0; t < rulebook.tables.size(); ++t) table_rank.emplace(rulebook.tables[t].id, t + 1);
  auto rank_of = [&](const std::string& table) -> std::size_t {
    if (table.empty()) return 0;  // the file or the return as a whole
    const auto found = table_rank.find(table);
    return found == table_rank.end() ? table_rank.size() + 1 : found->second;
  };
  std::stable_sort(report_.problems.begin(), report_.problems.end(), [&](const Problem& a, const Problem& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    if (a.level != b.level) return a.level < b.level;
    return rank_of(a.table) < rank_of(b.table);
  });
  problem_of_cause_.clear();  // its indices no longer hold; no finding may follow
}

Finding RuleRun::finding(const FileContext& file, std::string table, std::string sheet, std::string cell,
                         std::vector<std::pair<std::string, std::string>> params) const {
  return finding(file.report.file, std::move(table), std::move(sheet), std::move(cell), std::move(params));
}

Finding RuleRun::finding(const std::string& file, std::string table, std::string sheet, std::string cell,
                         std::vector<std::pair<std::string, std::string>> params) const {
  Finding f;
  f.rule = spec.id;
  f.severity = spec.severity;
  f.level = spec.level;
  f.file = file;
  f.table = std::move(table);
  f.sheet = std::move(sheet);
  f.cell = std::move(cell);
  f.message_key = spec.message;
  util::clip_quoted_params(params);
  f.params = std::move(params);
  f.message = render_message(rulebook, language, f.message_key, with_labels(f.params));
  return f;
}

namespace {

const std::string* param(const MessageParams& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

}  // namespace

// "CITIZENSHIP=UGA, SEX=M, TIME_PERIOD=2024" as "Citizenship: Uganda; Sex: Male;
// Time period: 2024", in the report's language; a part it cannot name stays as written.
std::string RuleRun::key_in_words(const std::string& key) const {
  std::string out;
  for (std::size_t at = 0; at < key.size();) {
    std::size_t comma = key.find(", ", at);
    if (comma == std::string::npos) comma = key.size();
    const std::string part = key.substr(at, comma - at);
    const std::size_t equals = part.find('=');
    std::string words = part;
    if (const Dimension* d = equals == std::string::npos ? nullptr : rulebook.dimension(part.substr(0, equals))) {
      const std::string code = part.substr(equals + 1);
      const CodeList* list = rulebook.codelist(d->codelist);
      const Code* c = list ? list->find(code) : nullptr;
      const std::string& code_words = c ? c->label.in(language) : code;
      words = d->label.in(language) + ": " + (code_words.empty() ? code : code_words);
    }
    out += (out.empty() ? "" : "; ") + words;
    at = comma + 2;
  }
  return out;
}

// The names a message may use beside the codes a finding keeps (its params stay
// codes, for the JSON and the details): {table_label}, {dimension_label},
// {total_label}, {code_label}, {other_table_label}, {field_label} and {key_label} in the report's language, and {parts_label},
// the parts' labels, the middle ones left out past six ("0-4 years + 5-9 years + … + Unknown").
MessageParams RuleRun::with_labels(const MessageParams& params) const {
  MessageParams out = params;
  const std::string* table = param(params, "table");
  if (table)
    if (const TableTemplate* t = rulebook.table(*table)) out.emplace_back("table_label", t->label.in(language));
  if (const std::string* other = param(params, "other_table"))
    if (const TableTemplate* t = rulebook.table(*other)) out.emplace_back("other_table_label", t->label.in(language));
  if (const std::string* key = param(params, "key")) out.emplace_back("key_label", key_in_words(*key));
  if (const std::string* field = param(params, "field"))
    for (const SheetTemplate* sheet : {&rulebook.sources_sheet, &rulebook.metadata_sheet})
      for (const SheetField& f : sheet->fields)
        if (f.id == *field && !param(out, "field_label")) out.emplace_back("field_label", f.label.in(language));
  const std::string* dimension_id = param(params, "dimension");
  const Dimension* dimension = dimension_id ? rulebook.dimension(*dimension_id) : nullptr;
  if (!dimension) return out;
  out.emplace_back("dimension_label", dimension->label.in(language));
  const CodeList* list = rulebook.codelist(dimension->codelist);
  auto label_of = [&](const std::string& code) -> std::string {
    const Code* c = list ? list->find(code) : nullptr;
    const std::string& text = c ? c->label.in(language) : std::string();
    return text.empty() ? code : text;
  };
  if (const std::string* total = param(params, "total")) out.emplace_back("total_label", label_of(*total));
  if (const std::string* code = param(params, "code")) out.emplace_back("code_label", label_of(*code));
  if (const std::string* parts = param(params, "parts")) {
    std::vector<std::string> labels;
    for (std::size_t at = 0; at <= parts->size();) {
      const std::size_t plus = parts->find(" + ", at);
      const std::size_t end = plus == std::string::npos ? parts->size() : plus;
      if (end > at) labels.push_back(label_of(parts->substr(at, end - at)));
      if (plus == std::string::npos) break;
      at = plus + 3;
    }
    constexpr std::size_t kShown = 6;
    std::string text;
    for (std::size_t k = 0; k < labels.size(); ++k) {
      if (labels.size() > kShown && k == 2) {
        text += " + \xE2\x80\xA6";
        k = labels.size() - 2;
      }
      text += (text.empty() ? "" : " + ") + labels[k];
    }
    out.emplace_back("parts_label", std::move(text));
  }
  return out;
}

bool is_member(const Hierarchy& h, const CodeList& list, const std::string& code, const std::string& reporting) {
  const Code* c = list.find(code);
  return h.all_individual_codes && c && c->role == CodeRole::individual &&
         !(h.except_reporting_country && code == reporting) &&
         std::find(h.excluded.begin(), h.excluded.end(), code) == h.excluded.end();
}

bool is_part_of(const Hierarchy& h, const CodeList& list, const std::string& code, const std::string& reporting) {
  if (!h.all_individual_codes) return std::find(h.parts.begin(), h.parts.end(), code) != h.parts.end();
  return is_member(h, list, code, reporting) || std::find(h.plus.begin(), h.plus.end(), code) != h.plus.end();
}

bool skip_for_missing(MissingStrategy strategy, std::size_t numbers, std::size_t markers) {
  return (strategy == MissingStrategy::skip_if_any_missing && markers > 0) ||
         (strategy == MissingStrategy::skip_if_all_missing && numbers == 0);
}

std::unordered_map<std::string, std::uint32_t> symbol_index(const RecognisedTable& table) {
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < table.symbols.size(); ++i) index.emplace(table.symbols[i], i);
  return index;
}

std::string cell_of(const RecognisedTable& table, std::size_t i) { return a1(table.row[i], table.column[i]); }

const std::string& sheet_of(const FileContext& file, const RecognisedTable& table, std::size_t i) {
  static const std::string none;
  return table.sheet[i] < file.sheet_names.size() ? file.sheet_names[table.sheet[i]] : none;
}

std::vector<std::pair<std::string, std::string>> observation_key(const RecognisedTable& table, std::size_t i) {
  std::vector<std::pair<std::string, std::string>> key;
  for (std::size_t d = 0; d < table.dimensions.size(); ++d) key.emplace_back(table.dimensions[d], table.code(i, d));
  return key;
}

std::string total_code(const Rulebook& rulebook, std::string_view dimension) {
  const Dimension* dim = rulebook.dimension(dimension);
  const CodeList* list = dim ? rulebook.codelist(dim->codelist) : nullptr;
  if (list)
    for (const Code& c : list->codes)
      if (c.role == CodeRole::total) return c.id;
  return std::string();
}

std::string time_dimension_id(const Rulebook& rulebook) {
  for (const auto& d : rulebook.dimensions)
    if (d.kind == DimensionKind::time) return d.id;
  return std::string();
}

std::string country_dimension_id(const Rulebook& rulebook) {
  for (const auto& d : rulebook.dimensions)
    if (d.reporting_country) return d.id;
  return std::string();
}

std::string format_number(double v) {
  std::string s;
  util::append_json_number(s, v);
  return s;
}

// A reader's diagnostic as a finding of level 0, in the requested language.
Finding finding_of(const Diagnostic& d, const std::string& file, const std::string& language) {
  Finding f;
  f.rule = error_id(d.code);
  f.severity = d.severity;
  f.file = file;
  f.sheet = d.where.sheet;
  f.cell = d.where.cell;
  f.message_key = message_key(d);
  Diagnostic quoted = d;
  util::clip_quoted_params(quoted.params);
  f.message = render_diagnostic(quoted, language);
  f.params = std::move(quoted.params);
  return f;
}

namespace {

using FileRule = void (*)(const RuleRun&, const FileContext&);
using DatasetRule = void (*)(const RuleRun&, const Dataset&);

// The registry: what runs each kind of rule. Kinds about one table or one
// file run file by file; kinds that compare tables of several files (a
// return split in CSV files, several years, several countries) run once,
// after every file is read.
struct KindRunner {
  FileRule file = nullptr;
  DatasetRule dataset = nullptr;
  KindRunner operator()(const StructureParams& p) const {
    switch (p.check) {
      case StructureParams::Check::values: return {run_values};
      case StructureParams::Check::duplicates: return {run_duplicates};
      case StructureParams::Check::marker_status:
      case StructureParams::Check::status_value: return {run_statuses};
    }
    return {};
  }
  KindRunner operator()(const HierarchyParams&) const { return {run_hierarchy}; }
  KindRunner operator()(const CompletenessParams&) const { return {run_completeness}; }
  KindRunner operator()(const PartitionParams&) const { return {run_partition}; }
  KindRunner operator()(const ExclusionParams&) const { return {run_exclusion}; }
  KindRunner operator()(const ShareParams&) const { return {run_share}; }
  KindRunner operator()(const MetadataParams&) const { return {run_metadata}; }
  KindRunner operator()(const EqualTotalsParams&) const { return {nullptr, run_equal_totals}; }
  KindRunner operator()(const ExpressionParams&) const { return {nullptr, run_expression}; }
  KindRunner operator()(const BalanceParams&) const { return {nullptr, run_balance}; }
  KindRunner operator()(const ChangeParams&) const { return {nullptr, run_change}; }
  KindRunner operator()(const RevisionParams&) const { return {nullptr, run_revision}; }
  KindRunner operator()(const MirrorParams&) const { return {nullptr, run_mirror}; }
};

KindRunner runner_of(const RuleSpec& spec) { return std::visit(KindRunner{}, spec.params); }

std::string unsupported(const RuleSpec& spec) {
  return "rule kind \"" + spec.kind + "\" is not supported by migcheck " + kVersion;
}

}  // namespace

void start_summaries(Report& report, const Rulebook& rulebook) {
  for (const RuleSpec& spec : rulebook.rules) {
    RuleSummary s;
    s.rule = spec.id;
    s.kind = spec.kind;
    s.severity = spec.severity;
    s.level = spec.level;
    report.rules.push_back(std::move(s));
  }
}

void run_file_rules(const Rulebook& rulebook, const FileContext& context, Report& report, FindingSink& sink,
                    const std::string& language, const std::function<void(std::size_t)>& done) {
  for (std::size_t k = 0; k < rulebook.rules.size(); ++k) {
    const RuleSpec& spec = rulebook.rules[k];
    if (!spec.enabled) continue;
    const KindRunner runner = runner_of(spec);
    if (runner.dataset) continue;
    RuleSummary& summary = report.rules[k];
    if (!runner.file) {
      summary.error = unsupported(spec);
      continue;
    }
    const RuleRun run{rulebook, spec, summary, sink, language};
    try {
      runner.file(run, context);
    } catch (const std::exception& e) {
      summary.error = e.what();  // recorded, never thrown further
    }
    if (done) done(k);
  }
}

void run_dataset_rules(const Rulebook& rulebook, Report& report, FindingSink& sink, const std::string& language,
                       const std::function<void(std::size_t)>& done) {
  const Dataset data(report.files);
  for (std::size_t r = 0; r < rulebook.rules.size(); ++r) {
    const RuleSpec& spec = rulebook.rules[r];
    const auto function = runner_of(spec).dataset;
    if (!spec.enabled || !function) continue;
    const RuleRun run{rulebook, spec, report.rules[r], sink, language, &report.asymmetries};
    try {
      function(run, data);
    } catch (const std::exception& e) {
      report.rules[r].error = e.what();
    }
    if (done) done(r);
  }
}

}  // namespace rules
}  // namespace migcheck
