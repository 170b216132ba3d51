// Confronts every file with every enabled rule; rules never throw, a rule
// that cannot be evaluated is recorded in its summary.
#include <cmath>

#include "migcheck/read.hpp"
#include "migcheck/version.hpp"
#include "rules/rule_run.hpp"
#include "util/json_writer.hpp"

namespace migcheck {
namespace rules {

void FindingSink::add(Finding f) {
  switch (f.severity) {
    case Severity::error: ++report_.errors; break;
    case Severity::warning: ++report_.warnings; break;
    case Severity::info: ++report_.infos; break;
  }
  if (kept_in_file_ >= cap_) {
    report_.partial = true;
    return;
  }
  ++kept_in_file_;
  report_.findings.push_back(std::move(f));
}

Finding RuleRun::finding(const FileContext& file, std::string table, std::string sheet, std::string cell,
                         std::vector<std::pair<std::string, std::string>> params) const {
  Finding f;
  f.rule = spec.id;
  f.severity = spec.severity;
  f.level = spec.level;
  f.file = file.file.file;
  f.table = std::move(table);
  f.sheet = std::move(sheet);
  f.cell = std::move(cell);
  f.message_key = spec.message;
  f.params = std::move(params);
  f.message = render_message(rulebook, language, f.message_key, f.params);
  return f;
}

bool RuleRun::applies_to(const std::string& table) const {
  auto it = params.find("tables");
  if (it == params.end() || !it->is_array()) return true;
  for (const auto& t : *it)
    if (t.is_string() && t.get<std::string>() == table) return true;
  return false;
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

std::string format_number(double v) {
  std::string s;
  util::append_json_number(s, v);
  return s;
}

namespace {

using RuleFunction = void (*)(const RuleRun&, const FileContext&);

RuleFunction function_for(const RuleSpec& spec, const nlohmann::json& params) {
  if (spec.kind == "hierarchy") return run_hierarchy;
  if (spec.kind == "exclusion") return run_exclusion;
  if (spec.kind == "share") return run_share;
  if (spec.kind == "metadata") return run_metadata;
  if (spec.kind == "completeness") return run_completeness;
  if (spec.kind == "partition") return run_partition;
  if (spec.kind == "equal_totals") return run_equal_totals;
  if (spec.kind == "structure") {
    const std::string check = params.value("check", "");
    if (check == "values") return run_values;
    if (check == "duplicates") return run_duplicates;
  }
  return nullptr;
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

  ReadOptions read_options;
  read_options.limits = options.limits;
  RecogniseOptions recognise_options;
  recognise_options.language = options.language;
  for (const Input& input : inputs) {
    sink.start_file();
    FileReport file;
    file.file = input.name;
    auto read = read_workbook(input.bytes, input.name, read_options);
    if (!read) {
      // An unreadable file is an error finding, never a crash.
      Finding f;
      f.rule = error_id(read.error().code);
      f.severity = Severity::error;
      f.level = 0;
      f.file = input.name;
      f.sheet = read.error().where.sheet;
      f.cell = read.error().where.cell;
      f.message_key = f.rule;
      f.message = read.error().message;
      f.params = read.error().params;
      file.read_error = read.error();
      sink.add(std::move(f));
      report.files.push_back(std::move(file));
      continue;
    }
    const Workbook& workbook = read.value();
    file.format = file_format_name(workbook.format);
    file.cells_read = workbook.stats.cells;
    report.cells_read += workbook.stats.cells;
    file.recognition = recognise(workbook, rulebook, recognise_options);
    // The reader's own diagnostics (Windows-1252, formulas without values) are findings too.
    for (const Diagnostic& d : workbook.diagnostics) {
      Finding f;
      f.rule = error_id(d.code);
      f.severity = d.severity;
      f.file = input.name;
      f.sheet = d.where.sheet;
      f.cell = d.where.cell;
      f.message_key = f.rule;
      f.message = d.message;
      f.params = d.params;
      sink.add(std::move(f));
    }
    for (const Finding& f : file.recognition.findings) sink.add(f);
    rules::FileContext context{file, {}};
    for (const Sheet& s : workbook.sheets) context.sheet_names.push_back(s.name);
    for (std::size_t r = 0; r < rulebook.rules.size(); ++r) {
      const RuleSpec& spec = rulebook.rules[r];
      if (!spec.enabled) continue;
      const nlohmann::json params = nlohmann::json::parse(spec.json, nullptr, false);
      RuleSummary& summary = report.rules[r];
      const auto function = rules::function_for(spec, params);
      if (!function) {
        summary.error = "rule kind \"" + spec.kind + "\" is not supported by migcheck " + kVersion;
        continue;
      }
      const rules::RuleRun run{rulebook, spec, params, summary, sink, options.language};
      try {
        function(run, context);
      } catch (const std::exception& e) {
        summary.error = e.what();  // recorded, never thrown further
      }
    }
    file.recognition.findings.clear();  // they are in report.findings now
    report.files.push_back(std::move(file));
  }
  return report;
}

}  // namespace migcheck
