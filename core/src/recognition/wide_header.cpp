// A crosstab's value columns: the codes their header rows name (a year row
// above, a sex or age row below the dimension headers), and the dimension(s)
// spread across them.
#include <algorithm>
#include <map>

#include "recognition/sheet_recogniser.hpp"
#include "util/normalize.hpp"

namespace migcheck::recognition {

bool SheetRecogniser::try_wide(std::uint32_t row, const std::vector<ColumnPlan>& dims, const TableTemplate* hint) {
  std::uint32_t last_dim_column = 0;
  std::set<std::uint32_t> dim_columns;
  for (const auto& d : dims) {
    last_dim_column = std::max(last_dim_column, d.column);
    dim_columns.insert(d.column);
  }
  // Header texts of the value columns, from this row, the row below unless
  // it is data (labels of its own under the dimension headers: a count of
  // 1994 there is not a year), and the row above when it holds only years.
  auto value_cells_all_years = [&](std::uint32_t r) {
    bool any = false;
    for (std::uint32_t c = last_dim_column + 1; c < sheet_.column_count; ++c) {
      const std::string text = view_.text(r, c);
      if (text.empty()) continue;
      if (year_of(text).empty()) return false;
      any = true;
    }
    return any;
  };
  auto labels_as_in_header = [&](std::uint32_t r) {
    for (std::uint32_t c : dim_columns) {
      const std::string text = view_.text(r, c);
      if (!text.empty() && text != view_.text(row, c)) return false;
    }
    return true;
  };
  std::vector<std::uint32_t> rows = {row};
  if (row + 1 < sheet_.row_count && labels_as_in_header(row + 1)) rows.push_back(row + 1);
  if (row > 0 && value_cells_all_years(row - 1)) rows.insert(rows.begin(), row - 1);
  std::set<std::string> used_dims;
  for (const auto& d : dims) used_dims.insert(d.dimension);
  // The dimensions whose codes a header text can be, the named table's first:
  // "_T" is a code of AGE and of SEX alike.
  std::vector<const Dimension*> order;
  if (hint)
    for (const auto& id : hint->dimensions)
      if (const Dimension* d = ctx_.rulebook.dimension(id)) order.push_back(d);
  for (const Dimension& d : ctx_.rulebook.dimensions)
    if (std::find(order.begin(), order.end(), &d) == order.end()) order.push_back(&d);
  auto candidates = [&](const std::string& text) {
    std::vector<std::pair<const Dimension*, const Code*>> out;
    for (const Dimension* d : order) {
      if (d->kind != DimensionKind::coded || used_dims.count(d->id) || d->reporting_country) continue;
      if (const Code* code = code_of(d->id, text)) out.emplace_back(d, code);
    }
    return out;
  };
  // A header row spreads one dimension: the one most of its cells can be
  // (earlier rows choose first), so that a total under ages stays an age.
  std::map<std::uint32_t, const Dimension*> row_dimension;
  for (std::uint32_t r : rows) {
    if (r < row) continue;
    std::map<const Dimension*, std::size_t> votes;
    for (std::uint32_t c = last_dim_column + 1; c < sheet_.column_count; ++c) {
      const std::string text = view_.text(r, c);
      if (text.empty() || !year_of(text).empty()) continue;
      for (const auto& [d, code] : candidates(text)) ++votes[d];
    }
    const Dimension* best = nullptr;
    for (const Dimension* d : order) {
      bool taken = false;
      for (const auto& [other_row, chosen] : row_dimension) taken = taken || chosen == d;
      auto v = votes.find(d);
      if (!taken && v != votes.end() && (!best || v->second > votes[best])) best = d;
    }
    if (best) row_dimension[r] = best;
  }
  std::vector<ValueColumn> columns;
  // Group headers a few rows up (UN DESA's "International migrant stock at mid-year, males",
  // merged over its years): a merged cell over value columns whose text names a code of a
  // dimension not in the rows ("males": SEX M). Keyed by (row, column) of each covered cell.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<const Dimension*, const Code*>> groups;
  for (const CellRange& m : sheet_.merged) {
    if (m.first_row >= row || m.first_row + kGroupHeaderRows < row || m.first_column <= last_dim_column ||
        m.last_column == m.first_column)
      continue;
    const std::string text = util::normalize_label(view_.text(m.first_row, m.first_column));
    for (const Dimension* d : order) {
      if (d->kind != DimensionKind::coded || used_dims.count(d->id) || d->reporting_country) continue;
      const CodeMatcher* codes = ctx_.matcher.codes_of_list(d->codelist);
      const Code* code = nullptr;
      if (codes) {
        auto [memo, fresh] = named_in_.try_emplace({codes, text}, nullptr);
        if (fresh) memo->second = codes->named_in(text);
        code = memo->second;
      }
      if (!code) continue;
      for (std::uint32_t c = m.first_column; c <= m.last_column; ++c) groups[{m.first_row, c}] = {d, code};
      if (std::find(rows.begin(), rows.end(), m.first_row) == rows.end()) rows.insert(rows.begin(), m.first_row);
      break;
    }
  }
  std::sort(rows.begin(), rows.end());
  std::set<std::uint32_t> header_rows = {row};
  std::set<std::uint32_t> year_rows;
  for (std::uint32_t c = last_dim_column + 1; c < sheet_.column_count; ++c) {
    if (ignored_.count(c)) continue;
    ValueColumn vc{c, {}};
    bool any_text = false;
    for (std::uint32_t r : rows) {
      if (auto group = groups.find({r, c}); group != groups.end()) {
        vc.codes.emplace_back(group->second.first->id, group->second.second->id);
        header_rows.insert(r);
        any_text = true;
        continue;
      }
      const std::string text = view_.text(r, c);
      if (text.empty()) continue;
      const std::string year = year_of(text);
      if (!year.empty() && ctx_.time_dimension) {
        vc.codes.emplace_back(ctx_.time_dimension->id, year);
        year_rows.insert(r);
        header_rows.insert(r);
        any_text = true;
        continue;
      }
      if (r < row) continue;  // rows above the header give years only
      any_text = true;
      // A code of a dimension not already in the rows: the row's own dimension if it can be, else the first.
      const auto found = candidates(text);
      if (found.empty()) {
        vc.codes.emplace_back("", text);
        continue;
      }
      auto chosen = found.front();
      auto own = row_dimension.find(r);
      for (const auto& candidate : found)
        if (own != row_dimension.end() && candidate.first == own->second) chosen = candidate;
      vc.codes.emplace_back(chosen.first->id, chosen.second->id);
      header_rows.insert(r);
    }
    if (any_text) columns.push_back(std::move(vc));
  }
  if (columns.empty()) return false;
  // Years carry to the right across a blank cell of their row ("2024" over Male | Female | Total,
  // centred across them rather than merged).
  if (ctx_.time_dimension)
    for (std::uint32_t r : year_rows) {
      std::string year;
      for (auto& vc : columns) {
        const std::string text = view_.text(r, vc.column);
        if (!text.empty()) year = year_of(text);
        bool has_year = false;
        for (const auto& [d, code] : vc.codes) has_year = has_year || d == ctx_.time_dimension->id;
        if (text.empty() && !year.empty() && !has_year) vc.codes.emplace_back(ctx_.time_dimension->id, year);
      }
    }
  // Every value column must name a code of the same spread dimension(s).
  std::map<std::string, std::size_t> dimension_votes;
  for (const auto& vc : columns)
    for (const auto& [d, code] : vc.codes)
      if (!d.empty()) ++dimension_votes[d];
  std::set<std::string> spread;
  // A dimension spread across the value columns: named by most of them, or by two or more when
  // other columns stand beside them (UNHCR's Refugees | Asylum-seekers | IDPs | Host community).
  for (const auto& [d, votes] : dimension_votes)
    if (votes * 2 >= columns.size() || votes >= 2) spread.insert(d);
  if (spread.empty()) return false;
  value_columns_.clear();
  for (auto& vc : columns) {
    std::vector<std::pair<std::string, std::string>> codes;
    std::string unknown;
    for (auto& [d, code] : vc.codes) {
      if (d.empty()) unknown = code;
      else if (spread.count(d)) codes.emplace_back(d, code);
    }
    if (codes.size() != spread.size()) {
      // A value column without a code of each spread dimension: a comment or unknown column.
      if (unknown.empty()) unknown = view_.text(row, vc.column);
      ColumnMapping m{vc.column, unknown, "unknown", ""};
      rec_.columns.push_back(m);
      if (!unknown.empty())
        ctx_.finding("header.unknown", Severity::info, {sheet_.name, a1(row, vc.column)},
                     {{"header", unknown}, {"cell", a1(row, vc.column)}, {"table", hint ? hint->id : ""}},
                     hint ? "" : "header.unknown.no_table");
      continue;
    }
    std::string target;
    for (const auto& [d, code] : codes) target += (target.empty() ? "" : ",") + d + "=" + code;
    std::string header;
    for (std::uint32_t r : header_rows) {
      std::string t = view_.text(r, vc.column);
      while (!t.empty() && t.back() == ' ') t.pop_back();
      while (!t.empty() && t.front() == ' ') t.erase(t.begin());
      if (!t.empty()) header += (header.empty() ? "" : " / ") + t;
    }
    rec_.columns.push_back({vc.column, header, "value", target});
    value_columns_.push_back({vc.column, std::move(codes)});
  }
  if (value_columns_.empty()) return false;
  rec_.layout = Layout::wide;
  rec_.header_rows.assign(header_rows.begin(), header_rows.end());
  first_data_row_ = *header_rows.rbegin() + 1;
  for (const auto& d : spread) spread_dims_.insert(d);
  return true;
}

}  // namespace migcheck::recognition
