// The stages of one sheet's recognition in order; a header that gives no
// table is passed over for the next; why a sheet was not recognised.
#include <algorithm>

#include "recognition/sheet_recogniser.hpp"

namespace migcheck::recognition {

std::string SheetRecogniser::reason(const char* key, const std::vector<std::pair<std::string, std::string>>& params) const {
  return render_message(ctx_.rulebook, ctx_.options.language, key, params);
}

void SheetRecogniser::unrecognised(std::string why) {
  rec_.role = SheetRole::unrecognised;
  rec_.why = why;
  if (candidate_.empty())
    ctx_.finding("sheet.unrecognised", Severity::warning, {sheet_.name, ""}, {{"sheet", sheet_.name}, {"reason", why}},
                 "sheet.unrecognised.no_candidate");
  else
    ctx_.finding("sheet.unrecognised", Severity::warning, {sheet_.name, ""},
                 {{"sheet", sheet_.name}, {"candidate", candidate_}, {"reason", why}});
}

void SheetRecogniser::report_unused_mapping() {
  if (!said_) return;
  for (const ColumnMeaning& c : said_->columns) {
    if (applied_.count(&c)) continue;
    const std::string means = c.means.empty() ? reason("mapping.left_out", {}) : c.means;
    if (c.header.empty())
      ctx_.finding("mapping.unused_column", Severity::warning, {sheet_.name, "", table_ ? table_->id : ""},
                   {{"sheet", sheet_.name}, {"column", c.column}, {"means", means}}, "mapping.unused_column.letter");
    else
      ctx_.finding("mapping.unused_column", Severity::warning, {sheet_.name, "", table_ ? table_->id : ""},
                   {{"sheet", sheet_.name}, {"header", c.header}, {"means", means}});
  }
}

// No header row was found: why, in words.
void SheetRecogniser::no_header() {
  const TableTemplate* named = named_table();
  candidate_ = named ? named->id : "";
  if (ambiguous_header_row_ == UINT32_MAX) {
    unrecognised(reason("reason.no_header", {{"rows", std::to_string(kHeaderSearchRows)}}));
    return;
  }
  // Dimensions are named, but neither a measure column nor value columns headed by codes follow.
  const std::string why = reason("reason.ambiguous_layout", {{"row", std::to_string(ambiguous_header_row_ + 1)}});
  rec_.role = SheetRole::unrecognised;
  rec_.why = why;
  ctx_.finding("layout.ambiguous", Severity::warning, {sheet_.name, a1(ambiguous_header_row_, 0), candidate_},
               {{"sheet", sheet_.name}, {"reason", why}});
}

// A column naming the table (a field of kind "table", as in the Sources sheet): its first value decides.
void SheetRecogniser::read_table_column() {
  for (const auto& [r, c, text] : unknown_headers_) {
    const SheetField* field = ctx_.matcher.sources_field(text);
    if (!field || field->kind != FieldKind::table) continue;
    rec_.columns.push_back({c, text, "table", field->id});
    table_column_hint_ = ctx_.matcher.table_by_name(view_.text(first_data_row_, c));
    const std::uint32_t table_column = c;  // a structured binding cannot be captured in C++17
    rec_.columns.erase(std::remove_if(rec_.columns.begin(), rec_.columns.end(),
                                      [&](const ColumnMapping& m) {
                                        return m.column == table_column && m.role == "unknown";
                                      }),
                       rec_.columns.end());
  }
}

// The table the found header's columns make; nullptr with `why` when none.
const TableTemplate* SheetRecogniser::table_of_header(std::string& why) {
  std::set<std::string> dims;
  for (const auto& d : row_dims_) dims.insert(d.dimension);
  for (const auto& d : spread_dims_) dims.insert(d);
  if (!sdmx_) return choose_table(dims, why);
  // SDMX-CSV: the structure id names the table; its columns are the union of every structure's.
  candidate_ = sdmx_->table ? sdmx_->table->id : "";
  if (!sdmx_->table) {
    why = reason("reason.sdmx_structure", {{"structure", sdmx_->structure}});
    return nullptr;
  }
  for (const std::string& d : sdmx_->table->dimensions)
    if (!dims.count(d) && std::find(sdmx_->table->may_omit.begin(), sdmx_->table->may_omit.end(), d) ==
                              sdmx_->table->may_omit.end()) {
      why = reason("reason.no_column", {{"dimensions", d}});
      return nullptr;
    }
  return sdmx_->table;
}

SheetRecognition SheetRecogniser::run() {
  if (sheet_.cells.empty()) {
    rec_.role = SheetRole::empty;
    return std::move(rec_);
  }
  // Candidate header rows from the top: one that gives no table (a group header, a preamble
  // naming a dimension) is passed over for the next; the first reason is the one told.
  // An SDMX-CSV structure has one header: its reason is final.
  std::uint32_t start = 0;
  std::string first_why, first_candidate;
  // The first header tried, shown with the reason (inspect: which row, what each column was read as).
  std::vector<ColumnMapping> first_columns;
  std::vector<std::uint32_t> first_header_rows;
  while (!table_) {
    if (!find_header(start)) {
      if (first_why.empty()) {
        no_header();
      } else {
        candidate_ = first_candidate;
        rec_.columns = std::move(first_columns);
        rec_.header_rows = std::move(first_header_rows);
        unrecognised(first_why);
      }
      return std::move(rec_);
    }
    read_title();
    read_table_column();
    std::string why;
    table_ = table_of_header(why);
    if (table_) break;
    if (first_why.empty()) {
      first_why = why;
      first_candidate = candidate_;
      first_columns = rec_.columns;
      first_header_rows = rec_.header_rows;
    }
    if (sdmx_) {
      unrecognised(first_why);
      return std::move(rec_);
    }
    start = rec_.header_rows.back() + 1;
    forget_header();
  }
  rec_.role = SheetRole::table;
  rec_.table = table_->id;
  rec_.table_by_hand = said_ && said_->table == table_->id;
  report_unused_mapping();
  for (const auto& [r, c, text] : unknown_headers_) {
    const SheetField* field = ctx_.matcher.sources_field(text);
    if (field && field->kind == FieldKind::table) continue;  // consumed above
    if (sdmx_ && sdmx_control_column(text)) continue;
    ctx_.finding("header.unknown", Severity::info, {sheet_.name, a1(r, c), table_->id},
                 {{"header", text}, {"cell", a1(r, c)}, {"table", table_->id}});
  }
  for (const Cell& c : sheet_.cells) {
    if (c.row >= first_data_row_) break;
    if (std::find(rec_.header_rows.begin(), rec_.header_rows.end(), c.row) == rec_.header_rows.end() &&
        (rec_.skipped_rows.empty() || rec_.skipped_rows.back() != c.row))
      rec_.skipped_rows.push_back(c.row);
  }
  for (const LeftOut& l : left_out_) {
    if (l.row != rec_.header_rows.front()) continue;
    ctx_.finding("header.left_out", Severity::error, {sheet_.name, a1(l.row, l.column), table_->id},
                 {{"header", view_.text(l.row, l.column)},
                  {"cell", a1(l.row, l.column)},
                  {"target", l.target},
                  {"used", a1(l.row, l.used_column)}});
  }
  read_rows();
  std::sort(rec_.skipped_rows.begin(), rec_.skipped_rows.end());
  std::stable_sort(rec_.columns.begin(), rec_.columns.end(),
                   [](const ColumnMapping& a, const ColumnMapping& b) { return a.column < b.column; });
  return std::move(rec_);
}

}  // namespace migcheck::recognition
