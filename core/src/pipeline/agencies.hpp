// A return written by several agencies (docs/agencies.md): which agency
// produces which table (the Sources sheets), whether the files are one
// agency's part of a return or the coordinator's whole, and what that changes:
// required tables and checks across tables that wait for another agency are
// infos in a part, the whole return is checked across its files, and every
// problem and the report name the agencies they concern.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "migcheck/report.hpp"
#include "migcheck/rulebook.hpp"
#include "rules/rule_run.hpp"

namespace migcheck::pipeline {

// The files of one return: same reporting country and reference year.
struct ReturnGroup {
  std::vector<std::size_t> files;            // into the report's files
  std::map<std::string, std::string> producer;  // table -> its producing agency, as written
  std::map<std::string, std::string> last_update;  // table -> its source's date of last update
  std::vector<std::string> present;          // the tables its files hold, in the rulebook's order
  std::string agency;                        // a part's own agency ("" when not a part or unnamed)
  bool part = false;
};

struct Returns {
  std::vector<ReturnGroup> groups;
  const ReturnGroup* group_of(const std::string& file, const std::vector<FileReport>& files) const;
};

// Groups the current files (`current[i]` is the recognition of report file
// `index[i]`), decides which groups are parts, and puts their required-table
// findings right: a table missing from a return split in files is missing
// from all of them; in a part, one another agency sends is awaited (info).
Returns settle_returns(const std::vector<Recognition*>& current, const std::vector<std::size_t>& index,
                       const Rulebook& rulebook, bool part, const std::string& language);

// In a part, each check across tables that has some of its tables and waits
// for the others says so (an info naming them and their agencies).
void add_awaited_checks(const Returns& returns, const std::vector<FileReport>& files, const Rulebook& rulebook,
                        rules::FindingSink& sink, const std::string& language);

// Names the agencies of every problem, and sums the report up per agency.
void attribute_agencies(const Returns& returns, const Rulebook& rulebook, Report& report);

}  // namespace migcheck::pipeline
