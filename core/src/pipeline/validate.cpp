// The pipeline: read every file, recognise it, share a split return's
// Metadata, run each file's rules, then the rules across files, reporting
// progress on the way (docs/report.md). Every stage is another layer's; this
// file only puts them in order.
#include <algorithm>

#include "migcheck/read.hpp"
#include "migcheck/rulebook.hpp"
#include "migcheck/validate.hpp"
#include "pipeline/agencies.hpp"
#include "rules/engine.hpp"
#include "util/utf8.hpp"

namespace migcheck {

namespace {

constexpr const char* kPreviousNotEarlier = "previous.not_earlier";

// The file's recognition and report as the pipeline carries them between stages.
struct Recognised {
  FileReport report;
  std::vector<Finding> findings;  // the reader's and recognition's, in order
  std::vector<std::string> sheet_names;
  double start = 0, share = 0;
};

// Last year's return must be of an earlier year than this one's. One that is
// not (this year's return given twice, or given as last year's) is refused:
// an error on it, and none of its figures is compared. When either year is
// unknown there is nothing to tell.
void refuse_later_previous(std::vector<Recognised>& recognised, const Rulebook& rulebook, const std::string& language) {
  std::string this_year;
  for (const Recognised& r : recognised)
    if (!r.report.previous && !r.report.recognition.reference_year.empty()) {
      this_year = r.report.recognition.reference_year;
      break;
    }
  if (this_year.empty()) return;
  for (Recognised& r : recognised) {
    const std::string& year = r.report.recognition.reference_year;
    if (!r.report.previous || year.empty() || year < this_year) continue;
    Finding f;
    f.rule = kPreviousNotEarlier;
    f.severity = Severity::error;
    f.file = r.report.file;
    f.message_key = kPreviousNotEarlier;
    f.params = {{"file", r.report.file}, {"year", year}, {"this_year", this_year}};
    f.message = render_message(rulebook, language, f.message_key, f.params);
    r.findings.push_back(std::move(f));
    r.report.recognition.tables.clear();
  }
}

}  // namespace

Report validate(const std::vector<Input>& inputs, const Rulebook& rulebook, const ValidationOptions& options) {
  Report report;
  report.rulebook_id = rulebook.id;
  report.rulebook_version = rulebook.version;
  report.language = options.language;
  rules::FindingSink sink(report, options.max_findings_per_file);
  rules::start_summaries(report, rulebook);

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
  std::vector<Recognised> recognised;
  recognised.reserve(inputs.size());
  for (const Input& input : inputs) {
    file_share = total_bytes ? static_cast<double>(input.bytes.size()) / static_cast<double>(total_bytes)
                             : 1.0 / static_cast<double>(inputs.size());
    report_progress("read", 0);
    Recognised r;
    r.start = file_start;
    r.share = file_share;
    // A Latin-1 file name never makes a report invalid UTF-8.
    const std::string name = util::valid_utf8(input.name);
    r.report.file = name;
    r.report.previous = input.previous;
    auto read = read_workbook(input.bytes, name, read_options);
    if (!read) {
      // An unreadable file is an error finding, never a crash.
      Finding f = rules::finding_of(read.error(), name, options.language);
      f.severity = Severity::error;
      r.report.read_error = read.error();
      r.findings.push_back(std::move(f));
    } else {
      Workbook workbook = std::move(read.value());
      r.report.format = file_format_name(workbook.format);
      r.report.cells_read = workbook.stats.cells;
      report.cells_read += workbook.stats.cells;
      report_progress("recognise", 0.75);
      r.report.recognition = recognise(workbook, rulebook, recognise_options);
      // The reader's own diagnostics (Windows-1252, formulas without values) are findings too.
      for (const Diagnostic& d : workbook.diagnostics) r.findings.push_back(rules::finding_of(d, name, options.language));
      for (const Sheet& sheet : workbook.sheets) r.sheet_names.push_back(sheet.name);
      // The rules read the recognised tables only: the cells go before the rules' own memory comes.
    }
    recognised.push_back(std::move(r));
    file_start += file_share;
    ++file_index;
  }
  std::vector<Recognition*> current;
  std::vector<std::size_t> current_index;
  for (std::size_t k = 0; k < recognised.size(); ++k)
    if (!recognised[k].report.previous && !recognised[k].report.read_error) {
      current.push_back(&recognised[k].report.recognition);
      current_index.push_back(k);
    }
  share_return_metadata(current, rulebook, recognise_options);
  refuse_later_previous(recognised, rulebook, options.language);
  // Which agency's tables these are, and whether they are a part or the whole return.
  const pipeline::Returns returns =
      pipeline::settle_returns(current, current_index, rulebook, options.part, options.language);
  file_index = 0;
  for (Recognised& r : recognised) {
    file_start = r.start;
    file_share = r.share;
    sink.start_file();
    FileReport& file = r.report;
    if (file.previous) {
      // Last year's return was accepted then; only its observations matter now,
      // and why it was refused when it was not last year's.
      file.recognition.findings.clear();
      for (Finding& f : r.findings)
        if (f.rule == kPreviousNotEarlier) sink.add(std::move(f));
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
    for (Finding& f : file.recognition.findings) sink.add(std::move(f));  // cleared below
    const rules::FileContext context{file, std::move(r.sheet_names)};
    rules::run_file_rules(rulebook, context, report, sink, options.language, [&](std::size_t k) {
      report_progress("check", 0.85 + 0.15 * static_cast<double>(k + 1) / static_cast<double>(rulebook.rules.size()));
    });
    file.recognition.findings.clear();  // they are in report.findings now
    report.files.push_back(std::move(file));
    ++file_index;
  }
  sink.start_file();
  for (const FileReport& f : report.files)
    if (f.previous) sink.ignore_file(f.file);
  rules::run_dataset_rules(rulebook, report, sink, options.language, [&](std::size_t r) {
    report_progress("across", static_cast<double>(r + 1) / static_cast<double>(rulebook.rules.size()));
  });
  pipeline::add_awaited_checks(returns, report.files, rulebook, sink, options.language);
  sink.order_problems(rulebook);
  pipeline::attribute_agencies(returns, rulebook, report);
  report_progress("across", 1);
  return report;
}

}  // namespace migcheck
