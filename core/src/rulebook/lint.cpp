#include "rulebook/lint.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "rulebook/expression.hpp"

namespace migcheck::rulebook {
namespace {

bool has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The tables a rule applies to: its `tables`, else every table.
std::vector<const TableTemplate*> tables_of(const Rulebook& rb, const RuleSpec& rule) {
  std::vector<const TableTemplate*> out;
  for (const TableTemplate& t : rb.tables)
    if (rule.applies_to(t.id)) out.push_back(&t);
  return out;
}

bool in_table(const TableTemplate& t, const std::string& dimension) {
  return has(t.dimensions, dimension) || has(t.optional_dimensions, dimension);
}

// The expressions of a rule, with their JSON Pointer.
std::vector<std::pair<std::string, std::string>> expressions_of(const RuleSpec& rule, const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  if (const auto* e = std::get_if<ExpressionParams>(&rule.params)) out.emplace_back(e->expression, path + "/expression");
  if (const auto* b = std::get_if<BalanceParams>(&rule.params)) {
    out.emplace_back(b->stock, path + "/stock");
    for (std::size_t k = 0; k < b->inflows.size(); ++k) out.emplace_back(b->inflows[k], path + "/inflows/" + std::to_string(k));
    for (std::size_t k = 0; k < b->outflows.size(); ++k)
      out.emplace_back(b->outflows[k], path + "/outflows/" + std::to_string(k));
  }
  return out;
}

}  // namespace

std::vector<RulebookProblem> lint_rulebook(const Rulebook& rb) {
  std::vector<RulebookProblem> problems;
  // Every (table, dimension, code) an enabled exclusion forbids, with where it says so.
  struct Forbidden {
    std::string table, dimension, code, path;
  };
  std::vector<Forbidden> forbidden;
  for (std::size_t i = 0; i < rb.rules.size(); ++i) {
    const RuleSpec& rule = rb.rules[i];
    const auto* p = std::get_if<ExclusionParams>(&rule.params);
    if (!rule.enabled || !p) continue;
    const std::string path = "/rules/" + std::to_string(i);
    const Dimension* dim = rb.dimension(p->dimension);
    const CodeList* list = dim ? rb.codelist(dim->codelist) : nullptr;
    if (!dim) {
      problems.push_back({path + "/dimension", "unknown dimension \"" + p->dimension + "\""});
      continue;
    }
    bool applies_somewhere = false;
    for (const TableTemplate* t : tables_of(rb, rule)) {
      if (!in_table(*t, p->dimension)) continue;
      applies_somewhere = true;
      for (std::size_t k = 0; k < p->codes.size(); ++k)
        forbidden.push_back({t->id, p->dimension, p->codes[k], path + "/codes/" + std::to_string(k)});
    }
    if (!applies_somewhere)
      problems.push_back({path + "/dimension", "none of the rule's tables has the dimension \"" + p->dimension +
                                                   "\": the exclusion never applies"});
    for (std::size_t k = 0; k < p->codes.size(); ++k)
      if (p->codes[k] != "reporting_country" && list && !list->find(p->codes[k]))
        problems.push_back({path + "/codes/" + std::to_string(k),
                            "unknown code \"" + p->codes[k] + "\" of " + list->id});
  }
  auto is_forbidden = [&](const std::string& table, const std::string& dimension, const std::string& code) -> const Forbidden* {
    for (const Forbidden& f : forbidden)
      if (f.table == table && f.dimension == dimension && f.code == code) return &f;
    return nullptr;
  };
  // Completeness requires the total of every hierarchy a table uses; additivity needs some part allowed.
  for (const Forbidden& f : forbidden) {
    const Dimension* dim = rb.dimension(f.dimension);
    const CodeList* list = dim ? rb.codelist(dim->codelist) : nullptr;
    if (!list) continue;
    for (const Hierarchy& h : list->hierarchies) {
      if (h.total == f.code)
        problems.push_back({f.path, "forbids " + f.dimension + "=" + f.code + " in " + f.table +
                                        ", the total of hierarchy " + h.id + " that completeness requires there"});
    }
  }
  std::set<std::string> told;
  for (const Forbidden& f : forbidden) {
    const Dimension* dim = rb.dimension(f.dimension);
    const CodeList* list = dim ? rb.codelist(dim->codelist) : nullptr;
    if (!list) continue;
    for (const Hierarchy& h : list->hierarchies) {
      if (h.all_individual_codes || h.parts.empty() || !has(h.parts, f.code)) continue;
      const bool all = std::all_of(h.parts.begin(), h.parts.end(), [&](const std::string& part) {
        return is_forbidden(f.table, f.dimension, part) != nullptr;
      });
      if (all && told.insert(f.table + "/" + h.id).second)
        problems.push_back({f.path, "forbids every part of hierarchy " + h.id + " in " + f.table + ": its total " +
                                        h.total + " could only be 0"});
    }
  }
  // A check that reads a slice an exclusion forbids (ABR[COUNTRY_OF_RESIDENCE=NAT]).
  for (std::size_t i = 0; i < rb.rules.size(); ++i) {
    const RuleSpec& rule = rb.rules[i];
    if (!rule.enabled) continue;
    for (const auto& [text, path] : expressions_of(rule, "/rules/" + std::to_string(i))) {
      const auto parsed = text.find_first_of("<>=!") == std::string::npos ? expr::parse_operand(text)
                                                                            : expr::parse_expression(text);
      if (!parsed.expression) continue;  // the loader says why
      for (const expr::Slice& s : parsed.expression->slices)
        for (const expr::Selector& sel : s.selectors)
          if (const Forbidden* f = sel.wildcard ? nullptr : is_forbidden(s.table, sel.dimension, sel.code))
            problems.push_back({path, "reads " + s.table + "[" + sel.dimension + "=" + sel.code + "], which " + f->path +
                                          " forbids"});
    }
  }
  // Mirror rules read a partner dimension of their tables.
  for (std::size_t i = 0; i < rb.rules.size(); ++i) {
    const auto* m = std::get_if<MirrorParams>(&rb.rules[i].params);
    if (!m) continue;
    for (const auto& [side, name] : {std::pair<const MirrorParams::Side*, const char*>{&m->left, "left"}, {&m->right, "right"}}) {
      const TableTemplate* t = rb.table(side->table);
      const std::string path = "/rules/" + std::to_string(i) + "/" + name;
      if (!t) problems.push_back({path + "/table", "unknown table \"" + side->table + "\""});
      else if (!in_table(*t, side->partner))
        problems.push_back({path + "/partner", side->table + " has no dimension \"" + side->partner + "\""});
    }
  }
  return problems;
}

}  // namespace migcheck::rulebook
