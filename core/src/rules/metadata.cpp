// Checks on the Metadata and Sources sheets (checks 7 and 18):
//   "check": "sources_cover_tables" - every table present has a row on the Sources sheet;
//   "check": "allowed_values" - a Sources field takes only the listed codes ("RESIDENCE_RULE": 12M);
//   "check": "field_given" - every table's Sources row fills the field (its validating agency, a contact);
//   "check": "updated_within" - every table's source was updated at most "months" before the end of
//   the reference year (docs/agencies.md).
// Values are compared as codes of their field's code list ("12 months",
// "12 mois" and "12M" are one value), and findings point at their cell.
#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "rules/rule_run.hpp"
#include "util/normalize.hpp"
#include "util/text.hpp"

namespace migcheck::rules {
namespace {

const FieldValue* field_of(const std::vector<FieldValue>& row, const std::string& id) {
  for (const FieldValue& v : row)
    if (v.field == id) return &v;
  return nullptr;
}

// The value as a code when its code list knows it, else as written.
std::string comparable(const FieldValue& v) { return v.code.empty() ? util::normalize_label(v.text) : v.code; }

// The rows the checks of one field look at, once each (borrowed rows are checked
// in their own Sources file): in a file of tables, the rows of the tables it
// gives (a blank template's rows, or the rows of other agencies' tables, are
// not its to fill); in a Sources file beside its tables, every row naming a table.
template <typename Each>
void for_each_table_row(const Recognition& rec, const std::string& table_field, Each each) {
  if (rec.sources_borrowed) return;
  const bool sources_file = std::none_of(rec.sheets.begin(), rec.sheets.end(),
                                         [](const SheetRecognition& s) { return s.role == SheetRole::table; });
  for (const auto& row : rec.sources) {
    const FieldValue* table = field_of(row, table_field);
    if (!table || table->text.empty()) continue;
    const std::string id = table->code.empty() ? table->text : table->code;
    const bool given = std::any_of(rec.tables.begin(), rec.tables.end(), [&](const RecognisedTable& t) { return t.table == id && t.size() + t.dropped() > 0; });
    if (sources_file || given) each(row, id);
  }
}

void run_allowed_values(const RuleRun& run, const FileContext& file, const std::string& table_field) {
  const Recognition& rec = file.report.recognition;
  const MetadataParams& p = run.params<MetadataParams>();
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
    return;
  }
  if (p.check == MetadataParams::Check::allowed_values) {
    run_allowed_values(run, file, table_field);
    return;
  }
  if (rec.sources_sheet.empty() || rec.sources_borrowed) return;
  // A Sources sheet without the column at all follows an earlier layout of the
  // inventory: an info for the sheet (add the column at the next annual update),
  // not a warning per row; an empty cell in a column the inventory has is one.
  if (std::find(rec.sources_fields.begin(), rec.sources_fields.end(), p.field) == rec.sources_fields.end()) {
    ++run.summary.not_applicable;
    Finding f = run.finding(file, "", rec.sources_sheet, "", {{"field", p.field}});
    f.severity = Severity::info;
    f.message_key = "rule.sources_column_missing";
    f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
    run.sink.add(std::move(f));
    return;
  }
  long oldest = 0;  // updated_within: the oldest date allowed, yyyymmdd
  if (p.check == MetadataParams::Check::updated_within) {
    const long year = rec.reference_year.size() == 4 ? std::strtol(rec.reference_year.c_str(), nullptr, 10) : 0;
    if (year <= 0) {
      ++run.summary.not_applicable;  // no reference year, no "before" to tell
      return;
    }
    const long month_index = year * 12 + 11 - p.months;  // December of the year, p.months back
    oldest = (month_index / 12) * 10000 + (month_index % 12 + 1) * 100 + 31;
  }
  for_each_table_row(rec, table_field, [&](const std::vector<FieldValue>& row, const std::string& table) {
    const FieldValue* value = field_of(row, p.field);
    if (!value) return;
    ++run.summary.checked;
    std::vector<std::pair<std::string, std::string>> params = {
        {"table", table}, {"field", p.field}, {"value", value->text}, {"cell", value->cell}};
    std::string message_key;
    if (p.check == MetadataParams::Check::field_given) {
      if (!util::normalize_label(value->text).empty()) {
        ++run.summary.passed;
        return;
      }
    } else {
      const long date = util::date_number(value->text);
      if (date >= oldest) {
        ++run.summary.passed;
        return;
      }
      if (date == 0) {
        message_key = "rule.sources_date_unreadable";
      } else {
        params.emplace_back("date", value->text);
        params.emplace_back("months", std::to_string(p.months));
        params.emplace_back("year", rec.reference_year);
      }
    }
    ++run.summary.failed;
    Finding f = run.finding(file, table, value->sheet, value->cell, std::move(params));
    if (!message_key.empty()) {
      f.message_key = message_key;
      f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
    }
    run.sink.add(std::move(f));
  });
}

}  // namespace migcheck::rules
