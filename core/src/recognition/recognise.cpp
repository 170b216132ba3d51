// Sheet -> table: roles (metadata, sources, table), header rows, layout,
// column mapping, label -> code mapping, values and markers, observations.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "migcheck/messages.hpp"
#include "migcheck/recognition.hpp"
#include "recognition/matcher.hpp"
#include "recognition/sdmx_in.hpp"
#include "util/json_writer.hpp"
#include "util/normalize.hpp"
#include "util/text.hpp"

namespace migcheck {

using recognition::CodeMatcher;
using recognition::HeaderKind;
using recognition::Matcher;
using recognition::ParsedValue;

const char* layout_name(Layout l) noexcept { return l == Layout::wide ? "wide" : "long"; }

const char* sheet_role_name(SheetRole r) noexcept {
  switch (r) {
    case SheetRole::table: return "table";
    case SheetRole::metadata: return "metadata";
    case SheetRole::sources: return "sources";
    case SheetRole::codes: return "codes";
    case SheetRole::unrecognised: return "unrecognised";
    case SheetRole::empty: return "empty";
  }
  return "unrecognised";
}

namespace {

// Large numbers in messages are grouped as people write them: 2,078,862 in
// English, 2 078 862 (narrow no-break spaces) in French. Numbers of four
// digits or fewer (years, small counts) and anything not a plain number stay
// as they are; the report's params keep the plain form.
std::string readable_number(const std::string& value, std::string_view language) {
  std::size_t start = value.size() > 0 && value[0] == '-' ? 1 : 0;
  std::size_t digits = start;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  const bool fraction_ok = digits == value.size() ||
                           (value[digits] == '.' && digits + 1 < value.size() &&
                            value.find_first_not_of("0123456789", digits + 1) == std::string::npos);
  if (digits - start < 5 || !fraction_ok) return value;
  const std::string separator = language == "fr" ? "\u202f" : ",";
  std::string out = value.substr(0, start);
  for (std::size_t i = start; i < digits; ++i) {
    if (i > start && (digits - i) % 3 == 0) out += separator;
    out.push_back(value[i]);
  }
  if (digits < value.size()) out += (language == "fr" ? "," : ".") + value.substr(digits + 1);
  return out;
}

}  // namespace

std::string render_message(const Rulebook& rulebook, std::string_view language, std::string_view key,
                           const std::vector<std::pair<std::string, std::string>>& params) {
  // The rulebook's own messages first; migcheck's catalogue (readers'
  // errors) for keys the rulebook does not define.
  const std::string* tmpl = rulebook.message(language, key);
  if (!tmpl) tmpl = builtin_message(language, key);
  if (!tmpl) tmpl = builtin_message("en", key);
  if (!tmpl) return std::string(key);
  std::string out;
  for (std::size_t i = 0; i < tmpl->size();) {
    if ((*tmpl)[i] == '{') {
      const auto close = tmpl->find('}', i);
      if (close != std::string::npos) {
        const std::string name = tmpl->substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : params)
          if (k == name) {
            out += readable_number(v, language);
            found = true;
            break;
          }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back((*tmpl)[i++]);
  }
  return out;
}

namespace {

constexpr std::uint32_t kHeaderSearchRows = 50;
constexpr std::uint32_t kValueSample = 30;  // rows below a header read to tell a column by its values
constexpr std::size_t kRelatedCellsShown = 20;

// The text people see in a cell: numbers as they would type them.
std::string cell_text(const Workbook& wb, const Cell* c) {
  if (!c) return {};
  switch (c->kind) {
    case CellKind::text:
    case CellKind::error: return std::string(wb.text(*c));
    case CellKind::boolean: return c->number != 0 ? "TRUE" : "FALSE";
    case CellKind::date: return date_serial_to_iso(c->number, wb.date1904);
    case CellKind::number: {
      std::string s;
      util::append_json_number(s, c->number);
      return s;
    }
  }
  return {};
}

struct Context {
  const Workbook& workbook;
  const Rulebook& rulebook;
  const Matcher& matcher;
  const RecogniseOptions& options;
  Recognition& out;
  const Dimension* time_dimension = nullptr;
  const Dimension* country_dimension = nullptr;
  std::string default_obs_status, default_conf_status;

  // `message_key`: another wording of the same finding (without the part a placeholder would leave empty).
  void finding(std::string key, Severity severity, int level, std::string sheet, std::string cell,
               std::vector<std::pair<std::string, std::string>> params, std::string table = {},
               std::vector<std::string> related = {}, std::string message_key = {}) {
    Finding f;
    f.rule = key;
    if (!message_key.empty()) key = std::move(message_key);
    f.severity = severity;
    f.level = level;
    f.file = workbook.file_name;
    f.table = std::move(table);
    f.sheet = std::move(sheet);
    f.cell = std::move(cell);
    f.related_cells = std::move(related);
    f.message_key = key;
    f.params = std::move(params);
    f.message = render_message(rulebook, options.language, f.message_key, f.params);
    out.findings.push_back(std::move(f));
  }
};

// Cells with merged ranges filled in from their top-left cell.
class SheetView {
 public:
  SheetView(const Workbook& wb, const Sheet& sheet) : wb_(wb), sheet_(sheet) {}
  const Cell* at(std::uint32_t row, std::uint32_t column) const {
    if (const Cell* c = sheet_.find(row, column)) return c;
    for (const CellRange& m : sheet_.merged)
      if (row >= m.first_row && row <= m.last_row && column >= m.first_column && column <= m.last_column)
        return sheet_.find(m.first_row, m.first_column);
    return nullptr;
  }
  std::string text(std::uint32_t row, std::uint32_t column) const { return cell_text(wb_, at(row, column)); }
  const Sheet& sheet() const { return sheet_; }

 private:
  const Workbook& wb_;
  const Sheet& sheet_;
};

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

// Where each table dimension's code comes from for a row or a value column.
struct ColumnPlan {
  std::uint32_t column;
  std::string dimension;  // row dimensions (long and wide)
};
struct ValueColumn {
  std::uint32_t column;
  std::vector<std::pair<std::string, std::string>> codes;  // spread dimension -> code
};

class SheetRecogniser {
 public:
  // `sdmx`: the rows of one structure of an SDMX-CSV sheet, whose table the structure id names.
  SheetRecogniser(Context& ctx, std::uint32_t sheet_index, const recognition::SdmxPart* sdmx = nullptr)
      : ctx_(ctx), index_(sheet_index), sheet_(ctx.workbook.sheets[sheet_index]), view_(ctx.workbook, sheet_), sdmx_(sdmx) {
    rec_.sheet = sheet_.name;
  }

  SheetRecognition run();

 private:
  bool find_header(std::uint32_t start);
  // "Origin:,all", "Year:,2022": a key and its value above a table (UNHCR's exports), never its header.
  bool preamble_line(std::uint32_t row) const {
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
  // Forgets a header that gave no table, to look further down.
  void forget_header() {
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
  bool try_wide(std::uint32_t row, const std::vector<ColumnPlan>& dims, const TableTemplate* hint);
  const TableTemplate* choose_table(const std::set<std::string>& dims, std::string& why);
  void read_rows();
  // Maps a row label to its code (reporting each unknown text once); false when unknown.
  // The label's mapping (an index into rec_.labels, its code "" when unknown),
  // reported at its first cell; every use is counted.
  std::size_t map_label(const std::string& dimension, const std::string& text, std::uint32_t row, std::uint32_t column);
  // Of the text values below row `r` in `column` (up to kValueSample), how many name a code of
  // `codes`, and how many there are.
  std::pair<std::size_t, std::size_t> codes_below(std::uint32_t r, std::uint32_t column, const CodeMatcher& codes) const {
    std::size_t matched = 0, texts = 0;
    for (std::uint32_t row = r + 1; row < sheet_.row_count && row <= r + kValueSample; ++row) {
      const Cell* cell = sheet_.find(row, column);
      if (!cell || cell->kind != CellKind::text) continue;
      ++texts;
      matched += codes.match(ctx_.workbook.text(*cell)) != nullptr;
    }
    return {matched, texts};
  }
  static bool mostly(std::pair<std::size_t, std::size_t> m) { return m.second >= 2 && m.first * 5 >= m.second * 4; }
  // Whether an attribute column's values are its codes (or it has no code list to tell).
  bool values_are_codes(std::uint32_t r, std::uint32_t column, const std::string& attribute) const {
    for (const auto& a : ctx_.rulebook.attributes)
      if (a.id == attribute && !a.codelist.empty())
        if (const CodeMatcher* codes = ctx_.matcher.codes_of_list(a.codelist)) return mostly(codes_below(r, column, *codes));
    return true;
  }
  // The one dimension not yet taken whose codes name most (80 %) of the values below the header;
  // "" when none does, or when the values fit the code list of several (countries: citizenship,
  // birth, residence share one list).
  std::string dimension_from_values(std::uint32_t r, std::uint32_t column, const std::set<std::string>& taken) const {
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
  bool status_column(const std::string& attribute) const {
    for (const auto& a : ctx_.rulebook.attributes)
      if (a.id == attribute) return a.role == AttributeRole::observation_status;
    return false;
  }
  // Why a sheet was not recognised, in the report's language (the rulebook's "reason.*" messages).
  std::string reason(const char* key, const std::vector<std::pair<std::string, std::string>>& params) const {
    return render_message(ctx_.rulebook, ctx_.options.language, key, params);
  }
  void unrecognised(std::string why) {
    rec_.role = SheetRole::unrecognised;
    rec_.why = why;
    if (candidate_.empty())
      ctx_.finding("sheet.unrecognised", Severity::warning, 0, sheet_.name, "", {{"sheet", sheet_.name}, {"reason", why}},
                   {}, {}, "sheet.unrecognised.no_candidate");
    else
      ctx_.finding("sheet.unrecognised", Severity::warning, 0, sheet_.name, "",
                   {{"sheet", sheet_.name}, {"candidate", candidate_}, {"reason", why}});
  }

  Context& ctx_;
  std::uint32_t index_;
  const Sheet& sheet_;
  SheetView view_;
  const recognition::SdmxPart* sdmx_ = nullptr;
  SheetRecognition rec_;
  const TableTemplate* table_ = nullptr;
  std::string candidate_;
  std::vector<ColumnPlan> row_dims_;
  std::vector<ValueColumn> value_columns_;  // wide
  std::uint32_t measure_column_ = UINT32_MAX;
  std::vector<std::pair<std::uint32_t, std::string>> attribute_columns_;
  std::uint32_t first_data_row_ = 0;
  std::set<std::string> spread_dims_;
  std::uint32_t ambiguous_header_row_ = UINT32_MAX;  // first row naming dimensions, when no layout fits
  std::string title_;        // normalized text of the rows above the header
  std::string sheet_year_;   // a year named in that title
  std::string sheet_country_;  // a country named in that title or the sheet name
  const TableTemplate* table_column_hint_ = nullptr;  // named by a TABLE column
  struct LeftOut {
    std::uint32_t row, column, used_column;
    std::string target;
  };
  std::vector<LeftOut> left_out_;
  std::set<std::uint32_t> from_values_;  // columns whose dimension their values told  // header row, a column naming what another column gives
  // Of these columns, the one with the most numbers in the rows below `first_row` (the first on a tie).
  std::uint32_t most_numbers(std::uint32_t first_row, const std::vector<std::uint32_t>& columns) const {
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
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>> unknown_headers_;  // row, column, text
  // dimension -> text -> index into rec_.labels
  std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>> label_index_;
};

const TableTemplate* SheetRecogniser::choose_table(const std::set<std::string>& dims, std::string& why) {
  std::set<std::string> found = dims;
  if (ctx_.time_dimension) found.erase(ctx_.time_dimension->id);
  if (ctx_.country_dimension) found.erase(ctx_.country_dimension->id);
  auto fits = [&](const TableTemplate& t) {
    std::set<std::string> required(t.dimensions.begin(), t.dimensions.end());
    std::set<std::string> allowed = required;
    for (const auto& d : t.may_omit) required.erase(d);
    allowed.insert(t.optional_dimensions.begin(), t.optional_dimensions.end());
    for (const auto& d : required)
      if (!found.count(d)) return false;
    for (const auto& d : found)
      if (!allowed.count(d)) return false;
    return true;
  };
  const TableTemplate* named = table_column_hint_ ? table_column_hint_ : ctx_.matcher.table_by_name(sheet_.name);
  if (named) {
    candidate_ = named->id;
    if (fits(*named)) return named;
    std::string missing;
    for (const auto& d : named->dimensions)
      if (!found.count(d)) missing += (missing.empty() ? "" : ", ") + d;
    std::string extra;
    std::set<std::string> allowed(named->dimensions.begin(), named->dimensions.end());
    allowed.insert(named->optional_dimensions.begin(), named->optional_dimensions.end());
    for (const auto& d : found)
      if (!allowed.count(d)) extra += (extra.empty() ? "" : ", ") + d;
    why = missing.empty() ? reason("reason.extra_dimensions", {{"table", named->id}, {"dimensions", extra}})
                          : reason("reason.no_column", {{"dimensions", missing}});
    return nullptr;
  }
  std::vector<const TableTemplate*> fitting;
  for (const auto& t : ctx_.rulebook.tables)
    if (fits(t)) fitting.push_back(&t);
  if (fitting.size() == 1) return fitting.front();
  // Several tables share these dimensions: a title above the header may name one.
  if (fitting.size() > 1) {
    const TableTemplate* titled = nullptr;
    int titled_count = 0;
    for (const auto* t : fitting) {
      bool named_in_title = false;
      recognition::for_each_text(t->label, t->synonyms, [&](const std::string& text) {
        const std::string key = util::normalize_label(text);
        named_in_title = named_in_title || (!key.empty() && title_.find(key) != std::string::npos);
      });
      if (named_in_title) {
        titled = t;
        ++titled_count;
      }
    }
    if (titled_count == 1) return titled;
    // The Sources sheet lists the tables the return holds: one of these, and no other, decides.
    const TableTemplate* listed = nullptr;
    int listed_count = 0;
    for (const auto* t : fitting) {
      bool in_sources = false;
      for (const auto& row : ctx_.out.sources)
        for (const FieldValue& v : row) in_sources = in_sources || v.code == t->id;
      bool taken = false;
      for (const auto& s : ctx_.out.sheets) taken = taken || (s.role == SheetRole::table && s.table == t->id);
      if (in_sources && !taken) {
        listed = t;
        ++listed_count;
      }
    }
    if (listed_count == 1) return listed;
  }
  if (fitting.empty()) {
    why = reason("reason.no_table", {});
    return nullptr;
  }
  std::string names;
  for (const auto* t : fitting) names += (names.empty() ? "" : ", ") + t->id;
  candidate_ = names;
  why = reason("reason.several_tables", {{"tables", names}});
  return nullptr;
}

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
      if (recognition::year_of(text).empty()) return false;
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
      const CodeMatcher* codes = ctx_.matcher.codes_of_list(d->codelist);
      if (const Code* code = codes ? codes->match(text) : nullptr) out.emplace_back(d, code);
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
      if (text.empty() || !recognition::year_of(text).empty()) continue;
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
  std::set<std::uint32_t> header_rows = {row};
  for (std::uint32_t c = last_dim_column + 1; c < sheet_.column_count; ++c) {
    ValueColumn vc{c, {}};
    bool any_text = false;
    for (std::uint32_t r : rows) {
      const std::string text = view_.text(r, c);
      if (text.empty()) continue;
      const std::string year = recognition::year_of(text);
      if (!year.empty() && ctx_.time_dimension) {
        vc.codes.emplace_back(ctx_.time_dimension->id, year);
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
  // Years carry to the right across a merged or blank cell ("2024" over Male | Female | Total).
  std::string year;
  for (auto& vc : columns) {
    bool has_year = false;
    for (const auto& [d, code] : vc.codes)
      if (ctx_.time_dimension && d == ctx_.time_dimension->id) {
        year = code;
        has_year = true;
      }
    if (!has_year && !year.empty() && spread.count(ctx_.time_dimension->id))
      vc.codes.emplace_back(ctx_.time_dimension->id, year);
  }
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
        ctx_.finding("header.unknown", Severity::info, 0, sheet_.name, a1(row, vc.column),
                     {{"header", unknown}, {"cell", a1(row, vc.column)}, {"table", hint ? hint->id : ""}}, {}, {},
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

bool SheetRecogniser::find_header(std::uint32_t start) {
  const TableTemplate* hint = ctx_.matcher.table_by_name(sheet_.name);
  const std::uint32_t limit = std::min(sheet_.row_count, start + kHeaderSearchRows);
  for (std::uint32_t r = start; r < limit; ++r) {
    if (preamble_line(r)) continue;
    std::vector<ColumnPlan> dims;
    std::vector<std::uint32_t> measures;
    std::vector<std::pair<std::uint32_t, std::string>> attributes;
    std::vector<std::pair<std::uint32_t, std::string>> unknown;
    for (std::uint32_t c = 0; c < sheet_.column_count; ++c) {
      const Cell* cell = sheet_.find(r, c);
      if (!cell || cell->kind != CellKind::text) continue;
      const std::string text(ctx_.workbook.text(*cell));
      const auto target = ctx_.matcher.header(text);
      if (!target) {
        unknown.emplace_back(c, text);
        continue;
      }
      if (target->kind == HeaderKind::dimension) dims.push_back({c, target->id});
      else if (target->kind == HeaderKind::measure) measures.push_back(c);
      else attributes.emplace_back(c, target->id);
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
        rec_.columns.push_back({d.column, view_.text(r, d.column), "dimension", d.dimension, from_values_.count(d.column) > 0});
      rec_.columns.push_back({measure, view_.text(r, measure), "measure", ctx_.rulebook.measure.id});
      for (const auto& [c, id] : attributes) rec_.columns.push_back({c, view_.text(r, c), "attribute", id});
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
        rec_.columns.push_back({d.column, view_.text(r, d.column), "dimension", d.dimension, from_values_.count(d.column) > 0});
      std::sort(rec_.columns.begin(), rec_.columns.end(),
                [](const ColumnMapping& a, const ColumnMapping& b) { return a.column < b.column; });
      return true;
    }
    row_dims_.clear();
  }
  return false;
}

std::size_t SheetRecogniser::map_label(const std::string& dimension, const std::string& text, std::uint32_t row,
                                      std::uint32_t column) {
  auto& of_dimension = label_index_[dimension];
  auto it = of_dimension.find(text);
  if (it != of_dimension.end()) {
    ++rec_.labels[it->second].count;
    return it->second;
  }
  const Dimension* dim = ctx_.rulebook.dimension(dimension);
  LabelMapping mapping{dimension, text, "", 1};
  const Code* code = nullptr;
  if (dim && dim->kind == DimensionKind::time) {
    mapping.code = recognition::year_of(text);
    if (mapping.code.empty())
      ctx_.finding("label.unknown", Severity::error, 0, sheet_.name, a1(row, column),
                   {{"label", text}, {"cell", a1(row, column)}, {"dimension", dimension}}, table_ ? table_->id : "", {},
                   "label.unknown.no_suggestion");
  } else if (const CodeMatcher* codes = dim ? ctx_.matcher.codes_of_list(dim->codelist) : nullptr) {
    bool ambiguous = false;
    code = codes->match(text, &ambiguous);
    if (code) {
      mapping.code = code->id;
    } else if (ambiguous) {
      ctx_.finding("label.ambiguous", Severity::error, 0, sheet_.name, a1(row, column),
                   {{"label", text}, {"cell", a1(row, column)}}, table_ ? table_->id : "", {}, "label.ambiguous.unlisted");
    } else {
      std::string suggestions;
      for (const auto& s : codes->suggestions(text, ctx_.options.language))
        suggestions += (suggestions.empty() ? "" : ", ") + s;
      ctx_.finding("label.unknown", Severity::error, 0, sheet_.name, a1(row, column),
                   {{"label", text}, {"cell", a1(row, column)}, {"dimension", dimension}, {"suggestions", suggestions}},
                   table_ ? table_->id : "", {}, suggestions.empty() ? "label.unknown.no_suggestion" : "");
    }
  }
  const std::size_t index = rec_.labels.size();
  of_dimension.emplace(text, index);
  rec_.labels.push_back(std::move(mapping));
  return index;
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
        code = recognition::year_of(text);
      } else if (const CodeMatcher* codes = ctx_.matcher.codes_for(row_dims_[i].dimension)) {
        if (const Code* c = text.empty() ? nullptr : codes->match(text)) code = c->id;
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
    bool row_ok = true, unknown_label = false;
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
      if (code.empty()) row_ok = false, unknown_label = true;
      key[static_cast<std::size_t>(slot)] = code;
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
        if (!code) continue;
        if (attr->role == AttributeRole::observation_status) obs = code->id, obs_written = true;
        else if (attr->role == AttributeRole::confidentiality) conf = code->id;
      }
      const Cell* cell = cell_at(measure_column_);
      const ParsedValue v = ctx_.matcher.parse_value(ctx_.workbook, cell);
      if (v.kind == ParsedValue::Kind::invalid) {
        ctx_.finding("value.not_number", Severity::error, 0, sheet_.name, a1(row, measure_column_),
                     {{"value", cell_text(ctx_.workbook, cell)}, {"cell", a1(row, measure_column_)}}, table_->id);
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
          ctx_.finding("value.not_number", Severity::error, 0, sheet_.name, a1(row, vc.column),
                       {{"value", cell_text(ctx_.workbook, cell)}, {"cell", a1(row, vc.column)}}, table_->id);
          drop(row, vc.column);
          continue;
        }
        add(row, vc.column, v, ctx_.default_obs_status, ctx_.default_conf_status, false);
      }
    }
    it = row_end;
  }
  if (missing_country)
    ctx_.finding("reporting_country.unknown", Severity::error, 0, sheet_.name, "", {{"sheet", sheet_.name}}, table_->id);
  if (missing_year)
    ctx_.finding("reference_year.unknown", Severity::error, 0, sheet_.name, "", {{"sheet", sheet_.name}}, table_->id);
  // One finding per sheet: the first such cell, the others as related cells.
  if (!number_as_text.empty())
    ctx_.finding("value.number_as_text", Severity::info, 0, sheet_.name, number_as_text.front(),
                 {{"value", first_number_text}, {"cell", number_as_text.front()}}, table_->id,
                 std::vector<std::string>(number_as_text.begin() + 1, number_as_text.end()));
}

SheetRecognition SheetRecogniser::run() {
  if (sheet_.cells.empty()) {
    rec_.role = SheetRole::empty;
    return std::move(rec_);
  }
  // Candidate header rows from the top: one that gives no table (a group header, a preamble
  // naming a dimension) is passed over for the next; the first reason is the one told.
  std::uint32_t start = 0;
  std::string why, first_why, first_candidate;
  for (;;) {
  if (!find_header(start)) {
    if (!first_why.empty()) {
      candidate_ = first_candidate;
      unrecognised(first_why);
      return std::move(rec_);
    }
    const TableTemplate* named = ctx_.matcher.table_by_name(sheet_.name);
    candidate_ = named ? named->id : "";
    if (ambiguous_header_row_ != UINT32_MAX) {
      // Dimensions are named, but neither a measure column nor value columns headed by codes follow.
      const std::string why = reason("reason.ambiguous_layout", {{"row", std::to_string(ambiguous_header_row_ + 1)}});
      rec_.role = SheetRole::unrecognised;
      rec_.why = why;
      ctx_.finding("layout.ambiguous", Severity::warning, 0, sheet_.name, a1(ambiguous_header_row_, 0),
                   {{"sheet", sheet_.name}, {"reason", why}}, candidate_);
      return std::move(rec_);
    }
    unrecognised(reason("reason.no_header", {{"rows", std::to_string(kHeaderSearchRows)}}));
    return std::move(rec_);
  }
  for (const Cell& c : sheet_.cells) {
    if (c.row >= rec_.header_rows.front()) break;
    if (c.kind != CellKind::text) continue;
    const std::string text(ctx_.workbook.text(c));
    title_ += util::normalize_label(text) + " ";
    if (sheet_year_.empty())
      for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        const bool boundary_left = i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]));
        const bool boundary_right = i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4]));
        const std::string year = boundary_left && boundary_right ? recognition::year_of(text.substr(i, 4)) : "";
        if (!year.empty()) {
          sheet_year_ = year;
          break;
        }
      }
  }
  // A column naming the table (a field of kind "table", as in the Sources sheet): its first value decides.
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
  if (ctx_.out.reporting_country.empty() && ctx_.country_dimension)
    if (const CodeMatcher* codes = ctx_.matcher.codes_of_list(ctx_.country_dimension->codelist))
    {
      sheet_country_ = codes->find_in_text(title_ + " " + util::normalize_label(sheet_.name));
      if (sheet_country_.empty()) sheet_country_ = codes->code_in_name(sheet_.name);
    }
  std::set<std::string> dims;
  for (const auto& d : row_dims_) dims.insert(d.dimension);
  for (const auto& d : spread_dims_) dims.insert(d);
  if (sdmx_) {
    // SDMX-CSV: the structure id names the table; its columns are the union of every structure's.
    table_ = sdmx_->table;
    candidate_ = table_ ? table_->id : "";
    if (!table_) {
      unrecognised(reason("reason.sdmx_structure", {{"structure", sdmx_->structure}}));
      return std::move(rec_);
    }
    for (const std::string& d : table_->dimensions)
      if (!dims.count(d) && std::find(table_->may_omit.begin(), table_->may_omit.end(), d) == table_->may_omit.end()) {
        unrecognised(reason("reason.no_column", {{"dimensions", d}}));
        return std::move(rec_);
      }
  } else {
    table_ = choose_table(dims, why);
  }
  if (table_ || sdmx_) break;
  if (first_why.empty()) {
    first_why = why;
    first_candidate = candidate_;
  }
  start = rec_.header_rows.back() + 1;
  forget_header();
  }
  if (!table_) {
    unrecognised(first_why.empty() ? why : first_why);
    return std::move(rec_);
  }
  rec_.role = SheetRole::table;
  rec_.table = table_->id;
  for (const auto& [r, c, text] : unknown_headers_) {
    const SheetField* field = ctx_.matcher.sources_field(text);
    if (field && field->kind == FieldKind::table) continue;  // consumed above
    if (sdmx_ && recognition::sdmx_control_column(text)) continue;
    ctx_.finding("header.unknown", Severity::info, 0, sheet_.name, a1(r, c),
                 {{"header", text}, {"cell", a1(r, c)}, {"table", table_->id}}, table_->id);
  }
  for (const Cell& c : sheet_.cells) {
    if (c.row >= first_data_row_) break;
    if (std::find(rec_.header_rows.begin(), rec_.header_rows.end(), c.row) == rec_.header_rows.end() &&
        (rec_.skipped_rows.empty() || rec_.skipped_rows.back() != c.row))
      rec_.skipped_rows.push_back(c.row);
  }
  for (const LeftOut& l : left_out_) {
    if (l.row != rec_.header_rows.front()) continue;
    ctx_.finding("header.left_out", Severity::error, 0, sheet_.name, a1(l.row, l.column),
                 {{"header", view_.text(l.row, l.column)},
                  {"cell", a1(l.row, l.column)},
                  {"target", l.target},
                  {"used", a1(l.row, l.used_column)}},
                 table_->id);
  }
  read_rows();
  std::sort(rec_.skipped_rows.begin(), rec_.skipped_rows.end());
  std::stable_sort(rec_.columns.begin(), rec_.columns.end(),
                   [](const ColumnMapping& a, const ColumnMapping& b) { return a.column < b.column; });
  return std::move(rec_);
}

