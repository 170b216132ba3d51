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

void Loader::build_dimensions(const json& j) {
  for (auto it = j.at("dimensions").begin(); it != j.at("dimensions").end(); ++it) {
    const std::string path = "/dimensions/" + rulebook::pointer_token(it.key());
    Dimension d;
    d.id = it.key();
    d.concept_id = str(*it, "concept");
    d.label = label(it->at("label"), path + "/label");
    d.synonyms = synonyms(*it, path);
    d.kind = str(*it, "kind") == "time" ? DimensionKind::time : DimensionKind::coded;
    d.codelist = str(*it, "codelist");
    d.reporting_country = str(*it, "role") == "reporting_country";
    d.aggregates = str(*it, "aggregates");
    if (!d.aggregates.empty()) need_codelist(d.aggregates, path + "/aggregates");
    if (!find_by_id(rb_.concepts, d.concept_id)) problem(path + "/concept", "unknown concept \"" + d.concept_id + "\"");
    if (d.kind == DimensionKind::coded) {
      if (d.codelist.empty()) problem(path, "a coded dimension needs \"codelist\"");
      else need_codelist(d.codelist, path + "/codelist");
    }
    rb_.dimensions.push_back(std::move(d));
  }
  const json& m = j.at("measure");
  rb_.measure.id = str(m, "id");
  rb_.measure.label = label(m.at("label"), "/measure/label");
  rb_.measure.synonyms = synonyms(m, "/measure");
  if (auto attrs = j.find("attributes"); attrs != j.end())
    for (auto it = attrs->begin(); it != attrs->end(); ++it) {
      const std::string path = "/attributes/" + rulebook::pointer_token(it.key());
      Attribute a;
      a.id = it.key();
      a.label = label(it->at("label"), path + "/label");
      a.synonyms = synonyms(*it, path);
      a.codelist = str(*it, "codelist");
      if (!a.codelist.empty()) need_codelist(a.codelist, path + "/codelist");
      const std::string role = str(*it, "role");
      a.role = role == "observation_status" ? AttributeRole::observation_status
               : role == "confidentiality"  ? AttributeRole::confidentiality
                                            : AttributeRole::none;
      if (a.role != AttributeRole::none) {
        for (const Attribute& other : rb_.attributes)
          if (other.role == a.role) problem(path + "/role", "attribute " + other.id + " already has the role \"" + role + "\"");
        if (a.codelist.empty()) problem(path + "/role", "an attribute with the role \"" + role + "\" needs a code list");
      }
      rb_.attributes.push_back(std::move(a));
    }
}

void Loader::build_tables(const json& j) {
  const json& tables = j.at("tables");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const json& tj = tables[i];
    const std::string path = "/tables/" + std::to_string(i);
    TableTemplate t;
    t.id = str(tj, "id");
    if (!seen.insert(t.id).second) problem(path + "/id", "table \"" + t.id + "\" is declared twice");
    t.module = str(tj, "module");
    t.label = label(tj.at("label"), path + "/label");
    t.synonyms = synonyms(tj, path);
    t.required = tj.at("required").get<bool>();
    t.dimensions = tj.at("dimensions").get<std::vector<std::string>>();
    if (auto o = tj.find("optional_dimensions"); o != tj.end()) t.optional_dimensions = o->get<std::vector<std::string>>();
    for (std::size_t k = 0; k < t.dimensions.size(); ++k)
      if (!rb_.dimension(t.dimensions[k]))
        problem(path + "/dimensions/" + std::to_string(k), "unknown dimension \"" + t.dimensions[k] + "\"");
    if (auto o = tj.find("may_omit"); o != tj.end()) t.may_omit = o->get<std::vector<std::string>>();
    for (std::size_t k = 0; k < t.may_omit.size(); ++k) {
      const Dimension* dim = rb_.dimension(t.may_omit[k]);
      const std::string where = path + "/may_omit/" + std::to_string(k);
      if (std::find(t.dimensions.begin(), t.dimensions.end(), t.may_omit[k]) == t.dimensions.end())
        problem(where, "\"" + t.may_omit[k] + "\" is not one of the table's dimensions");
      else if (dim && !has_total(dim->codelist))
        problem(where, "\"" + t.may_omit[k] + "\" can be left out only if its code list has a code with role \"total\"");
    }
    for (std::size_t k = 0; k < t.optional_dimensions.size(); ++k)
      if (!rb_.dimension(t.optional_dimensions[k]))
        problem(path + "/optional_dimensions/" + std::to_string(k), "unknown dimension \"" + t.optional_dimensions[k] + "\"");
    if (auto g = tj.find("given_by_title"); g != tj.end())
      for (std::size_t k = 0; k < g->size(); ++k) {
        const std::string where = path + "/given_by_title/" + std::to_string(k);
        TableTemplate::TitleCodes given;
        given.phrases = synonyms_at((*g)[k], "phrases", where);
        for (auto c = (*g)[k].at("codes").begin(); c != (*g)[k].at("codes").end(); ++c) {
          const std::string code = c.value().get<std::string>();
          const Dimension* dim = rb_.dimension(c.key());
          const CodeList* list = dim ? rb_.codelist(dim->codelist) : nullptr;
          if (std::find(t.dimensions.begin(), t.dimensions.end(), c.key()) == t.dimensions.end())
            problem(where + "/codes/" + rulebook::pointer_token(c.key()), "\"" + c.key() + "\" is not one of the table's dimensions");
          else if (list && !list->find(code))
            problem(where + "/codes/" + rulebook::pointer_token(c.key()), "\"" + code + "\" is not a code of " + c.key());
          given.codes.emplace_back(c.key(), code);
        }
        t.given_by_title.push_back(std::move(given));
      }
    rb_.tables.push_back(std::move(t));
  }
}

