// Loading a rulebook: parse -> JSON Schema -> cross-references -> model.
// Every problem is collected with its JSON Pointer; none is thrown.
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "migcheck/rulebook.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/rule_params.hpp"
#include "rulebook/expression.hpp"
#include "rulebook/json_schema.hpp"
#include "rulebook/lint.hpp"

namespace migcheck::rulebook {

Label Loader::label(const json& j, const std::string& path) {
  Label l;
  if (!j.is_object()) return l;
  for (const auto& lang : rb_.languages) {
    auto it = j.find(lang);
    if (it == j.end()) problem(path, "has no text in \"" + lang + "\", a language of the rulebook");
    else l.texts.emplace_back(lang, it->get<std::string>());
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!languages_.count(it.key()))
      problem(path + "/" + rulebook::pointer_token(it.key()), "\"" + it.key() + "\" is not one of the rulebook's languages");
  return l;
}

Label Loader::optional_label(const json& parent, const char* key, const std::string& path) {
  auto it = parent.find(key);
  return it == parent.end() ? Label{} : label(*it, path + "/" + key);
}

Synonyms Loader::synonyms_at(const json& parent, const char* key, const std::string& path) {
  Synonyms s;
  auto it = parent.find(key);
  if (it == parent.end()) return s;
  for (auto lang = it->begin(); lang != it->end(); ++lang) {
    if (!languages_.count(lang.key()))
      problem(path + "/" + key + "/" + rulebook::pointer_token(lang.key()),
              "\"" + lang.key() + "\" is not one of the rulebook's languages");
    s.texts.emplace_back(lang.key(), lang.value().get<std::vector<std::string>>());
  }
  return s;
}

std::string Loader::str(const json& parent, const char* key) {
  auto it = parent.find(key);
  return it != parent.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void Loader::build(const json& j) {
  rb_.id = str(j, "id");
  rb_.version = str(j, "version");
  rb_.languages = j.at("languages").get<std::vector<std::string>>();
  languages_.insert(rb_.languages.begin(), rb_.languages.end());
  rb_.title = label(j.at("title"), "/title");
  rb_.description = optional_label(j, "description", "");

  for (auto it = j.at("concepts").begin(); it != j.at("concepts").end(); ++it) {
    const std::string path = "/concepts/" + rulebook::pointer_token(it.key());
    Concept c;
    c.id = it.key();
    c.label = label(it->at("label"), path + "/label");
    c.definition = optional_label(*it, "definition", path);
    c.source = str(*it, "source");
    rb_.concepts.push_back(std::move(c));
  }
  build_codelists(j.at("codelists"));
  build_dimensions(j);
  build_tables(j);
  build_sheets(j);
  build_markers(j);
  build_messages(j.at("messages"));
  build_rules(j.at("rules"));
}

void Loader::build_codelists(const json& lists) {
  // Codes first (resolving based_on), hierarchies after, so they can be checked.
  std::map<std::string, const json*> raw;
  for (auto it = lists.begin(); it != lists.end(); ++it) raw[it.key()] = &it.value();
  for (auto it = lists.begin(); it != lists.end(); ++it) {
    const std::string path = "/codelists/" + rulebook::pointer_token(it.key());
    CodeList list;
    list.id = it.key();
    list.label = label(it->at("label"), path + "/label");
    if (auto codes = it->find("codes"); codes != it->end()) {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < codes->size(); ++i) {
        const json& cj = (*codes)[i];
        const std::string cpath = path + "/codes/" + std::to_string(i);
        Code code;
        code.id = str(cj, "id");
        if (!seen.insert(code.id).second) problem(cpath + "/id", "code \"" + code.id + "\" appears twice in " + list.id);
        code.label = label(cj.at("label"), cpath + "/label");
        code.synonyms = synonyms(cj, cpath);
        const std::string role = str(cj, "role");
        code.role = role == "total"            ? CodeRole::total
                    : role == "unknown"        ? CodeRole::unknown
                    : role == "aggregate"      ? CodeRole::aggregate
                    : role == "relative"       ? CodeRole::relative
                    : role == "not_applicable" ? CodeRole::not_applicable
                    : role == "residual"       ? CodeRole::residual
                                               : CodeRole::individual;
        code.relative_to_reporting_country = str(cj, "relative_to") == "reporting_country";
        if (code.role == CodeRole::relative && !code.relative_to_reporting_country)
          problem(cpath, "a code with role \"relative\" needs \"relative_to\"");
        if (auto r = cj.find("range"); r != cj.end()) {
          code.has_range = true;
          code.range_low = (*r)[0].is_null() ? -std::numeric_limits<double>::infinity() : (*r)[0].get<double>();
          code.range_high = (*r)[1].is_null() ? std::numeric_limits<double>::infinity() : (*r)[1].get<double>();
          if (code.range_low > code.range_high) problem(cpath + "/range", "the range's low end is above its high end");
        }
        code.group = str(cj, "group");
        code.numeric = str(cj, "numeric");
        code.alpha2 = str(cj, "alpha2");
        list.codes.push_back(std::move(code));
      }
    }
    rb_.codelists.push_back(std::move(list));
  }
  for (auto it = lists.begin(); it != lists.end(); ++it) {
    const std::string path = "/codelists/" + rulebook::pointer_token(it.key());
    CodeList& list = *find_mutable(it.key());
    if (auto base = it->find("based_on"); base != it->end()) {
      const CodeList* from = rb_.codelist(base->get<std::string>());
      if (!from) {
        problem(path + "/based_on", "unknown code list \"" + base->get<std::string>() + "\"");
      } else if (raw.count(from->id) && raw[from->id]->contains("based_on")) {
        problem(path + "/based_on", "a code list may not be based on one that is itself based on another");
      } else {
        std::set<std::string> exclude;
        if (auto ex = it->find("exclude"); ex != it->end())
          for (std::size_t i = 0; i < ex->size(); ++i) {
            const std::string code = (*ex)[i].get<std::string>();
            if (!from->find(code))
              problem(path + "/exclude/" + std::to_string(i), "unknown code \"" + code + "\" of " + from->id);
            exclude.insert(code);
          }
        for (const Code& c : from->codes)
          if (!exclude.count(c.id)) list.codes.push_back(c);
      }
    }
    if (auto hs = it->find("hierarchies"); hs != it->end())
      for (std::size_t i = 0; i < hs->size(); ++i) {
        const json& hj = (*hs)[i];
        const std::string hpath = path + "/hierarchies/" + std::to_string(i);
        Hierarchy h;
        h.id = str(hj, "id");
        h.total = str(hj, "total");
        h.group = str(hj, "group");
        if (!list.find(h.total)) problem(hpath + "/total", "unknown code \"" + h.total + "\" of " + list.id);
        const json& parts = hj.at("parts");
        if (parts.is_array()) {
          for (std::size_t k = 0; k < parts.size(); ++k) {
            h.parts.push_back(parts[k].get<std::string>());
            if (!list.find(h.parts.back()))
              problem(hpath + "/parts/" + std::to_string(k), "unknown code \"" + h.parts.back() + "\" of " + list.id);
            if (h.parts.back() == h.total)
              problem(hpath + "/parts/" + std::to_string(k), "a total cannot be one of its own parts");
          }
        } else {
          h.all_individual_codes = true;
          if (auto ex = parts.find("except"); ex != parts.end())
            for (std::size_t k = 0; k < ex->size(); ++k) {
              const std::string code = (*ex)[k].get<std::string>();
              if (code == "reporting_country") {
                h.except_reporting_country = true;
              } else {
                h.excluded.push_back(code);
                if (!list.find(code))
                  problem(hpath + "/parts/except/" + std::to_string(k), "unknown code \"" + code + "\" of " + list.id);
              }
            }
          if (auto plus = parts.find("plus"); plus != parts.end())
            for (std::size_t k = 0; k < plus->size(); ++k) {
              h.plus.push_back((*plus)[k].get<std::string>());
              if (!list.find(h.plus.back()))
                problem(hpath + "/parts/plus/" + std::to_string(k), "unknown code \"" + h.plus.back() + "\" of " + list.id);
            }
        }
        list.hierarchies.push_back(std::move(h));
      }
  }
}

bool Loader::has_total(const std::string& codelist) const {
  const CodeList* list = rb_.codelist(codelist);
  if (list)
    for (const Code& c : list->codes)
      if (c.role == CodeRole::total) return true;
  return false;
}

CodeList* Loader::find_mutable(const std::string& id) {
  for (auto& l : rb_.codelists)
    if (l.id == id) return &l;
  return nullptr;
}

void Loader::need_codelist(const std::string& id, const std::string& path) {
  if (!rb_.codelist(id)) problem(path, "unknown code list \"" + id + "\"");
}

}  // namespace migcheck::rulebook

