// Header search: the header row among titles, notes, `key:,value` preamble
// lines and group headers, and what each of its columns is (by its header,
// else by the values below it).
#include <algorithm>
#include <cctype>

#include "recognition/sheet_recogniser.hpp"

#include "util/normalize.hpp"

namespace migcheck::recognition {

bool SheetRecogniser::preamble_line(std::uint32_t row) const {
  std::size_t cells = 0;
  bool key = false;
  for (std::uint32_t c = 0; c < sheet_.column_count && cells <= 3; ++c) {
    const Cell* cell = sheet_.find(row, c);
    if (!cell) continue;
    ++cells;
    if (cell->kind != CellKind::text) continue;
    std::string_view text = ctx_.workbook.text(*cell);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    key = key || (!text.empty() && text.back() == ':');
  }
  return key && cells <= 3;
}

void SheetRecogniser::forget_header() {
  rec_.columns.clear();
  rec_.header_rows.clear();
  rec_.labels.clear();
  row_dims_.clear();
  spread_dims_.clear();
  value_columns_.clear();
  attribute_columns_.clear();
  unknown_headers_.clear();
  left_out_.clear();
  from_values_.clear();
  table_column_hint_ = nullptr;
  title_.clear();
  sheet_year_.clear();
}

std::pair<std::size_t, std::size_t> SheetRecogniser::codes_below(std::uint32_t r, std::uint32_t column, const CodeMatcher& codes) const {
  std::size_t matched = 0, texts = 0;
  for (std::uint32_t row = r + 1; row < sheet_.row_count && row <= r + kValueSample; ++row) {
    const Cell* cell = sheet_.find(row, column);
    if (!cell || cell->kind != CellKind::text) continue;
    ++texts;
    matched += codes.match(ctx_.workbook.text(*cell)) != nullptr;
  }
  return {matched, texts};
}

bool SheetRecogniser::values_are_codes(std::uint32_t r, std::uint32_t column, const std::string& attribute) const {
  for (const auto& a : ctx_.rulebook.attributes)
    if (a.id == attribute && !a.codelist.empty())
      if (const CodeMatcher* codes = ctx_.matcher.codes_of_list(a.codelist)) return mostly(codes_below(r, column, *codes));
  return true;
}

std::string SheetRecogniser::dimension_from_values(std::uint32_t r, std::uint32_t column, const std::set<std::string>& taken) const {
  std::string found;
  for (const Dimension& d : ctx_.rulebook.dimensions) {
    if (d.kind == DimensionKind::time || d.reporting_country || taken.count(d.id)) continue;
    const CodeMatcher* codes = ctx_.matcher.codes_of_list(d.codelist);
    if (!codes || !mostly(codes_below(r, column, *codes))) continue;
    if (!found.empty()) return std::string();
    found = d.id;
  }
  return found;
}

std::uint32_t SheetRecogniser::most_numbers(std::uint32_t first_row, const std::vector<std::uint32_t>& columns) const {
  std::uint32_t best = columns.front();
  std::size_t best_count = 0;
  for (std::uint32_t c : columns) {
    std::size_t count = 0;
    for (std::uint32_t r = first_row; r < first_row + kHeaderSearchRows && r < sheet_.row_count; ++r)
      count += ctx_.matcher.parse_value(ctx_.workbook, sheet_.find(r, c)).kind == ParsedValue::Kind::number;
    if (count > best_count) best = c, best_count = count;
  }
  return best;
}

bool SheetRecogniser::find_header(std::uint32_t start) {
  const TableTemplate* hint = named_table();
  const std::uint32_t said_row = said_ && said_->header_row > 0 ? said_->header_row - 1 : UINT32_MAX;
  if (said_row != UINT32_MAX) start = std::max(start, said_row);
  const std::uint32_t limit = std::min(sheet_.row_count, start + kHeaderSearchRows);
  for (std::uint32_t r = start; r < limit; ++r) {
    if (r != said_row && preamble_line(r)) continue;
    std::vector<ColumnPlan> dims;
    std::vector<std::uint32_t> measures;
    std::vector<std::pair<std::uint32_t, std::string>> attributes;
    std::vector<std::pair<std::uint32_t, std::string>> unknown;
    by_hand_.clear();
    applied_.clear();
    ignored_.clear();
    // A column's meaning: said by the mapping (an id, or none to leave it out), else by its header.
    auto place = [&](std::uint32_t c, const std::string& text, const ColumnMeaning* said) {
      std::optional<HeaderTarget> target;
      if (said) {
        by_hand_.insert(c);
        applied_.insert(said);
        if (said->means.empty()) {
          ignored_.insert(c);
          return;
        }
        if (ctx_.rulebook.dimension(said->means)) target = HeaderTarget{HeaderKind::dimension, said->means};
        else if (said->means == ctx_.rulebook.measure.id) target = HeaderTarget{HeaderKind::measure, said->means};
        else target = HeaderTarget{HeaderKind::attribute, said->means};
      } else {
        target = ctx_.matcher.header(text);
      }
      if (!target) unknown.emplace_back(c, text);
      else if (target->kind == HeaderKind::dimension) dims.push_back({c, target->id});
      else if (target->kind == HeaderKind::measure) measures.push_back(c);
      else attributes.emplace_back(c, target->id);
    };
    for (std::uint32_t c = 0; c < sheet_.column_count; ++c) {
      const Cell* cell = sheet_.find(r, c);
      if (!cell || cell->kind != CellKind::text) continue;
      const std::string text(ctx_.workbook.text(*cell));
      place(c, text, said_ ? HandMapping::by_header(*said_, text) : nullptr);
    }
    // Columns the mapping names by letter, in the header row it names, or in a row that is a header
    // by its other columns (never a title's first cell).
    if (said_ && (r == said_row || !dims.empty() || !measures.empty()))
      for (const ColumnMeaning& said : said_->columns) {
        if (said.column.empty()) continue;
        const std::uint32_t c = HandMapping::column_index(said.column);
        if (by_hand_.count(c) || c >= sheet_.column_count) continue;
        auto other = [c](const auto& entry) { return entry.first == c; };
        unknown.erase(std::remove_if(unknown.begin(), unknown.end(), other), unknown.end());
        attributes.erase(std::remove_if(attributes.begin(), attributes.end(), other), attributes.end());
        dims.erase(std::remove_if(dims.begin(), dims.end(), [c](const ColumnPlan& d) { return d.column == c; }), dims.end());
        measures.erase(std::remove(measures.begin(), measures.end(), c), measures.end());
        place(c, view_.text(r, c), &said);
      }
    // A column whose header names nothing known, or an attribute whose values are none of its
    // codes ("Statut" over "Réfugiés", "Demandeurs d'asile"), is the dimension its values name.
    if (!dims.empty()) {
      std::set<std::string> taken;
      for (const auto& d : dims) taken.insert(d.dimension);
      auto by_values = [&](std::uint32_t c) {
        const std::string d = dimension_from_values(r, c, taken);
        if (d.empty()) return false;
        dims.push_back({c, d});
        taken.insert(d);
        from_values_.insert(c);
        return true;
      };
      unknown.erase(std::remove_if(unknown.begin(), unknown.end(), [&](const auto& u) { return by_values(u.first); }),
                    unknown.end());
      attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                      [&](const auto& a) { return !values_are_codes(r, a.first, a.second) && by_values(a.first); }),
                       attributes.end());
      std::sort(dims.begin(), dims.end(), [](const ColumnPlan& a, const ColumnPlan& b) { return a.column < b.column; });
    }
    if (dims.empty()) continue;
    // Two columns named for one thing: the one read is said, and so is the one left out.
    std::uint32_t measure = UINT32_MAX;
    if (!measures.empty()) {
      measure = most_numbers(r + 1, measures);
      for (std::uint32_t c : measures)
        if (c != measure) left_out_.push_back({r, c, measure, ctx_.rulebook.measure.id});
    }
    for (std::size_t i = 0; i < dims.size(); ++i)
      for (std::size_t k = 0; k < i; ++k)
        if (dims[k].dimension == dims[i].dimension) {
          left_out_.push_back({r, dims[i].column, dims[k].column, dims[i].dimension});
          dims.erase(dims.begin() + static_cast<std::ptrdiff_t>(i--));
          break;
        }
    if (measure != UINT32_MAX) {
      rec_.layout = Layout::long_format;
      rec_.header_rows = {r};
      first_data_row_ = r + 1;
      row_dims_ = dims;
      measure_column_ = measure;
      attribute_columns_ = attributes;
      for (const auto& d : dims)
        rec_.columns.push_back({d.column, view_.text(r, d.column), "dimension", d.dimension, from_values_.count(d.column) > 0,
                                by_hand_.count(d.column) > 0});
      rec_.columns.push_back({measure, view_.text(r, measure), "measure", ctx_.rulebook.measure.id, false, by_hand_.count(measure) > 0});
      for (const auto& [c, id] : attributes) rec_.columns.push_back({c, view_.text(r, c), "attribute", id, false, by_hand_.count(c) > 0});
      for (std::uint32_t c : ignored_) rec_.columns.push_back({c, view_.text(r, c), "ignored", "", false, true});
      for (const auto& [c, text] : unknown) {
        rec_.columns.push_back({c, text, "unknown", ""});
        unknown_headers_.emplace_back(r, c, text);
      }
      return true;
    }
    // A dimension header over its own codes ("Sex" merged above Male | Female |
    // Total) is spread across the value columns, not a row dimension.
    std::vector<ColumnPlan> row_dims;
    for (const auto& d : dims) {
      const CodeMatcher* codes = ctx_.matcher.codes_for(d.dimension);
      auto code_below = [&](std::uint32_t column) {
        const std::string below = view_.text(r + 1, column);
        return codes && !below.empty() && codes->match(below) != nullptr;
      };
      bool spans = false;
      for (const CellRange& m : sheet_.merged)
        spans = spans || (m.first_row <= r && m.last_row >= r && m.first_column == d.column && m.last_column > d.column);
      if (!spans) spans = view_.text(r, d.column + 1).empty() && code_below(d.column + 1);
      if (spans && code_below(d.column)) continue;
      row_dims.push_back(d);
    }
    if (row_dims.empty()) continue;
    row_dims_ = row_dims;
    if (ambiguous_header_row_ == UINT32_MAX) ambiguous_header_row_ = r;
    if (try_wide(r, row_dims, hint)) {
      for (const auto& d : row_dims)
        rec_.columns.push_back({d.column, view_.text(r, d.column), "dimension", d.dimension, from_values_.count(d.column) > 0,
                                by_hand_.count(d.column) > 0});
      for (std::uint32_t c : ignored_)
        if (std::none_of(rec_.columns.begin(), rec_.columns.end(), [c](const ColumnMapping& m) { return m.column == c; }))
          rec_.columns.push_back({c, view_.text(r, c), "ignored", "", false, true});
      std::sort(rec_.columns.begin(), rec_.columns.end(),
                [](const ColumnMapping& a, const ColumnMapping& b) { return a.column < b.column; });
      return true;
    }
    row_dims_.clear();
  }
  return false;
}

void SheetRecogniser::read_title() {
  for (const Cell& c : sheet_.cells) {
    if (c.row >= rec_.header_rows.front()) break;
    if (c.kind != CellKind::text) continue;
    // The key, not the text: a year typed in Arabic-Indic digits (٢٠٢٤) is found as well.
    const std::string text = util::normalize_label(ctx_.workbook.text(c));
    title_ += text + " ";
    if (sheet_year_.empty())
      for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        const bool boundary_left = i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]));
        const bool boundary_right = i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4]));
        const std::string year = boundary_left && boundary_right ? year_of(text.substr(i, 4)) : "";
        if (!year.empty()) {
          sheet_year_ = year;
          break;
        }
      }
  }
  if (ctx_.out.reporting_country.empty() && ctx_.country_dimension)
    if (const CodeMatcher* codes = ctx_.matcher.codes_of_list(ctx_.country_dimension->codelist))
    {
      sheet_country_ = codes->find_in_text(title_ + " " + util::normalize_label(sheet_.name));
      if (sheet_country_.empty()) sheet_country_ = codes->code_in_name(sheet_.name);
    }
}

}  // namespace migcheck::recognition