void Loader::build_sheet(const json& j, const char* key, SheetTemplate& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  const std::string path = std::string("/") + key;
  out.present = true;
  out.label = label(it->at("label"), path + "/label");
  out.synonyms = synonyms(*it, path);
  const json& fields = it->at("fields");
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const json& fj = fields[i];
    const std::string fpath = path + "/fields/" + std::to_string(i);
    SheetField f;
    f.id = str(fj, "id");
    f.label = label(fj.at("label"), fpath + "/label");
    f.synonyms = synonyms(fj, fpath);
    f.codelist = str(fj, "codelist");
    const std::string kind = str(fj, "kind");
    f.kind = kind == "time"    ? FieldKind::time
             : kind == "text"  ? FieldKind::text
             : kind == "date"  ? FieldKind::date
             : kind == "boolean" ? FieldKind::boolean
             : kind == "table" ? FieldKind::table
             : kind == "coded" || !f.codelist.empty() ? FieldKind::coded
                                                      : FieldKind::text;
    if (f.kind == FieldKind::coded) {
      if (f.codelist.empty()) problem(fpath, "a coded field needs \"codelist\"");
      else need_codelist(f.codelist, fpath + "/codelist");
    }
    f.required = fj.value("required", false);
    out.fields.push_back(std::move(f));
  }
}

void Loader::build_sheets(const json& j) {
  build_sheet(j, "metadata_sheet", rb_.metadata_sheet);
  build_sheet(j, "sources_sheet", rb_.sources_sheet);
  build_sheet(j, "codes_sheet", rb_.codes_sheet);
  if (rb_.codes_sheet.present) {
    // The template fills these three columns; other fields would stay empty.
    static const char* const kColumns[] = {"CODELIST", "CODE", "LABEL"};
    const auto& fields = rb_.codes_sheet.fields;
    bool ok = fields.size() == 3;
    for (std::size_t i = 0; ok && i < 3; ++i) ok = fields[i].id == kColumns[i];
    if (!ok) problem("/codes_sheet/fields", "the codes sheet has exactly the fields CODELIST, CODE and LABEL, in this order");
  }
}

void Loader::check_status(AttributeRole role, const std::string& code, const std::string& path) {
  if (code.empty()) return;
  const Attribute* a = rb_.attribute(role);
  const CodeList* list = a ? rb_.codelist(a->codelist) : nullptr;
  const char* name = role == AttributeRole::observation_status ? "observation_status" : "confidentiality";
  if (!list) problem(path, std::string("needs an attribute with the role \"") + name + "\" and a code list");
  else if (!list->find(code)) problem(path, "unknown code \"" + code + "\" of " + list->id);
}

void Loader::build_markers(const json& j) {
  const json& markers = j.at("markers");
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const json& mj = markers[i];
    const std::string path = "/markers/" + std::to_string(i);
    Marker m;
    m.id = str(mj, "id");
    m.texts = mj.at("texts").get<std::vector<std::string>>();
    m.label = label(mj.at("label"), path + "/label");
    if (auto v = mj.find("value"); v != mj.end()) m.value = v->get<double>();
    m.obs_status = str(mj, "obs_status");
    m.conf_status = str(mj, "conf_status");
    check_status(AttributeRole::observation_status, m.obs_status, path + "/obs_status");
    check_status(AttributeRole::confidentiality, m.conf_status, path + "/conf_status");
    rb_.markers.push_back(std::move(m));
  }
  if (auto flags = j.find("flags"); flags != j.end())
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const json& fj = (*flags)[i];
      const std::string path = "/flags/" + std::to_string(i);
      Flag f;
      f.id = str(fj, "id");
      f.suffixes = fj.at("suffixes").get<std::vector<std::string>>();
      f.label = label(fj.at("label"), path + "/label");
      f.obs_status = str(fj, "obs_status");
      f.conf_status = str(fj, "conf_status");
      check_status(AttributeRole::observation_status, f.obs_status, path + "/obs_status");
      check_status(AttributeRole::confidentiality, f.conf_status, path + "/conf_status");
      rb_.flags.push_back(std::move(f));
    }
  if (auto words = j.find("connector_words"); words != j.end())
    for (auto it = words->begin(); it != words->end(); ++it)
      rb_.connector_words[it.key()] = it->get<std::vector<std::string>>();
  if (auto words = j.find("range_words"); words != j.end())
    for (auto it = words->begin(); it != words->end(); ++it) {
      RangeWords w;
      w.between = it->value("between", std::vector<std::string>{});
      w.open_high = it->value("open_high", std::vector<std::string>{});
      w.open_low = it->value("open_low", std::vector<std::string>{});
      w.units = it->value("units", std::vector<std::string>{});
      rb_.range_words[it.key()] = std::move(w);
    }
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
