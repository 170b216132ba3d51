// The rulebook's messages, expressions and rules: each message in every
// language with the same placeholders, each expression parsed against the
// tables and code lists, each rule's parameters typed by its kind.
#include <regex>

#include "rulebook/expression.hpp"
#include "rulebook/json_schema.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/rule_params.hpp"

namespace migcheck::rulebook {

std::set<std::string> Loader::placeholders(const std::string& text) {
  static const std::regex pattern("\\{([a-z_][a-z0-9_]*)\\}");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

void Loader::build_messages(const json& messages) {
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

void Loader::check_expression_text(const json& text, const std::string& path, bool operand) {
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

void Loader::check_rule_expressions(const json& rj, const std::string& path, const std::string& kind) {
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

// A metadata rule about a Sources field names one the Sources sheet declares
// (a date for updated_within) and has the messages it also writes.
void Loader::check_sources_field(const RuleSpec& r, const std::string& path) {
  const auto* p = std::get_if<MetadataParams>(&r.params);
  if (!p || p->field.empty()) return;
  const SheetField* field = nullptr;
  for (const SheetField& f : rb_.sources_sheet.fields)
    if (f.id == p->field) field = &f;
  if (!field) problem(path + "/field", "\"" + p->field + "\" is not a field of the Sources sheet");
  if (p->check == MetadataParams::Check::updated_within && field && field->kind != FieldKind::date)
    problem(path + "/field", "updated_within needs a field of kind date");
  std::vector<std::string> keys;
  if (p->check == MetadataParams::Check::field_given || p->check == MetadataParams::Check::updated_within)
    keys.push_back("rule.sources_column_missing");
  if (p->check == MetadataParams::Check::updated_within) keys.push_back("rule.sources_date_unreadable");
  for (const auto& lang : rb_.languages)
    for (const std::string& key : keys)
      if (!rb_.messages[lang].count(key))
        problem(path + "/check", "this check also writes the message \"" + key + "\", which is not in \"" + lang + "\"");
}

void Loader::build_rules(const json& rules) {
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
    check_sources_field(r, path);
    rb_.rules.push_back(std::move(r));
  }
}

}  // namespace migcheck::rulebook
