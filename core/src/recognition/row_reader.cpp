// Rows -> observations: keys from row labels and value-column headers, values,
// markers and statuses; blank cells kept as nils, unread cells kept aside.
#include <algorithm>
#include <cmath>

#include "recognition/sheet_recogniser.hpp"
#include "util/text.hpp"

namespace migcheck::recognition {

namespace {

struct Interner {
  RecognisedTable& table;
  std::unordered_map<std::string, std::uint32_t> index;
  std::uint32_t operator()(const std::string& s) {
    if (auto it = index.find(s); it != index.end()) return it->second;  // no node built for a known symbol
    const auto symbol = static_cast<std::uint32_t>(table.symbols.size());
    index.emplace(s, symbol);
    table.symbols.push_back(s);
    return symbol;
  }
};

}  // namespace

bool SheetRecogniser::status_column(const std::string& attribute) const {
  for (const auto& a : ctx_.rulebook.attributes)
    if (a.id == attribute) return a.role == AttributeRole::observation_status;
  return false;
}

void SheetRecogniser::read_rows() {
  RecognisedTable* target = nullptr;
  for (auto& t : ctx_.out.tables)
    if (t.table == table_->id && !sdmx_) target = &t;  // each SDMX-CSV structure and country is a table of its own
  if (!target) {
    ctx_.out.tables.push_back({});
    target = &ctx_.out.tables.back();
    target->table = table_->id;
    target->dimensions = table_->dimensions;
    for (const auto& d : table_->optional_dimensions) target->dimensions.push_back(d);
    if (ctx_.time_dimension) target->dimensions.push_back(ctx_.time_dimension->id);
    if (ctx_.country_dimension) target->dimensions.push_back(ctx_.country_dimension->id);
  }
  RecognisedTable& table = *target;
  Interner intern{table, {}};
  for (std::uint32_t i = 0; i < table.symbols.size(); ++i) intern.index.emplace(table.symbols[i], i);
  const std::size_t ndims = table.dimensions.size();
  std::vector<std::string> carried(row_dims_.size());
  std::vector<std::string> key(ndims);
  bool missing_year = false, missing_country = false;
  std::vector<std::string> number_as_text;  // cells
  std::vector<std::string> aggregate_rows;  // the cell of each one's aggregate label
  std::string first_aggregate, aggregate_cell;
  std::size_t aggregate_count = 0;
  std::string first_number_text;

  auto dim_slot = [&](const std::string& id) -> int {
    const std::size_t d = table.dimension_index(id);
    return d < ndims ? static_cast<int>(d) : -1;
  };
  const int time_slot = ctx_.time_dimension ? dim_slot(ctx_.time_dimension->id) : -1;
  std::vector<int> row_slots;
  for (const auto& plan : row_dims_) row_slots.push_back(dim_slot(plan.dimension));
  constexpr std::size_t kNoLabel = SIZE_MAX;
  std::vector<std::size_t> last_label(row_dims_.size(), kNoLabel);
  std::vector<std::string> last_text(row_dims_.size());
  const int country_slot = ctx_.country_dimension ? dim_slot(ctx_.country_dimension->id) : -1;
  // A dimension the source leaves out, where the rulebook allows it, is at its total.
  std::vector<std::pair<std::size_t, std::string>> omitted;
  // A dimension the title says for the whole table (a title "International migrant stock": the foreign-born).
  for (const auto& [id, code] : given_by_title(*table_)) {
    bool given = spread_dims_.count(id) > 0;
    for (const auto& plan : row_dims_) given = given || plan.dimension == id;
    if (!given && dim_slot(id) >= 0) omitted.emplace_back(static_cast<std::size_t>(dim_slot(id)), code);
  }
  for (const auto& id : table_->may_omit) {
    bool given = spread_dims_.count(id) > 0;
    for (const auto& plan : row_dims_) given = given || plan.dimension == id;
    const Dimension* dim = ctx_.rulebook.dimension(id);
    const CodeList* list = dim ? ctx_.rulebook.codelist(dim->codelist) : nullptr;
    if (given || !list || dim_slot(id) < 0) continue;
    for (const Code& c : list->codes)
      if (c.role == CodeRole::total) omitted.emplace_back(static_cast<std::size_t>(dim_slot(id)), c.id);
  }

  // A status written in a status column wins over the one the cell's marker
  // or flag implies; the implied one is kept so that a rule can tell them apart.
  auto add = [&](std::uint32_t row, std::uint32_t column, const ParsedValue& v, std::string obs, std::string conf,
                 bool obs_written) {
    for (std::size_t d = 0; d < ndims; ++d) table.keys.push_back(intern(key[d]));
    double value = std::nan("");
    std::string implied;
    if (v.kind == ParsedValue::Kind::number) value = v.number;
    if (v.marker) {
      if (v.marker->value) value = *v.marker->value;
      if (!v.marker->obs_status.empty()) implied = v.marker->obs_status;
      if (!v.marker->conf_status.empty()) conf = v.marker->conf_status;
    }
    if (v.flag) {
      if (!v.flag->obs_status.empty()) implied = v.flag->obs_status;
      if (!v.flag->conf_status.empty()) conf = v.flag->conf_status;
    }
    if (!implied.empty() && !obs_written) obs = implied;
    table.values.push_back(value);
    table.implied_obs_status.push_back(intern(implied));
    table.obs_status.push_back(intern(obs));
    table.conf_status.push_back(intern(conf));
    table.sheet.push_back(index_);
    table.row.push_back(row);
    table.column.push_back(column);
    ++rec_.observations;
    // A flagged number ("8 412e") can only be text; only plain numbers kept as text are worth a remark.
    if (v.from_text && v.kind == ParsedValue::Kind::number && !v.flag) {
      if (number_as_text.empty()) first_number_text = cell_text(ctx_.workbook, sheet_.find(row, column));
      if (number_as_text.size() < kRelatedCellsShown) number_as_text.push_back(a1(row, column));
    }
  };

  auto fill_year_and_country = [&]() {
    if (time_slot >= 0 && key[static_cast<std::size_t>(time_slot)].empty()) {
      key[static_cast<std::size_t>(time_slot)] = ctx_.out.reference_year.empty() ? sheet_year_ : ctx_.out.reference_year;
      missing_year = missing_year || key[static_cast<std::size_t>(time_slot)].empty();
    }
    if (country_slot >= 0 && key[static_cast<std::size_t>(country_slot)].empty()) {
      key[static_cast<std::size_t>(country_slot)] =
          ctx_.out.reporting_country.empty() ? sheet_country_ : ctx_.out.reporting_country;
      missing_country = missing_country || key[static_cast<std::size_t>(country_slot)].empty();
    }
  };
  // An empty value cell of a row of the table: its key, so that completeness reads it as a nil.
  auto blank_cell = [&](std::uint32_t row, std::uint32_t column) {
    if (table.blank_keys.empty()) {
      table.first_blank_sheet = index_;
      table.first_blank_row = row;
      table.first_blank_column = column;
    }
    for (std::size_t d = 0; d < ndims; ++d) table.blank_keys.push_back(intern(key[d]));
  };
  auto blank = [&](std::uint32_t row, const ValueColumn& vc) {
    for (const auto& [d, code] : vc.codes)
      if (const int slot = dim_slot(d); slot >= 0) key[static_cast<std::size_t>(slot)] = code;
    blank_cell(row, vc.column);
  };
  // A row without values whose every row label is a code (silently: a note
  // below the table is no such row) is a row of the grid left empty.
  auto blank_row = [&](const auto& cell_at) {
    std::fill(key.begin(), key.end(), std::string());
    for (const auto& [slot, code] : omitted) key[slot] = code;
    for (std::size_t i = 0; i < row_dims_.size(); ++i) {
      std::string text = cell_text(ctx_.workbook, cell_at(row_dims_[i].column));
      if (text.empty()) text = carried[i];
      const int slot = row_slots[i];
      if (slot < 0) continue;
      const Dimension* dim = ctx_.rulebook.dimension(row_dims_[i].dimension);
      std::string code;
      if (dim && dim->kind == DimensionKind::time) {
        code = year_of(text);
      } else if (const Code* c = text.empty() ? nullptr : code_of(row_dims_[i].dimension, text)) {
        code = c->id;
      }
      if (code.empty()) return false;
      key[static_cast<std::size_t>(slot)] = code;
    }
    return !row_dims_.empty();
  };
  auto drop = [&](std::uint32_t row, std::uint32_t column) {
    for (std::size_t d = 0; d < ndims; ++d) table.dropped_keys.push_back(intern(key[d]));
    table.dropped_sheet.push_back(index_);
    table.dropped_row.push_back(row);
    table.dropped_column.push_back(column);
    ++rec_.unread;
  };

  // Room for every observation the rows can hold, at once: growing by doubling
  // would hold two copies of each column at the peak.
  if (sheet_.row_count > first_data_row_) {
    const std::size_t rows = sheet_.row_count - first_data_row_;
    const std::size_t most = table.size() + rows * (rec_.layout == Layout::wide ? value_columns_.size() : 1);
    table.keys.reserve(most * ndims);
    for (auto* column : {&table.obs_status, &table.conf_status, &table.implied_obs_status, &table.sheet, &table.row, &table.column})
      column->reserve(most);
    table.values.reserve(most);
  }

  // Rows are visited through the sorted cell vector, one row at a time.
  auto it = std::lower_bound(sheet_.cells.begin(), sheet_.cells.end(), first_data_row_,
                             [](const Cell& c, std::uint32_t r) { return c.row < r; });
  std::uint32_t previous_row = first_data_row_;
  while (it != sheet_.cells.end()) {
    const std::uint32_t row = it->row;
    auto row_end = it;
    while (row_end != sheet_.cells.end() && row_end->row == row) ++row_end;
    for (std::uint32_t skipped = previous_row; skipped < row; ++skipped) rec_.skipped_rows.push_back(skipped);
    previous_row = row + 1;
    const auto cell_at = [&](std::uint32_t column) -> const Cell* {
      auto c = std::lower_bound(it, row_end, column, [](const Cell& cell, std::uint32_t col) { return cell.column < col; });
      return c != row_end && c->column == column ? &*c : view_.at(row, column);
    };
    // Another structure's row of an SDMX-CSV sheet: not this table's, and no note either.
    if (sdmx_ && (cell_text(ctx_.workbook, cell_at(sdmx_->column)) != sdmx_->structure ||
                  (sdmx_->country_column != UINT32_MAX &&
                   cell_text(ctx_.workbook, cell_at(sdmx_->country_column)) != sdmx_->country))) {
      it = row_end;
      continue;
    }
    // Values present? Otherwise this is a title, note or spacer row.
    bool has_value = false;
    if (rec_.layout == Layout::long_format) {
      has_value = cell_at(measure_column_) != nullptr;
      // No value but a status (SDMX-CSV's missing observation: OBS_VALUE empty, OBS_STATUS O).
      for (const auto& [column, id] : attribute_columns_)
        if (!has_value && status_column(id)) has_value = !cell_text(ctx_.workbook, cell_at(column)).empty();
    } else {
      for (const auto& vc : value_columns_) has_value = has_value || sheet_.find(row, vc.column) != nullptr;
    }
    if (!has_value) {
      if (blank_row(cell_at)) {
        // A row of the table whose value cells are all left empty: nils, as published tables leave them.
        fill_year_and_country();
        if (rec_.layout == Layout::wide)
          for (const auto& vc : value_columns_) blank(row, vc);
        else
          blank_cell(row, measure_column_);
      } else {
        rec_.skipped_rows.push_back(row);
      }
      it = row_end;
      continue;
    }
    bool row_ok = true, unknown_label = false, aggregate = false;
    std::fill(key.begin(), key.end(), std::string());
    for (const auto& [slot, code] : omitted) key[slot] = code;
    for (std::size_t i = 0; i < row_dims_.size(); ++i) {
      std::string text = cell_text(ctx_.workbook, cell_at(row_dims_[i].column));
      if (text.empty()) text = carried[i];  // a blank below a label repeats it (crosstab blocks)
      else carried[i] = text;
      const int slot = row_slots[i];
      if (slot < 0) continue;
      if (text.empty()) {
        row_ok = false;
        continue;
      }
      // Long returns repeat a label over many rows: the previous row's mapping, without a lookup.
      if (last_label[i] != kNoLabel && text == last_text[i]) {
        ++rec_.labels[last_label[i]].count;
      } else {
        last_label[i] = map_label(row_dims_[i].dimension, text, row, row_dims_[i].column);
        last_text[i] = text;
      }
      const std::string& code = rec_.labels[last_label[i]].code;
      if (rec_.labels[last_label[i]].aggregate) {
        row_ok = false;
        aggregate = true;
        if (aggregate_rows.empty()) first_aggregate = std::string(util::trimmed(text));
        aggregate_cell = a1(row, row_dims_[i].column);
      }
      else if (code.empty()) row_ok = false, unknown_label = true;
      key[static_cast<std::size_t>(slot)] = code;
    }
    if (aggregate && !unknown_label) {
      // A region's or a group's row (WORLD, Eastern Africa) among the countries of a published table.
      rec_.skipped_rows.push_back(row);
      if (aggregate_rows.size() < kRelatedCellsShown) aggregate_rows.push_back(aggregate_cell);
      ++aggregate_count;
      it = row_end;
      continue;
    }
    fill_year_and_country();
    if (!row_ok) {
      // A label no code matches (its finding is out): the row's values are kept aside.
      if (unknown_label) {
        if (rec_.layout == Layout::long_format) {
          if (cell_at(measure_column_)) drop(row, measure_column_);
        } else {
          for (const auto& vc : value_columns_) {
            if (!sheet_.find(row, vc.column)) continue;
            for (const auto& [d, code] : vc.codes)
              if (const int slot = dim_slot(d); slot >= 0) key[static_cast<std::size_t>(slot)] = code;
            drop(row, vc.column);
          }
        }
      }
      it = row_end;
      continue;
    }
    if (rec_.layout == Layout::long_format) {
      std::string obs = ctx_.default_obs_status, conf = ctx_.default_conf_status;
      bool obs_written = false;
      for (const auto& [column, id] : attribute_columns_) {
        const std::string text = cell_text(ctx_.workbook, cell_at(column));
        if (text.empty()) continue;
        const Attribute* attr = nullptr;
        for (const auto& a : ctx_.rulebook.attributes)
          if (a.id == id) attr = &a;
        const CodeMatcher* codes = attr && !attr->codelist.empty() ? ctx_.matcher.codes_of_list(attr->codelist) : nullptr;
        const Code* code = codes ? codes->match(text) : nullptr;
        if (!code) {
          // A status column's value that is one of the rulebook's markers (Eurostat's flag "c":
          // confidential) gives that marker's statuses.
          const ParsedValue marker = attr && attr->role != AttributeRole::none ? ctx_.matcher.parse_text_value(text) : ParsedValue{};
          if (marker.kind != ParsedValue::Kind::marker) continue;
          if (!marker.marker->obs_status.empty()) obs = marker.marker->obs_status, obs_written = true;
          if (!marker.marker->conf_status.empty()) conf = marker.marker->conf_status;
          continue;
        }
        if (attr->role == AttributeRole::observation_status) obs = code->id, obs_written = true;
        else if (attr->role == AttributeRole::confidentiality) conf = code->id;
      }
      const Cell* cell = cell_at(measure_column_);
      const ParsedValue v = ctx_.matcher.parse_value(ctx_.workbook, cell);
      if (v.kind == ParsedValue::Kind::invalid) {
        ctx_.finding("value.not_number", Severity::error, {sheet_.name, a1(row, measure_column_), table_->id},
                     {{"value", cell_text(ctx_.workbook, cell)}, {"cell", a1(row, measure_column_)}});
        drop(row, measure_column_);
      } else if (v.kind != ParsedValue::Kind::empty || obs_written) {
        add(row, measure_column_, v, obs, conf, obs_written);
      }
    } else {
      for (const auto& vc : value_columns_) {
        const Cell* cell = sheet_.find(row, vc.column);
        const ParsedValue v = ctx_.matcher.parse_value(ctx_.workbook, cell);
        if (v.kind == ParsedValue::Kind::empty) {
          blank(row, vc);
          continue;
        }
        for (const auto& [d, code] : vc.codes) {
          const int slot = dim_slot(d);
          if (slot >= 0) key[static_cast<std::size_t>(slot)] = code;
        }
        if (v.kind == ParsedValue::Kind::invalid) {
          ctx_.finding("value.not_number", Severity::error, {sheet_.name, a1(row, vc.column), table_->id},
                       {{"value", cell_text(ctx_.workbook, cell)}, {"cell", a1(row, vc.column)}});
          drop(row, vc.column);
          continue;
        }
        add(row, vc.column, v, ctx_.default_obs_status, ctx_.default_conf_status, false);
      }
    }
    it = row_end;
  }
  if (missing_country)
    ctx_.finding("reporting_country.unknown", Severity::error, {sheet_.name, "", table_->id}, {{"sheet", sheet_.name}});
  if (missing_year)
    ctx_.finding("reference_year.unknown", Severity::error, {sheet_.name, "", table_->id}, {{"sheet", sheet_.name}});
  if (!aggregate_rows.empty())
    ctx_.finding(
        "label.aggregate_rows", Severity::info,
        {sheet_.name, aggregate_rows.front(), table_->id,
         std::vector<std::string>(aggregate_rows.begin() + 1, aggregate_rows.end())},
        {{"count", std::to_string(aggregate_count)}, {"cell", aggregate_rows.front()}, {"label", first_aggregate}});
  // One finding per sheet: the first such cell, the others as related cells.
  if (!number_as_text.empty())
    ctx_.finding("value.number_as_text", Severity::info,
                 {sheet_.name, number_as_text.front(), table_->id,
                  std::vector<std::string>(number_as_text.begin() + 1, number_as_text.end())},
                 {{"value", first_number_text}, {"cell", number_as_text.front()}});
}

}  // namespace migcheck::recognition
