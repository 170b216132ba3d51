// Which table of the rulebook a sheet's columns make: the one its name (or a
// TABLE column) names, else the only one they fit, else the one its title or
// the Sources sheet names.
#include <algorithm>

#include "recognition/sheet_recogniser.hpp"

#include "util/normalize.hpp"

namespace migcheck::recognition {

// Of the tables, the one whose label or a synonym the title says best: the
// share of its words (connectors aside) the title holds, at least 3 in 4 and
// more than any other's ("Resident population born abroad, by country of
// birth" says all of POP_CTB's "Resident population by country of birth").
const TableTemplate* SheetRecogniser::named_by_title(const std::vector<const TableTemplate*>& tables) const {
  const auto title_words = ctx_.matcher.content_words(title_);
  if (title_words.empty()) return nullptr;
  const std::set<std::string> said(title_words.begin(), title_words.end());
  const TableTemplate* best = nullptr;
  double best_score = 0, second_score = 0;
  for (const auto* t : tables) {
    double score = 0;
    for_each_text(t->label, t->synonyms, [&](const std::string& text) {
      const auto words = ctx_.matcher.content_words(util::normalize_label(text));
      if (words.empty()) return;
      std::size_t in_title = 0;
      for (const auto& w : words) in_title += said.count(w);
      score = std::max(score, static_cast<double>(in_title) / static_cast<double>(words.size()));
    });
    if (score > best_score) {
      second_score = best_score;
      best_score = score;
      best = t;
    } else {
      second_score = std::max(second_score, score);
    }
  }
  return best_score >= 0.75 && best_score > second_score ? best : nullptr;
}

const TableTemplate* SheetRecogniser::named_table() const {
  if (said_ && !said_->table.empty()) return ctx_.rulebook.table(said_->table);
  return ctx_.matcher.table_by_name(sheet_.name);
}

std::vector<std::pair<std::string, std::string>> SheetRecogniser::given_by_title(const TableTemplate& t) const {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string title = " " + title_ + " ";
  for (const auto& given : t.given_by_title) {
    bool said = false;
    for (const auto& [language, phrases] : given.phrases.texts)
      for (const auto& phrase : phrases)
        said = said || title.find(" " + util::normalize_label(phrase) + " ") != std::string::npos;
    if (said) out.insert(out.end(), given.codes.begin(), given.codes.end());
  }
  return out;
}

// Why no table fits the dimensions found, in words: what the columns give, and the closest table
// (the most of its dimensions found, the fewest found that it has not) with what it lacks.
std::string SheetRecogniser::closest_table(const std::set<std::string>& found) {
  const std::string& language = ctx_.options.language;
  auto names = [&](const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
      const Dimension* d = ctx_.rulebook.dimension(id);
      out += (out.empty() ? "" : ", ") + (d ? d->label.in(language) + " (" + id + ")" : id);
    }
    return out;
  };
  const TableTemplate* best = nullptr;
  long best_score = 0;
  std::vector<std::string> best_missing, best_extra;
  for (const auto& t : ctx_.rulebook.tables) {
    std::set<std::string> allowed(t.dimensions.begin(), t.dimensions.end());
    allowed.insert(t.optional_dimensions.begin(), t.optional_dimensions.end());
    std::vector<std::string> missing, extra;
    long shared = 0;
    for (const auto& d : t.dimensions) {
      const bool omissible = std::find(t.may_omit.begin(), t.may_omit.end(), d) != t.may_omit.end();
      if (found.count(d)) ++shared;
      else if (!omissible) missing.push_back(d);
    }
    for (const auto& d : found)
      if (!allowed.count(d)) extra.push_back(d);
    const long score = 2 * shared - static_cast<long>(extra.size()) - static_cast<long>(missing.size());
    if (shared > 0 && (!best || score > best_score)) {
      best = &t;
      best_score = score;
      best_missing = missing;
      best_extra = extra;
    }
  }
  const std::vector<std::string> given(found.begin(), found.end());
  if (!best) return reason("reason.no_table", {});
  candidate_ = best->id;
  const std::vector<std::pair<std::string, std::string>> params = {
      {"found", names(given)}, {"table", best->id}, {"label", best->label.in(language)},
      {"missing", names(best_missing)}, {"extra", names(best_extra)}};
  return reason(best_missing.empty() ? "reason.no_table.extra" : "reason.no_table.missing", params);
}

const TableTemplate* SheetRecogniser::choose_table(const std::set<std::string>& dims, std::string& why) {
  std::set<std::string> found = dims;
  if (ctx_.time_dimension) found.erase(ctx_.time_dimension->id);
  if (ctx_.country_dimension) found.erase(ctx_.country_dimension->id);
  auto fits = [&](const TableTemplate& t) {
    std::set<std::string> required(t.dimensions.begin(), t.dimensions.end());
    std::set<std::string> allowed = required;
    for (const auto& d : t.may_omit) required.erase(d);
    for (const auto& [d, code] : given_by_title(t)) required.erase(d);  // the title says it
    allowed.insert(t.optional_dimensions.begin(), t.optional_dimensions.end());
    for (const auto& d : required)
      if (!found.count(d)) return false;
    for (const auto& d : found)
      if (!allowed.count(d)) return false;
    return true;
  };
  const TableTemplate* named =
      said_ && !said_->table.empty() ? named_table() : table_column_hint_ ? table_column_hint_ : named_table();
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
    if (const TableTemplate* titled = named_by_title(fitting)) return titled;
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
    why = closest_table(found);
    return nullptr;
  }
  std::string names;
  for (const auto* t : fitting) names += (names.empty() ? "" : ", ") + t->id;
  candidate_ = names;
  why = reason("reason.several_tables", {{"tables", names}});
  return nullptr;
}

}  // namespace migcheck::recognition
