// Confronts every file with every enabled rule; rules never throw, a rule
// that cannot be evaluated is recorded in its summary.
#include <algorithm>
#include <cmath>

#include "migcheck/messages.hpp"
#include "migcheck/read.hpp"
#include "migcheck/version.hpp"
#include "rules/rule_run.hpp"
#include "util/json_writer.hpp"

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
        name == "header" || name == "sheet" || name == "other_table" || name == "codes")
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

Finding RuleRun::finding(const FileContext& file, std::string table, std::string sheet, std::string cell,
                         std::vector<std::pair<std::string, std::string>> params) const {
  return finding(file.file.file, std::move(table), std::move(sheet), std::move(cell), std::move(params));
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
  f.params = std::move(params);
  f.message = render_message(rulebook, language, f.message_key, f.params);
  return f;
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

namespace {

// A reader's diagnostic as a finding of level 0, in the requested language.
Finding finding_of(const Diagnostic& d, const std::string& file, const std::string& language) {
  Finding f;
  f.rule = error_id(d.code);
  f.severity = d.severity;
  f.file = file;
  f.sheet = d.where.sheet;
  f.cell = d.where.cell;
  f.message_key = message_key(d);
  f.message = render_diagnostic(d, language);
  f.params = d.params;
  return f;
}

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
}  // namespace rules

Report validate(const std::vector<Input>& inputs, const Rulebook& rulebook, const ValidationOptions& options) {
  Report report;
  report.rulebook_id = rulebook.id;
  report.rulebook_version = rulebook.version;
  report.language = options.language;
  rules::FindingSink sink(report, options.max_findings_per_file);
  for (const RuleSpec& spec : rulebook.rules) {
    RuleSummary s;
    s.rule = spec.id;
    s.kind = spec.kind;
    s.severity = spec.severity;
    s.level = spec.level;
    report.rules.push_back(std::move(s));
  }

  // Progress: each file's share of the whole is its share of the bytes;
  // within a file, reading takes the first 75 %, recognition to 85 %, rules the rest.
  constexpr double kAcrossShare = 0.02;
  std::uint64_t total_bytes = 0;
  for (const Input& input : inputs) total_bytes += input.bytes.size();
  double file_start = 0, file_share = 0, last_fraction = 0;
  std::size_t file_index = 0;
  auto report_progress = [&](std::string_view stage, double within_file) {
    if (!options.progress) return;
    double fraction = stage == "across" ? (1 - kAcrossShare) + kAcrossShare * within_file
                                        : (file_start + file_share * within_file) * (1 - kAcrossShare);
    fraction = std::min(1.0, std::max(last_fraction, fraction));
    last_fraction = fraction;
    options.progress(Progress{stage, file_index, inputs.size(), fraction});
  };

  ReadOptions read_options;
  read_options.limits = options.limits;
  read_options.progress = [&](std::uint64_t done, std::uint64_t total) {
    report_progress("read", total ? 0.75 * static_cast<double>(done) / static_cast<double>(total) : 0.75);
  };
  if (!options.progress) read_options.progress = nullptr;
  RecogniseOptions recognise_options;
  recognise_options.language = options.language;
  recognise_options.mapping = options.mapping;
  // First every file is read and recognised (its cells freed at once), so
  // that a return split in files can share its Metadata; then each file's
  // own rules run, in the order of the files.
  struct Recognised {
    FileReport file;
    std::vector<Finding> findings;  // the reader's and recognition's, in order
    std::vector<std::string> sheet_names;
    double start = 0, share = 0;
  };
  std::vector<Recognised> recognised;
  recognised.reserve(inputs.size());
  for (const Input& input : inputs) {
    file_share = total_bytes ? static_cast<double>(input.bytes.size()) / static_cast<double>(total_bytes)
                             : 1.0 / static_cast<double>(inputs.size());
    report_progress("read", 0);
    Recognised r;
    r.start = file_start;
    r.share = file_share;
    r.file.file = input.name;
    r.file.previous = input.previous;
    auto read = read_workbook(input.bytes, input.name, read_options);
    if (!read) {
      // An unreadable file is an error finding, never a crash.
      Finding f = rules::finding_of(read.error(), input.name, options.language);
      f.severity = Severity::error;
      r.file.read_error = read.error();
      r.findings.push_back(std::move(f));
    } else {
      Workbook workbook = std::move(read.value());
      r.file.format = file_format_name(workbook.format);
      r.file.cells_read = workbook.stats.cells;
      report.cells_read += workbook.stats.cells;
      report_progress("recognise", 0.75);
      r.file.recognition = recognise(workbook, rulebook, recognise_options);
      // The reader's own diagnostics (Windows-1252, formulas without values) are findings too.
      for (const Diagnostic& d : workbook.diagnostics) r.findings.push_back(rules::finding_of(d, input.name, options.language));
      for (const Sheet& sheet : workbook.sheets) r.sheet_names.push_back(sheet.name);
      // The rules read the recognised tables only: the cells go before the rules' own memory comes.
    }
    recognised.push_back(std::move(r));
    file_start += file_share;
    ++file_index;
  }
  {
    std::vector<Recognition*> current;
    for (Recognised& r : recognised)
      if (!r.file.previous && !r.file.read_error) current.push_back(&r.file.recognition);
    share_return_metadata(current, rulebook, recognise_options);
  }
  file_index = 0;
  for (Recognised& r : recognised) {
    file_start = r.start;
    file_share = r.share;
    sink.start_file();
    FileReport& file = r.file;
    if (file.previous) {
      // Last year's return was accepted then; only its observations matter now.
      file.recognition.findings.clear();
      report.files.push_back(std::move(file));
      ++file_index;
      continue;
    }
    for (Finding& f : r.findings) sink.add(std::move(f));
    if (file.read_error) {
      report.files.push_back(std::move(file));
      ++file_index;
      continue;
    }
    report_progress("check", 0.85);
    for (const Finding& f : file.recognition.findings) sink.add(f);
    rules::FileContext context{file, std::move(r.sheet_names)};
    for (std::size_t k = 0; k < rulebook.rules.size(); ++k) {
      const RuleSpec& spec = rulebook.rules[k];
      if (!spec.enabled) continue;
      const rules::KindRunner runner = rules::runner_of(spec);
      if (runner.dataset) continue;
      RuleSummary& summary = report.rules[k];
      const auto function = runner.file;
      if (!function) {
        summary.error = rules::unsupported(spec);
        continue;
      }
      const rules::RuleRun run{rulebook, spec, summary, sink, options.language};
      try {
        function(run, context);
      } catch (const std::exception& e) {
        summary.error = e.what();  // recorded, never thrown further
      }
      report_progress("check", 0.85 + 0.15 * static_cast<double>(k + 1) / static_cast<double>(rulebook.rules.size()));
    }
    file.recognition.findings.clear();  // they are in report.findings now
    report.files.push_back(std::move(file));
    ++file_index;
  }
  sink.start_file();
  for (const FileReport& f : report.files)
    if (f.previous) sink.ignore_file(f.file);
  const rules::Dataset data(report.files);
  for (std::size_t r = 0; r < rulebook.rules.size(); ++r) {
    const RuleSpec& spec = rulebook.rules[r];
    const auto function = rules::runner_of(spec).dataset;
    if (!spec.enabled || !function) continue;
    const rules::RuleRun run{rulebook, spec, report.rules[r], sink, options.language, &report.asymmetries};
    try {
      function(run, data);
    } catch (const std::exception& e) {
      report.rules[r].error = e.what();
    }
    report_progress("across", static_cast<double>(r + 1) / static_cast<double>(rulebook.rules.size()));
  }
  report_progress("across", 1);
  return report;
}

}  // namespace migcheck
