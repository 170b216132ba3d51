// Loading a rulebook, the parts that refer to code lists: dimensions, tables,
// the Metadata and Sources sheets, and the attributes' markers. Each
// reference is checked; a broken one is a problem with its JSON Pointer.
#include <nlohmann/json.hpp>
#include <set>

#include "migcheck/rulebook.hpp"
#include "rulebook/json_schema.hpp"
#include "rulebook/loader.hpp"

namespace migcheck::rulebook {

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
    const std::string role = str(fj, "role");
    f.role = role == "producer"      ? FieldRole::producer
             : role == "validator"   ? FieldRole::validator
             : role == "last_update" ? FieldRole::last_update
             : role == "contact"     ? FieldRole::contact
                                     : FieldRole::none;
    if (!role.empty() && f.role == FieldRole::none)
      problem(fpath + "/role", "a field's role is producer, validator, last_update or contact");
    for (const SheetField& other : out.fields)
      if (f.role != FieldRole::none && other.role == f.role)
        problem(fpath + "/role", "two fields of one sheet have the role \"" + role + "\"");
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
      w.up_to = it->value("up_to", std::vector<std::string>{});
      w.units = it->value("units", std::vector<std::string>{});
      rb_.range_words[it.key()] = std::move(w);
    }
}

}  // namespace migcheck::rulebook
