// Loading a rulebook: parse -> JSON Schema -> cross-references -> model.
// Every problem is collected with its JSON Pointer; none is thrown.
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "migcheck/rulebook.hpp"
#include "rulebook/rule_params.hpp"
#include "rulebook/expression.hpp"
#include "rulebook/json_schema.hpp"
#include "rulebook/lint.hpp"

namespace migcheck {

using nlohmann::json;

const std::string& Label::in(std::string_view language) const noexcept {
  static const std::string empty;
  for (const auto& [lang, text] : texts)
    if (lang == language) return text;
  return texts.empty() ? empty : texts.front().second;
}

const Code* CodeList::find(std::string_view code) const noexcept {
  for (const auto& c : codes)
    if (c.id == code) return &c;
  return nullptr;
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}
}  // namespace

const CodeList* Rulebook::codelist(std::string_view id) const noexcept { return find_by_id(codelists, id); }
const Dimension* Rulebook::dimension(std::string_view id) const noexcept { return find_by_id(dimensions, id); }
const TableTemplate* Rulebook::table(std::string_view id) const noexcept { return find_by_id(tables, id); }
const Attribute* Rulebook::attribute(AttributeRole role) const noexcept {
  for (const Attribute& a : attributes)
    if (a.role == role) return &a;
  return nullptr;
}

const std::string* Rulebook::message(std::string_view language, std::string_view key) const noexcept {
  const std::string wanted[2] = {std::string(language), languages.empty() ? std::string() : languages.front()};
  for (const std::string& lang : wanted) {
    auto l = messages.find(lang);
    if (l == messages.end()) continue;
    auto m = l->second.find(std::string(key));
    if (m != l->second.end()) return &m->second;
  }
  return nullptr;
}

namespace {

class Loader {
 public:
  explicit Loader(RulebookLoad& out) : out_(out) {}

  void problem(std::string path, std::string message) { out_.problems.push_back({std::move(path), std::move(message)}); }

