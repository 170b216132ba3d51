// Running the rulebook's rules: those about one file, file by file, and those
// across files once every file is recognised. A rule never throws: one that
// cannot be evaluated is recorded in its summary. The pipeline
// (pipeline/validate.cpp) calls these in order.
#pragma once

#include <functional>
#include <string>

#include "migcheck/report.hpp"
#include "migcheck/rulebook.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::rules {

// A reader's diagnostic as a finding of level 0, in the requested language.
Finding finding_of(const Diagnostic& d, const std::string& file, const std::string& language);

// One summary per rule of the rulebook, in its order.
void start_summaries(Report& report, const Rulebook& rulebook);

// Every enabled rule about one file, on it; `done(k)` after rule k ran.
void run_file_rules(const Rulebook& rulebook, const FileContext& context, Report& report, FindingSink& sink,
                    const std::string& language, const std::function<void(std::size_t)>& done);

// Every enabled rule across files, on the dataset of report.files; `done(k)` after rule k ran.
void run_dataset_rules(const Rulebook& rulebook, Report& report, FindingSink& sink, const std::string& language,
                       const std::function<void(std::size_t)>& done);

}  // namespace migcheck::rules
