// Checks on the Metadata and Sources sheets (checks 7 and 18):
//   "check": "sources_cover_tables" - every table present has a row on the Sources sheet;
//   "check": "allowed_values" - a Sources field takes only the listed codes ("RESIDENCE_RULE": 12M).
// Values are compared as codes of their field's code list ("12 months",
// "12 mois" and "12M" are one value), and findings point at their cell.
#include <algorithm>

#include "rules/rule_run.hpp"
#include "util/normalize.hpp"

namespace migcheck::rules {
namespace {

const FieldValue* field_of(const std::vector<FieldValue>& row, const std::string& id) {
  for (const FieldValue& v : row)
    if (v.field == id) return &v;
  return nullptr;
}

// The value as a code when its code list knows it, else as written.
std::string comparable(const FieldValue& v) { return v.code.empty() ? util::normalize_label(v.text) : v.code; }

}  // namespace

void run_metadata(const RuleRun& run, const FileContext& file) {
  const Recognition& rec = file.report.recognition;
  const MetadataParams& p = run.params<MetadataParams>();
  std::string table_field;
  for (const SheetField& f : run.rulebook.sources_sheet.fields)
    if (f.kind == FieldKind::table) table_field = f.id;
  if (p.check == MetadataParams::Check::sources_cover_tables) {
    // A workbook is a whole return; a CSV file holds one table, checked against the Sources
    // file of its split return when one was given with it.
    if (file.report.format != "xlsx" && !rec.sources_borrowed) return;
    for (const RecognisedTable& t : rec.tables) {
      ++run.summary.checked;
      bool covered = false;
      for (const auto& row : rec.sources)
        if (const FieldValue* v = field_of(row, table_field)) covered = covered || comparable(*v) == t.table;
      if (covered) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      run.sink.add(run.finding(file, t.table, rec.sources_sheet, "", {{"table", t.table}}));
    }
  } else {
    const std::string& field = p.field;
    const std::vector<std::string>& allowed = p.allowed;
    // Borrowed rows are checked once, in their own (Sources) file.
    for (const auto& row : rec.sources_borrowed ? std::vector<std::vector<FieldValue>>{} : rec.sources) {
      const FieldValue* value = field_of(row, field);
      if (!value || value->text.empty()) {
        ++run.summary.not_applicable;
        continue;
      }
      ++run.summary.checked;
      const std::string code = comparable(*value);
      const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
        return a == code || util::normalize_label(a) == code;
      });
      if (ok) {
        ++run.summary.passed;
        continue;
      }
      ++run.summary.failed;
      const FieldValue* table = field_of(row, table_field);
      const std::string table_id = table ? (table->code.empty() ? table->text : table->code) : "";
      run.sink.add(run.finding(file, table_id, value->sheet, value->cell,
                               {{"table", table_id}, {"field", field}, {"value", value->text}, {"cell", value->cell}}));
    }
  }
}

}  // namespace migcheck::rules
