// Loading a mapping: bytes and depth bounded before parsing, the schema, then
// every id checked against the rulebook, so that a mapping that loads can be
// applied without a question.
#include "migcheck/mapping.hpp"

#include <nlohmann/json.hpp>

#include "rulebook/json_schema.hpp"
#include "util/normalize.hpp"

namespace migcheck {

std::string_view mapping_schema_json() noexcept;  // embedded (core/CMakeLists.txt)

namespace {

using nlohmann::json;

const rulebook::JsonSchema& schema() {
  static const rulebook::JsonSchema s(json::parse(mapping_schema_json()));
  return s;
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class MappingChecker {
 public:
  MappingChecker(const Rulebook& rulebook, MappingLoad& out) : rb_(rulebook), out_(out) {}

  Mapping build(const json& j) {
    Mapping m;
    m.rulebook = text_of(j, "rulebook");
    if (!m.rulebook.empty() && m.rulebook != rb_.id)
      problem("/rulebook", "the mapping is for the rulebook \"" + m.rulebook + "\", not \"" + rb_.id + "\"");
    if (auto sheets = j.find("sheets"); sheets != j.end())
      for (std::size_t i = 0; i < sheets->size(); ++i) m.sheets.push_back(sheet((*sheets)[i], "/sheets/" + std::to_string(i)));
    if (auto labels = j.find("labels"); labels != j.end())
      for (std::size_t i = 0; i < labels->size(); ++i) m.labels.push_back(label((*labels)[i], "/labels/" + std::to_string(i)));
    return m;
  }

 private:
  void problem(std::string path, std::string message) { out_.problems.push_back({std::move(path), std::move(message)}); }

  void country(const std::string& code, const std::string& path) {
    if (code.empty()) return;
    for (const Dimension& d : rb_.dimensions)
      if (d.reporting_country)
        if (const CodeList* list = rb_.codelist(d.codelist))
          for (const Code& c : list->codes)
            if (c.id == code) return;
    problem(path, "\"" + code + "\" is not a code of the reporting country");
  }

  SheetMeaning sheet(const json& j, const std::string& path) {
    SheetMeaning s;
    s.sheet = text_of(j, "sheet");
    s.reporting_country = text_of(j, "reporting_country");
    country(s.reporting_country, path + "/reporting_country");
    s.table = text_of(j, "table");
    if (!s.table.empty() && !rb_.table(s.table)) problem(path + "/table", "no table \"" + s.table + "\" in the rulebook");
    if (auto row = j.find("header_row"); row != j.end()) s.header_row = row->get<std::uint32_t>();
    if (auto columns = j.find("columns"); columns != j.end())
      for (std::size_t i = 0; i < columns->size(); ++i) {
        const json& c = (*columns)[i];
        ColumnMeaning meaning{text_of(c, "header"), text_of(c, "column"), text_of(c, "means")};
        const std::string at = path + "/columns/" + std::to_string(i) + "/means";
        if (!meaning.means.empty() && !rb_.dimension(meaning.means) && rb_.measure.id != meaning.means &&
            !attribute(meaning.means))
          problem(at, "\"" + meaning.means + "\" is no dimension, attribute or measure of the rulebook");
        s.columns.push_back(std::move(meaning));
      }
    return s;
  }

  bool attribute(const std::string& id) const {
    for (const Attribute& a : rb_.attributes)
      if (a.id == id) return true;
    return false;
  }

  LabelMeaning label(const json& j, const std::string& path) {
    LabelMeaning l{text_of(j, "dimension"), text_of(j, "text"), text_of(j, "code"), text_of(j, "reporting_country")};
    country(l.reporting_country, path + "/reporting_country");
    const Dimension* d = rb_.dimension(l.dimension);
    const CodeList* list = d ? rb_.codelist(d->codelist) : nullptr;
    if (!d) {
      problem(path + "/dimension", "no dimension \"" + l.dimension + "\" in the rulebook");
    } else if (!list) {
      problem(path + "/dimension", "the dimension \"" + l.dimension + "\" has no code list");
    } else {
      bool found = false;
      for (const Code& c : list->codes) found = found || c.id == l.code;
      if (!found) problem(path + "/code", "\"" + l.code + "\" is not a code of " + l.dimension);
    }
    return l;
  }

  const Rulebook& rb_;
  MappingLoad& out_;
};

}  // namespace

MappingLoad load_mapping(std::string_view text, const Rulebook& rulebook, const MappingLimits& limits) {
  MappingLoad out;
  if (text.size() > limits.max_bytes) {
    out.problems.push_back({"", "the mapping has " + std::to_string(text.size()) + " bytes; at most " +
                                    std::to_string(limits.max_bytes) + " are accepted"});
    return out;
  }
  const auto j = rulebook::parse_checked(text, schema(), out.problems, limits.max_depth);
  if (!j) return out;
  MappingChecker checker(rulebook, out);
  Mapping mapping;
  try {
    mapping = checker.build(*j);
  } catch (const json::exception& e) {
    out.problems.push_back({"", std::string("unexpected shape: ") + e.what()});  // the schema makes this unreachable
  }
  if (out.problems.empty()) out.mapping = std::move(mapping);
  return out;
}

std::string mapping_json(const Mapping& m) {
  nlohmann::ordered_json j;
  j["migcheck_mapping"] = 1;
  if (!m.rulebook.empty()) j["rulebook"] = m.rulebook;
  auto sheets = nlohmann::ordered_json::array();
  for (const SheetMeaning& s : m.sheets) {
    nlohmann::ordered_json sj;
    sj["sheet"] = s.sheet;
    if (!s.reporting_country.empty()) sj["reporting_country"] = s.reporting_country;
    if (!s.table.empty()) sj["table"] = s.table;
    if (s.header_row) sj["header_row"] = s.header_row;
    if (!s.columns.empty()) {
      auto columns = nlohmann::ordered_json::array();
      for (const ColumnMeaning& c : s.columns) {
        nlohmann::ordered_json cj;
        if (!c.header.empty()) cj["header"] = c.header;
        if (!c.column.empty()) cj["column"] = c.column;
        cj["means"] = c.means.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.means);
        columns.push_back(std::move(cj));
      }
      sj["columns"] = std::move(columns);
    }
    sheets.push_back(std::move(sj));
  }
  if (!sheets.empty()) j["sheets"] = std::move(sheets);
  auto labels = nlohmann::ordered_json::array();
  for (const LabelMeaning& l : m.labels) {
    nlohmann::ordered_json lj;
    lj["dimension"] = l.dimension;
    lj["text"] = l.text;
    lj["code"] = l.code;
    if (!l.reporting_country.empty()) lj["reporting_country"] = l.reporting_country;
    labels.push_back(std::move(lj));
  }
  if (!labels.empty()) j["labels"] = std::move(labels);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace migcheck
