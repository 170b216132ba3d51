// Checks on the Metadata and Sources sheets (checks 7 and 18):
//   "check": "sources_cover_tables" - every table present has a row on the Sources sheet;
//   "check": "allowed_values" - a Sources field takes only the listed codes ("RESIDENCE_RULE": 12M).
#include <algorithm>

#include "rules/rule_run.hpp"
#include "util/normalize.hpp"

namespace migcheck::rules {

void run_metadata(const RuleRun& run, const FileContext& file) {
  const Recognition& rec = file.file.recognition;
  if (file.file.format != "xlsx") return;  // a CSV file carries no Sources sheet
  const std::string check = run.params.value("check", "");
  std::string table_field;
  for (const SheetField& f : run.rulebook.sources_sheet.fields)
    if (f.kind == FieldKind::table) table_field = f.id;
  auto field_of = [](const std::vector<std::pair<std::string, std::string>>& row, const std::string& id) {
    for (const auto& [k, v] : row)
      if (k == id) return v;
    return std::string();
  };
  if (check == "sources_cover_tables") {
    for (const RecognisedTable& t : rec.tables) {
      ++run.summary.checked;
      bool covered = false;
      for (const auto& row : rec.sources)
        covered = covered || util::normalize_label(field_of(row, table_field)) == util::normalize_label(t.table);
      if (covered) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      run.sink.add(run.finding(file, t.table, "", "", {{"table", t.table}}));
    }
  } else if (check == "allowed_values") {
    const std::string field = run.params.value("field", "");
    std::vector<std::string> allowed;
    for (const auto& a : run.params.value("allowed", nlohmann::json::array())) allowed.push_back(util::normalize_label(a.get<std::string>()));
    for (const auto& row : rec.sources) {
      const std::string value = field_of(row, field);
      if (value.empty()) {
        ++run.summary.not_applicable;
        continue;
      }
      ++run.summary.checked;
      if (std::find(allowed.begin(), allowed.end(), util::normalize_label(value)) != allowed.end()) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      const std::string table = field_of(row, table_field);
      run.sink.add(run.finding(file, table, "", "", {{"table", table}, {"field", field}, {"value", value}}));
    }
  }
}

}  // namespace migcheck::rules
