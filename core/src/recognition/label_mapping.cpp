// Row labels -> codes, each distinct text looked up and reported once.
#include "recognition/sheet_recogniser.hpp"

namespace migcheck::recognition {

const Code* SheetRecogniser::code_of(const std::string& dimension, const std::string& text, bool* by_hand,
                                     bool* ambiguous) const {
  const Dimension* dim = ctx_.rulebook.dimension(dimension);
  const CodeMatcher* codes = dim ? ctx_.matcher.codes_of_list(dim->codelist) : nullptr;
  if (!codes) return nullptr;
  if (const std::string* said = ctx_.mapping.code(dimension, text, ctx_.out.reporting_country))
    if (const Code* code = codes->by_id(*said)) {
      if (by_hand) *by_hand = true;
      return code;
    }
  return codes->match(text, ambiguous);
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
    mapping.code = year_of(text);
    if (mapping.code.empty())
      ctx_.finding("label.unknown", Severity::error, {sheet_.name, a1(row, column), table_ ? table_->id : ""},
                   {{"label", text}, {"cell", a1(row, column)}, {"dimension", dimension}},
                   "label.unknown.no_suggestion");
  } else if (const CodeMatcher* codes = dim ? ctx_.matcher.codes_of_list(dim->codelist) : nullptr) {
    bool ambiguous = false;
    code = code_of(dimension, text, &mapping.by_hand, &ambiguous);
    const bool country_list = !dim->aggregates.empty();
    if (code && dim->reporting_country && country_list && code->role != CodeRole::individual) {
      mapping.aggregate = true;  // "WORLD" is no reporting country: a published table's total row
    } else if (code) {
      mapping.code = code->id;
    } else if (const CodeMatcher* groups = dim->aggregates.empty() ? nullptr : ctx_.matcher.codes_of_list(dim->aggregates);
               groups && groups->match(text)) {
      mapping.aggregate = true;  // said once per sheet by the row reader
    } else if (ambiguous) {
      ctx_.finding("label.ambiguous", Severity::error, {sheet_.name, a1(row, column), table_ ? table_->id : ""},
                   {{"label", text}, {"cell", a1(row, column)}}, "label.ambiguous.unlisted");
    } else {
      std::string suggestions;
      for (const auto& s : codes->suggestions(text, ctx_.options.language))
        suggestions += (suggestions.empty() ? "" : ", ") + s;
      ctx_.finding("label.unknown", Severity::error, {sheet_.name, a1(row, column), table_ ? table_->id : ""},
                   {{"label", text}, {"cell", a1(row, column)}, {"dimension", dimension}, {"suggestions", suggestions}},
                   suggestions.empty() ? "label.unknown.no_suggestion" : "");
    }
  }
  const std::size_t index = rec_.labels.size();
  of_dimension.emplace(text, index);
  rec_.labels.push_back(std::move(mapping));
  return index;
}

}  // namespace migcheck::recognition