FieldValue field_value(const Context& ctx, const SheetField& field, const std::string& text, const std::string& sheet,
                       std::string cell) {
  FieldValue v{field.id, text, "", sheet, std::move(cell)};
  if (field.kind == FieldKind::table) {
    if (const TableTemplate* t = ctx.matcher.table_by_name(text)) v.code = t->id;
  } else if (!field.codelist.empty()) {
    const CodeMatcher* codes = ctx.matcher.codes_of_list(field.codelist);
    if (const Code* code = codes ? codes->match(text) : nullptr) v.code = code->id;
  }
  return v;
}

// Key/value rows: the first text that names a field, then the next non-empty cell.
void read_metadata(Context& ctx, const Sheet& sheet) {
  for (std::uint32_t i = 0; i < sheet.cells.size();) {
    const std::uint32_t row = sheet.cells[i].row;
    std::uint32_t end = i;
    while (end < sheet.cells.size() && sheet.cells[end].row == row) ++end;
    for (std::uint32_t k = i; k < end; ++k) {
      const SheetField* field = ctx.matcher.metadata_field(cell_text(ctx.workbook, &sheet.cells[k]));
      if (!field) continue;
      if (k + 1 == end) {  // named, its value left empty: the cell to fill
        ctx.out.metadata.push_back(field_value(ctx, *field, "", sheet.name, a1(row, sheet.cells[k].column + 1)));
        break;
      }
      const std::string value = cell_text(ctx.workbook, &sheet.cells[k + 1]);
      ctx.out.metadata.push_back(field_value(ctx, *field, value, sheet.name, a1(row, sheet.cells[k + 1].column)));
      if (field->kind == FieldKind::coded && ctx.country_dimension && field->codelist == ctx.country_dimension->codelist) {
        const CodeMatcher* codes = ctx.matcher.codes_of_list(field->codelist);
        const Code* code = codes ? codes->match(value) : nullptr;
        if (code) {
          ctx.out.reporting_country = code->id;
        } else {
          std::string suggestions;
          for (const auto& s : codes ? codes->suggestions(value, ctx.options.language) : std::vector<std::string>{})
            suggestions += (suggestions.empty() ? "" : ", ") + s;
          ctx.finding("label.unknown", Severity::error, 0, sheet.name, a1(row, sheet.cells[k + 1].column),
                      {{"label", value}, {"cell", a1(row, sheet.cells[k + 1].column)}, {"dimension", field->id},
                       {"suggestions", suggestions}},
                      {}, {}, suggestions.empty() ? "label.unknown.no_suggestion" : "");
        }
      } else if (field->kind == FieldKind::time && ctx.out.reference_year.empty()) {
        ctx.out.reference_year = recognition::year_of(value);
      }
      break;
    }
    i = end;
  }
}