  Label label(const json& j, const std::string& path) {
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

  Label optional_label(const json& parent, const char* key, const std::string& path) {
    auto it = parent.find(key);
    return it == parent.end() ? Label{} : label(*it, path + "/" + key);
  }

  Synonyms synonyms(const json& parent, const std::string& path) { return synonyms_at(parent, "synonyms", path); }

  // Texts per language under `key` ("synonyms", "phrases").
  Synonyms synonyms_at(const json& parent, const char* key, const std::string& path) {
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

  static std::string str(const json& parent, const char* key) {
    auto it = parent.find(key);
    return it != parent.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  void build(const json& j) {
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

  void build_codelists(const json& lists) {
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

  bool has_total(const std::string& codelist) const {
    const CodeList* list = rb_.codelist(codelist);
    if (list)
      for (const Code& c : list->codes)
        if (c.role == CodeRole::total) return true;
    return false;
  }

  CodeList* find_mutable(const std::string& id) {
    for (auto& l : rb_.codelists)
      if (l.id == id) return &l;
    return nullptr;
  }

  void need_codelist(const std::string& id, const std::string& path) {
    if (!rb_.codelist(id)) problem(path, "unknown code list \"" + id + "\"");
  }

  void build_dimensions(const json& j) {
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

  void build_tables(const json& j) {
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

  void build_sheet(const json& j, const char* key, SheetTemplate& out) {
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

  void build_sheets(const json& j) {
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

  void check_status(AttributeRole role, const std::string& code, const std::string& path) {
    if (code.empty()) return;
    const Attribute* a = rb_.attribute(role);
    const CodeList* list = a ? rb_.codelist(a->codelist) : nullptr;
    const char* name = role == AttributeRole::observation_status ? "observation_status" : "confidentiality";
    if (!list) problem(path, std::string("needs an attribute with the role \"") + name + "\" and a code list");
    else if (!list->find(code)) problem(path, "unknown code \"" + code + "\" of " + list->id);
  }

  void build_markers(const json& j) {
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

  static std::set<std::string> placeholders(const std::string& text) {
    static const std::regex pattern("\\{([a-z_][a-z0-9_]*)\\}");
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
      names.insert((*it)[1]);
    return names;
  }

  void build_messages(const json& messages) {
    for (auto lang = messages.begin(); lang != messages.end(); ++lang) {
      if (!languages_.count(lang.key()))
        problem("/messages/" + rulebook::pointer_token(lang.key()), "\"" + lang.key() + "\" is not one of the rulebook's languages");
      for (auto m = lang->begin(); m != lang->end(); ++m) rb_.messages[lang.key()][m.key()] = m->get<std::string>();
    }
    // Every key in every language, with the same placeholders.
    std::set<std::string> keys;
    for (const auto& [lang, table] : rb_.messages)
      for (const auto& [key, text] : table) keys.insert(key);
    for (const auto& key : keys)
      for (const auto& lang : rb_.languages) {
        const auto& table = rb_.messages[lang];
        auto it = table.find(key);
        const std::string path = "/messages/" + lang + "/" + rulebook::pointer_token(key);
        if (it == table.end()) {
          problem("/messages/" + lang, "message \"" + key + "\" is missing");
          continue;
        }
        const std::string& first = rb_.messages[rb_.languages.front()][key];
        if (lang != rb_.languages.front() && !first.empty() && placeholders(it->second) != placeholders(first))
          problem(path, "uses other {placeholders} than in \"" + rb_.languages.front() + "\"");
      }
  }

  // Expressions are parsed and checked against the tables and code lists
  // here, so that a mistake is reported with its rule and character before
  // any file is validated.
  void check_expression_text(const json& text, const std::string& path, bool operand) {
    if (!text.is_string()) {
      problem(path, "must be an expression (text)");
      return;
    }
    const auto parsed = operand ? expr::parse_operand(text.get<std::string>()) : expr::parse_expression(text.get<std::string>());
    if (!parsed.expression) {
      problem(path, expr::describe(parsed.error));
      return;
    }
    if (auto error = expr::check_expression(*parsed.expression, rb_)) problem(path, expr::describe(*error));
  }

  void check_rule_expressions(const json& rj, const std::string& path, const std::string& kind) {
    if (kind == "expression") {
      if (!rj.contains("expression")) problem(path, "an expression rule needs \"expression\"");
      else check_expression_text(rj.at("expression"), path + "/expression", false);
    }
    if (kind == "balance") {
      if (!rj.contains("stock")) problem(path, "a balance rule needs \"stock\"");
      else check_expression_text(rj.at("stock"), path + "/stock", true);
      for (const char* flows : {"inflows", "outflows"})
        if (rj.contains(flows))
          for (std::size_t k = 0; k < rj.at(flows).size(); ++k)
            check_expression_text(rj.at(flows)[k], path + "/" + flows + "/" + std::to_string(k), true);
    }
    for (const char* list : {"for_each"})
      if (rj.contains(list))
        for (std::size_t k = 0; k < rj.at(list).size(); ++k)
          if (!rb_.dimension(rj.at(list)[k].get<std::string>()))
            problem(path + "/" + list + "/" + std::to_string(k), "unknown dimension \"" + rj.at(list)[k].get<std::string>() + "\"");
  }

  void build_rules(const json& rules) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const json& rj = rules[i];
      const std::string path = "/rules/" + std::to_string(i);
      RuleSpec r;
      r.id = str(rj, "id");
      if (!seen.insert(r.id).second) problem(path + "/id", "rule \"" + r.id + "\" is declared twice");
      r.kind = str(rj, "kind");
      r.level = rj.at("level").get<int>();
      const std::string severity = str(rj, "severity");
      r.severity = severity == "warning" ? Severity::warning : severity == "info" ? Severity::info : Severity::error;
      r.label = label(rj.at("label"), path + "/label");
      r.message = str(rj, "message");
      r.instruction = optional_label(rj, "instruction", path);
      r.enabled = rj.value("enabled", true);
      r.tables = rj.value("tables", std::vector<std::string>{});
      for (std::size_t k = 0; k < r.tables.size(); ++k)
        if (!rb_.table(r.tables[k])) problem(path + "/tables/" + std::to_string(k), "unknown table \"" + r.tables[k] + "\"");
      if (auto params = rulebook::parse_rule_params(rj, path, out_.problems)) r.params = std::move(*params);
      for (const auto& lang : rb_.languages) {
        if (!rb_.message(lang, r.message) || !rb_.messages[lang].count(r.message))
          problem(path + "/message", "message \"" + r.message + "\" is not in \"" + lang + "\"");
        for (const std::string& key : rulebook::kind_messages(r.kind))
          if (!rb_.messages[lang].count(key))
            problem(path + "/kind", "rules of kind \"" + r.kind + "\" also write the message \"" + key +
                                        "\", which is not in \"" + lang + "\"");
      }
      check_rule_expressions(rj, path, r.kind);
      rb_.rules.push_back(std::move(r));
    }
  }

  Rulebook rb_;

 private:
  RulebookLoad& out_;
  std::set<std::string> languages_;
};

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
