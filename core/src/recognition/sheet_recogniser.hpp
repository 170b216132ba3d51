// One sheet -> one table, in stages, each in its own file:
//   header_search.cpp  the header row among titles, notes, preambles and group headers,
//                      and each column's meaning (by its header, else by its values);
//   wide_header.cpp    the value columns of a crosstab and the codes their headers name;
//   table_choice.cpp   which table of the rulebook the columns make (sheet name, title, Sources);
//   label_mapping.cpp  row labels -> codes;
//   row_reader.cpp     rows -> observations, blanks and unread cells;
//   sheet_recogniser.cpp  the stages in order, and why a sheet was not recognised.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "recognition/sdmx_in.hpp"
#include "recognition/sheet_context.hpp"

namespace migcheck::recognition {

constexpr std::uint32_t kHeaderSearchRows = 50;
constexpr std::uint32_t kValueSample = 30;  // rows below a header read to tell a column by its values
constexpr std::size_t kRelatedCellsShown = 20;
constexpr std::uint32_t kGroupHeaderRows = 4;  // how far above a crosstab's header a group header may be

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
  SheetRecogniser(Context& ctx, std::uint32_t sheet_index, const SdmxPart* sdmx = nullptr)
      : ctx_(ctx), index_(sheet_index), sheet_(ctx.workbook.sheets[sheet_index]), view_(ctx.workbook, sheet_), sdmx_(sdmx),
        said_(ctx.mapping.sheet(sheet_.name, ctx.out.reporting_country)) {
    rec_.sheet = sheet_.name;
  }

  SheetRecognition run();

 private:
  // --- header search (header_search.cpp) ---
  bool find_header(std::uint32_t start);
  // "Origin:,all", "Year:,2022": a key and its value above a table (UNHCR's exports), never its header.
  bool preamble_line(std::uint32_t row) const;
  // Forgets a header that gave no table, to look further down.
  void forget_header();
  // Of the text values below row `r` in `column` (up to kValueSample), how many name a code of
  // `codes`, and how many there are.
  std::pair<std::size_t, std::size_t> codes_below(std::uint32_t r, std::uint32_t column, const CodeMatcher& codes) const;
  static bool mostly(std::pair<std::size_t, std::size_t> m) { return m.second >= 2 && m.first * 5 >= m.second * 4; }
  // Whether an attribute column's values are its codes (or it has no code list to tell).
  bool values_are_codes(std::uint32_t r, std::uint32_t column, const std::string& attribute) const;
  // The one dimension not yet taken whose codes name most (80 %) of the values below the header;
  // "" when none does, or when the values fit the code list of several (countries: citizenship,
  // birth, residence share one list).
  std::string dimension_from_values(std::uint32_t r, std::uint32_t column, const std::set<std::string>& taken) const;
  // Of these columns, the one with the most numbers in the rows below `first_row` (the first on a tie).
  std::uint32_t most_numbers(std::uint32_t first_row, const std::vector<std::uint32_t>& columns) const;
  // The text above the header (title, notes), and the year and country it names.
  void read_title();

  // --- crosstab value columns (wide_header.cpp) ---
  bool try_wide(std::uint32_t row, const std::vector<ColumnPlan>& dims, const TableTemplate* hint);

  // --- table choice (table_choice.cpp) ---
  // The table the mapping or the sheet's name names; nullptr when neither does.
  const TableTemplate* named_table() const;
  const TableTemplate* choose_table(const std::set<std::string>& dims, std::string& why);
  const TableTemplate* named_by_title(const std::vector<const TableTemplate*>& tables) const;
  std::string closest_table(const std::set<std::string>& found);
  // The codes the sheet's title says for the whole of table `t` (TableTemplate::given_by_title).
  std::vector<std::pair<std::string, std::string>> given_by_title(const TableTemplate& t) const;

  // --- labels (label_mapping.cpp) ---
  // The label's mapping (an index into rec_.labels, its code "" when unknown),
  // reported at its first cell; every use is counted.
  std::size_t map_label(const std::string& dimension, const std::string& text, std::uint32_t row, std::uint32_t column);
  // The code of a label of `dimension`: the mapping's, else the code list's; nullptr when none.
  const Code* code_of(const std::string& dimension, const std::string& text, bool* by_hand = nullptr,
                      bool* ambiguous = nullptr) const;

  // --- rows (row_reader.cpp) ---
  void read_rows();
  bool status_column(const std::string& attribute) const;

  // --- the whole (sheet_recogniser.cpp) ---
  // Why a sheet was not recognised, in the report's language (the rulebook's "reason.*" messages).
  std::string reason(const char* key, const std::vector<std::pair<std::string, std::string>>& params) const;
  void unrecognised(std::string why);
  // The mapping's columns the header row did not have (renamed since the mapping was written).
  void report_unused_mapping();
  void no_header();
  void read_table_column();
  const TableTemplate* table_of_header(std::string& why);

  Context& ctx_;
  std::uint32_t index_;
  const Sheet& sheet_;
  SheetView view_;
  const SdmxPart* sdmx_ = nullptr;
  const SheetMeaning* said_ = nullptr;  // by the mapping
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
  std::string title_;          // normalized text of the rows above the header
  std::string sheet_year_;     // a year named in that title
  std::string sheet_country_;  // a country named in that title or the sheet name
  const TableTemplate* table_column_hint_ = nullptr;  // named by a TABLE column
  // Codes named in a group header's text, per code list: each merged range's text is matched once
  // per sheet, not once per header row tried (issue 15: 20,000 merged ranges).
  std::map<std::pair<const CodeMatcher*, std::string>, const Code*> named_in_;
  // In the header row, a column naming what another column gives: the one left out.
  struct LeftOut {
    std::uint32_t row, column, used_column;
    std::string target;
  };
  std::vector<LeftOut> left_out_;
  std::set<std::uint32_t> from_values_;  // columns whose dimension their values told
  std::set<std::uint32_t> by_hand_;      // columns whose meaning the mapping said
  std::set<std::uint32_t> ignored_;      // columns the mapping leaves out
  std::set<const ColumnMeaning*> applied_;  // the mapping's columns found in the header row
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>> unknown_headers_;  // row, column, text
  // dimension -> text -> index into rec_.labels
  std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>> label_index_;
};

}  // namespace migcheck::recognition