namespace migcheck {

using rulebook::Loader;
using nlohmann::json;

namespace {

const rulebook::JsonSchema& schema() {
  static const rulebook::JsonSchema s(json::parse(rulebook_schema_json()));
  return s;
}

}  // namespace

RulebookLoad load_rulebook(std::string_view text, const RulebookLimits& limits) {
  RulebookLoad out;
  if (text.size() > limits.max_bytes) {
    out.problems.push_back({"", "the rulebook has " + std::to_string(text.size()) + " bytes; at most " +
                                    std::to_string(limits.max_bytes) + " are accepted"});
    return out;
  }
  const auto checked = rulebook::parse_checked(text, schema(), out.problems);
  if (!checked) return out;
  const json& j = *checked;
  Loader loader(out);
  try {
    loader.build(j);
  } catch (const json::exception& e) {
    // The schema should make this unreachable; report instead of crashing.
    out.problems.push_back({"", std::string("unexpected shape: ") + e.what()});
  }
  // Rules that each load but contradict each other make no rulebook either.
  if (out.problems.empty())
    for (auto& p : rulebook::lint_rulebook(loader.rb_)) out.problems.push_back(std::move(p));
  if (out.problems.empty()) out.rulebook = std::move(loader.rb_);
  return out;
}

}  // namespace migcheck
