// migcheck assemble: the agencies' recognised tables, Metadata and Sources
// rows, written as one return by the template's builder.
#include "migcheck/assemble.hpp"

#include <algorithm>

#include "template/template_workbook.hpp"
#include "util/normalize.hpp"
#include "util/text.hpp"

namespace migcheck {
namespace {

const SheetField* table_field(const Rulebook& rulebook) {
  for (const SheetField& f : rulebook.sources_sheet.fields)
    if (f.kind == FieldKind::table) return &f;
  return nullptr;
}

// The Sources row naming `table` in a file, or nullptr.
const std::vector<FieldValue>* sources_row(const Recognition& rec, const SheetField* id_field, const std::string& table) {
  if (!id_field) return nullptr;
  for (const auto& row : rec.sources)
    for (const FieldValue& v : row)
      if (v.field == id_field->id && (v.code == table || util::trimmed(v.text) == table)) return &row;
  return nullptr;
}

// The producing agency a file names for one of its tables: its Sources row's, else its Metadata's.
std::string agency_of(const Recognition& rec, const Rulebook& rulebook, const std::string& table) {
  const SheetField* producer = nullptr;
  for (const SheetField& f : rulebook.sources_sheet.fields)
    if (f.role == FieldRole::producer) producer = &f;
  if (const auto* row = sources_row(rec, table_field(rulebook), table))
    for (const FieldValue& v : *row)
      if (producer && v.field == producer->id && !util::trimmed(v.text).empty()) return std::string(util::trimmed(v.text));
  for (const SheetField& f : rulebook.metadata_sheet.fields)
    if (f.role == FieldRole::producer)
      for (const FieldValue& v : rec.metadata)
        if (v.field == f.id && !util::trimmed(v.text).empty()) return std::string(util::trimmed(v.text));
  return "?";
}

}  // namespace

Result<std::string> assemble_return(const Report& report, const Rulebook& rulebook, std::string_view language) {
  std::vector<const FileReport*> files;
  for (const FileReport& f : report.files)
    if (!f.previous && !f.read_error) files.push_back(&f);
  // One return: one reporting country and year among the files that have tables.
  const FileReport* first = nullptr;
  for (const FileReport* f : files) {
    if (f->recognition.tables.empty()) continue;
    if (!first) {
      first = f;
      continue;
    }
    const Recognition& a = first->recognition;
    const Recognition& b = f->recognition;
    auto differs = [](const std::string& x, const std::string& y) { return !x.empty() && !y.empty() && x != y; };
    if (differs(a.reporting_country, b.reporting_country) || differs(a.reference_year, b.reference_year))
      return make_error(ErrorCode::assemble_refused,
                        "The files are not one return: " + first->file + " is " + a.reporting_country + " " +
                            a.reference_year + ", " + f->file + " is " + b.reporting_country + " " + b.reference_year +
                            ". Assemble each country's and year's files separately.",
                        {},
                        {{"file", first->file},
                         {"country", a.reporting_country},
                         {"year", a.reference_year},
                         {"other_file", f->file},
                         {"other_country", b.reporting_country},
                         {"other_year", b.reference_year}},
                        "several_returns");
  }
  if (!first) return make_error(ErrorCode::assemble_refused, "Nothing to assemble: none of the files holds a table migcheck recognised.");

  templates::ReturnContent content;
  std::vector<const FileReport*> holder;  // per content.tables
  for (const TableTemplate& t : rulebook.tables)
    for (const FileReport* f : files)
      for (const RecognisedTable& given : f->recognition.tables) {
        if (given.table != t.id) continue;
        auto at = std::find_if(content.tables.begin(), content.tables.end(),
                               [&](const RecognisedTable* x) { return x->table == t.id; });
        if (at != content.tables.end()) {
          const FileReport* other = holder[static_cast<std::size_t>(at - content.tables.begin())];
          const std::string agency = agency_of(other->recognition, rulebook, t.id);
          const std::string other_agency = agency_of(f->recognition, rulebook, t.id);
          return make_error(ErrorCode::assemble_refused,
                            "Table " + t.id + " is in " + other->file + " (" + agency + ") and in " + f->file + " (" +
                                other_agency +
                                "): say which one the return keeps (leave the other file out, or delete the table's "
                                "sheet from it), then assemble again.",
                            {},
                            {{"table", t.id},
                             {"file", other->file},
                             {"agency", agency},
                             {"other_file", f->file},
                             {"other_agency", other_agency}},
                            "table_twice");
        }
        content.tables.push_back(&given);
        holder.push_back(f);
      }
  content.reference_year = first->recognition.reference_year;
  // Metadata: each field as every file that gives it agrees; where they differ (each
  // agency's contact), the coordinator fills it.
  for (const SheetField& field : rulebook.metadata_sheet.fields) {
    std::string agreed, agreed_key;  // coded values agree by code ("Uganda" and "UGA")
    bool differ = false;
    for (const FileReport* f : files)
      for (const FieldValue& v : f->recognition.metadata) {
        const std::string text(util::trimmed(v.text));
        if (v.field != field.id || text.empty()) continue;
        const std::string key = v.code.empty() ? util::normalize_label(text) : v.code;
        if (agreed.empty()) {
          agreed = text;
          agreed_key = key;
        } else if (key != agreed_key) {
          differ = true;
        }
      }
    if (field.kind == FieldKind::time && agreed.empty()) agreed = content.reference_year;
    if (!differ && !agreed.empty()) content.metadata.emplace_back(field.id, agreed);
  }
  // Sources: each table's row from the file that holds it, else from any file naming it.
  const SheetField* id_field = table_field(rulebook);
  for (std::size_t k = 0; k < content.tables.size(); ++k) {
    const std::string& table = content.tables[k]->table;
    const std::vector<FieldValue>* row = sources_row(holder[k]->recognition, id_field, table);
    for (const FileReport* f : files)
      if (!row) row = sources_row(f->recognition, id_field, table);
    std::vector<std::pair<std::string, std::string>> values;
    if (id_field) values.emplace_back(id_field->id, table);
    if (row)
      for (const FieldValue& v : *row)
        if (!id_field || v.field != id_field->id) values.emplace_back(v.field, std::string(util::trimmed(v.text)));
    content.sources.push_back(std::move(values));
  }
  auto bytes = xlsx::write_xlsx(templates::build_filled(rulebook, language, content).workbook);
  if (!bytes) return std::move(bytes).error();
  return std::move(bytes).value();
}

}  // namespace migcheck
