#include "rulebook_info.hpp"

#include <cmath>

#include "migcheck/json_writer.hpp"

namespace migcheck_wasm {
namespace {

using migcheck::util::JsonWriter;

void label(JsonWriter& w, const migcheck::Label& l) {
  w.begin_object();
  for (const auto& [language, text] : l.texts) w.key(language).string(text);
  w.end_object();
}

const char* role_name(migcheck::CodeRole role) {
  switch (role) {
    case migcheck::CodeRole::individual: return "individual";
    case migcheck::CodeRole::total: return "total";
    case migcheck::CodeRole::unknown: return "unknown";
    case migcheck::CodeRole::aggregate: return "aggregate";
    case migcheck::CodeRole::relative: return "relative";
    case migcheck::CodeRole::not_applicable: return "not_applicable";
    case migcheck::CodeRole::residual: return "residual";
  }
  return "individual";
}

void strings(JsonWriter& w, const std::vector<std::string>& list) {
  w.begin_array();
  for (const auto& s : list) w.string(s);
  w.end_array();
}

}  // namespace

std::string rulebook_info_json(const migcheck::Rulebook& rb) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("id").string(rb.id);
  w.key("version").string(rb.version);
  w.key("title");
  label(w, rb.title);
  w.key("languages");
  strings(w, rb.languages);
  w.key("rules").begin_array();
  for (const auto& r : rb.rules) {
    w.begin_object();
    w.key("id").string(r.id);
    w.key("kind").string(r.kind);
    w.key("severity").string(migcheck::severity_name(r.severity));
    w.key("level").integer(static_cast<std::uint64_t>(r.level));
    w.key("enabled").boolean(r.enabled);
    w.key("label");
    label(w, r.label);
    w.key("instruction");
    label(w, r.instruction);
    w.end_object();
  }
  w.end_array();
  w.key("tables").begin_array();
  for (const auto& t : rb.tables) {
    w.begin_object();
    w.key("id").string(t.id);
    w.key("module").string(t.module);
    w.key("label");
    label(w, t.label);
    w.key("dimensions");
    strings(w, t.dimensions);
    w.key("optional_dimensions");
    strings(w, t.optional_dimensions);
    w.key("required").boolean(t.required);
    w.end_object();
  }
  w.end_array();
  w.key("dimensions").begin_array();
  for (const auto& d : rb.dimensions) {
    w.begin_object();
    w.key("id").string(d.id);
    w.key("concept").string(d.concept_id);
    w.key("label");
    label(w, d.label);
    w.key("kind").string(d.kind == migcheck::DimensionKind::time ? "time" : "coded");
    w.key("codelist").string(d.codelist);
    w.key("reporting_country").boolean(d.reporting_country);
    w.end_object();
  }
  w.end_array();
  // What a column can mean besides a dimension (the page's mapping panel offers them).
  w.key("measure").begin_object().key("id").string(rb.measure.id).key("label");
  label(w, rb.measure.label);
  w.end_object();
  w.key("attributes").begin_array();
  for (const auto& a : rb.attributes) {
    w.begin_object();
    w.key("id").string(a.id);
    w.key("label");
    label(w, a.label);
    w.end_object();
  }
  w.end_array();
  w.key("codelists").begin_array();
  for (const auto& list : rb.codelists) {
    w.begin_object();
    w.key("id").string(list.id);
    w.key("label");
    label(w, list.label);
    w.key("codes").begin_array();
    for (const auto& c : list.codes) {
      w.begin_object();
      w.key("id").string(c.id);
      w.key("label");
      label(w, c.label);
      w.key("role").string(role_name(c.role));
      if (c.has_range) {
        w.key("range").begin_array();
        w.number(c.range_low);
        if (std::isinf(c.range_high)) w.null();
        else w.number(c.range_high);
        w.end_array();
      }
      if (!c.group.empty()) w.key("group").string(c.group);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out.push_back('\n');
  return out;
}

std::string problems_array_json(const std::vector<migcheck::RulebookProblem>& problems) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  for (const auto& p : problems) {
    w.begin_object();
    w.key("path").string(p.path);
    w.key("message").string(p.message);
    w.end_object();
  }
  w.end_array();
  return out;
}

}  // namespace migcheck_wasm