// A header row naming source fields, then one row per table.
void read_sources(Context& ctx, const Sheet& sheet) {
  std::vector<std::pair<std::uint32_t, const SheetField*>> columns;
  std::uint32_t header_row = UINT32_MAX;
  for (const Cell& c : sheet.cells) {
    if (header_row != UINT32_MAX && c.row != header_row) break;
    const SheetField* f = ctx.matcher.sources_field(cell_text(ctx.workbook, &c));
    if (!f) continue;
    header_row = c.row;
    columns.emplace_back(c.column, f);
  }
  if (header_row == UINT32_MAX) return;
  ctx.out.sources_sheet = sheet.name;
  std::vector<FieldValue> current;
  std::uint32_t row = header_row;
  for (const Cell& c : sheet.cells) {
    if (c.row <= header_row) continue;
    if (c.row != row) {
      if (!current.empty()) ctx.out.sources.push_back(std::move(current));
      current.clear();
      row = c.row;
    }
    for (const auto& [column, field] : columns)
      if (column == c.column)
        current.push_back(field_value(ctx, *field, cell_text(ctx.workbook, &c), sheet.name, a1(c.row, c.column)));
  }
  if (!current.empty()) ctx.out.sources.push_back(std::move(current));
}

}  // namespace

Recognition recognise(const Workbook& workbook, const Rulebook& rulebook, const RecogniseOptions& options) {
  Recognition out;
  out.file = workbook.file_name;
  const Matcher matcher(rulebook);
  Context ctx{workbook, rulebook, matcher, options, out, nullptr, nullptr, {}, {}};
  for (const Dimension& d : rulebook.dimensions) {
    if (d.kind == DimensionKind::time && !ctx.time_dimension) ctx.time_dimension = &d;
    if (d.reporting_country && !ctx.country_dimension) ctx.country_dimension = &d;
  }
  // Statuses default to the first code of each status attribute's list (SDMX: A, F).
  for (const Attribute& a : rulebook.attributes) {
    const CodeList* list = rulebook.codelist(a.codelist);
    if (!list || list->codes.empty()) continue;
    if (a.role == AttributeRole::observation_status) ctx.default_obs_status = list->codes.front().id;
    if (a.role == AttributeRole::confidentiality) ctx.default_conf_status = list->codes.front().id;
  }

  // Metadata first: tables take the reporting country and year from it.
  std::vector<bool> done(workbook.sheets.size(), false);
  std::vector<SheetRecognition> special(workbook.sheets.size());
  for (std::uint32_t i = 0; i < workbook.sheets.size(); ++i) {
    const Sheet& sheet = workbook.sheets[i];
    SheetRecognition rec;
    rec.sheet = sheet.name;
    if (matcher.is_metadata_sheet(sheet.name)) {
      rec.role = SheetRole::metadata;
      read_metadata(ctx, sheet);
    } else if (matcher.is_sources_sheet(sheet.name)) {
      rec.role = SheetRole::sources;
      read_sources(ctx, sheet);
    } else if (matcher.is_codes_sheet(sheet.name)) {
      rec.role = SheetRole::codes;
    } else {
      continue;
    }
    done[i] = true;
    special[i] = std::move(rec);
  }
  for (std::uint32_t i = 0; i < workbook.sheets.size(); ++i) {
    if (done[i]) {
      out.sheets.push_back(std::move(special[i]));
      continue;
    }
    // An SDMX-CSV sheet holds one table per structure.
    const auto parts = recognition::sdmx_parts(workbook, workbook.sheets[i], matcher,
                                               ctx.country_dimension ? ctx.country_dimension->id : std::string());
    for (const auto& part : parts) out.sheets.push_back(SheetRecogniser(ctx, i, &part).run());
    if (!parts.empty()) continue;
    SheetRecogniser recogniser(ctx, i);
    out.sheets.push_back(recogniser.run());
  }
  // Without Metadata, a country or year that every observation shares (a
  // REF_AREA or TIME_PERIOD column of one value) is the return's.
  auto single_value = [&](const Dimension* dim) {
    std::string value;
    if (!dim) return value;
    for (const RecognisedTable& t : out.tables) {
      const std::size_t d = t.dimension_index(dim->id);
      if (d == t.dimensions.size()) continue;
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string& code = t.code(i, d);
        if (code.empty()) continue;
        if (value.empty()) value = code;
        else if (value != code) return std::string();
      }
    }
    return value;
  };
  if (out.reporting_country.empty()) out.reporting_country = single_value(ctx.country_dimension);
  // Each table's own reporting country: a dataset of several countries (SDMX-CSV) is checked per country.
  if (ctx.country_dimension)
    for (RecognisedTable& t : out.tables) {
      const std::size_t d = t.dimension_index(ctx.country_dimension->id);
      for (std::size_t i = 0; i < t.size() && d < t.dimensions.size(); ++i) {
        const std::string& code = t.code(i, d);
        if (i == 0) t.reporting_country = code;
        else if (code != t.reporting_country) {
          t.reporting_country.clear();
          break;
        }
      }
    }
  if (out.reference_year.empty()) out.reference_year = single_value(ctx.time_dimension);
  // A table recognised but with nothing read from it is no pass: an error in a
  // CSV file (it is all there is) or for a required table, an info for an
  // optional table whose sheet was left blank (the template has them all).
  bool anything = false;
  const SheetRecognition* first_unrecognised = nullptr;
  for (const auto& s : out.sheets) {
    if (s.role == SheetRole::unrecognised && !first_unrecognised) first_unrecognised = &s;
    if (s.role == SheetRole::metadata || s.role == SheetRole::sources) anything = anything || !out.metadata.empty() || !out.sources.empty();
    if (s.role != SheetRole::table) continue;
    anything = anything || s.observations > 0 || s.unread > 0;
    if (s.observations > 0 || s.unread > 0) continue;
    const TableTemplate* t = rulebook.table(s.table);
    const bool required = workbook.format != FileFormat::xlsx || (t && t->required);
    const std::uint32_t header_row = s.header_rows.empty() ? 0 : s.header_rows.back();
    ctx.finding(required ? "table.empty" : "table.blank", required ? Severity::error : Severity::info, 0, s.sheet,
                a1(header_row, 0), {{"sheet", s.sheet}, {"table", s.table}, {"row", std::to_string(header_row + 1)}},
                s.table);
  }
  bool has_cells = false;
  for (const Sheet& sheet : workbook.sheets) has_cells = has_cells || !sheet.cells.empty();
  if (!anything && (!has_cells || !first_unrecognised))
    ctx.finding("file.no_data", Severity::error, 0, "", "", {{"file", workbook.file_name}});
  else if (!anything)
    ctx.finding("file.nothing_recognised", Severity::error, 0, first_unrecognised->sheet, "",
                {{"file", workbook.file_name}, {"sheet", first_unrecognised->sheet}, {"reason", first_unrecognised->why}});
  // A workbook is a whole return: its required tables and metadata must be
  // there. A CSV file holds one table, so these checks wait for the set of files.
  if (workbook.format == FileFormat::xlsx) {
    for (const TableTemplate& t : rulebook.tables) {
      if (!t.required) continue;
      bool present = false;
      for (const auto& s : out.sheets) present = present || (s.role == SheetRole::table && s.table == t.id);
      if (!present) ctx.finding("table.missing", Severity::error, 0, "", "", {{"table", t.id}}, t.id);
    }
    bool has_metadata = false;
    for (const auto& s : out.sheets) has_metadata = has_metadata || s.role == SheetRole::metadata;
    if (rulebook.metadata_sheet.present && !has_metadata) ctx.finding("metadata.sheet_missing", Severity::error, 0, "", "", {});
  }
  // The Metadata sheet, or the Metadata file of a return split in CSV files, gives every required field.
  const SheetRecognition* metadata_sheet = nullptr;
  for (const auto& s : out.sheets)
    if (s.role == SheetRole::metadata && !metadata_sheet) metadata_sheet = &s;
  if (metadata_sheet)
    for (const SheetField& f : rulebook.metadata_sheet.fields) {
      if (!f.required) continue;
      const FieldValue* named = nullptr;
      bool given = false;
      for (const auto& v : out.metadata)
        if (v.field == f.id) {
          given = given || !v.text.empty();
          if (!named) named = &v;
        }
      if (!given)
        ctx.finding("metadata.missing", Severity::error, 0, named ? named->sheet : metadata_sheet->sheet,
                    named ? named->cell : "", {{"field", f.label.in(options.language)}});
    }
  return out;
}

}  // namespace migcheck
