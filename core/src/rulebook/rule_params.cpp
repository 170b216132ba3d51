// One parser per rule kind, each reading only its own keys; the schema
// already checked the types, this checks what the schema cannot say.
#include "rulebook/rule_params.hpp"

#include <functional>
#include <map>
#include <set>

namespace migcheck::rulebook {
namespace {

using nlohmann::json;

class Reader {
 public:
  Reader(const json& rj, const std::string& path, std::vector<RulebookProblem>& problems)
      : rj_(rj), path_(path), problems_(problems) {}

  void also(const char* key) const { read_.insert(key); }
  // Keys that are neither common to every rule nor read by this kind's parser.
  void refuse_others(const std::string& kind) const {
    static const std::set<std::string> common = {"id",      "kind",        "level",   "severity", "label",
                                                 "message", "instruction", "enabled", "tables"};
    for (auto it = rj_.begin(); it != rj_.end(); ++it)
      if (!common.count(it.key()) && !read_.count(it.key()))
        problem(it.key(), "is not a parameter of rules of kind \"" + kind + "\"");
  }
  void problem(const std::string& key, std::string message) const {
    problems_.push_back({path_ + (key.empty() ? "" : "/" + key), std::move(message)});
    ok_ = false;
  }
  bool ok() const { return ok_; }

  std::string text(const char* key, bool required = false) const {
    read_.insert(key);
    auto it = rj_.find(key);
    if (it == rj_.end()) {
      if (required) problem("", std::string("needs \"") + key + "\"");
      return {};
    }
    if (!it->is_string()) problem(key, "must be a string");
    return it->is_string() ? it->get<std::string>() : std::string();
  }
  std::vector<std::string> texts(const char* key, bool required = false) const {
    read_.insert(key);
    std::vector<std::string> out;
    auto it = rj_.find(key);
    if (it == rj_.end()) {
      if (required) problem("", std::string("needs \"") + key + "\"");
      return out;
    }
    if (!it->is_array()) {
      problem(key, "must be an array of strings");
      return out;
    }
    for (std::size_t k = 0; k < it->size(); ++k) {
      if (!(*it)[k].is_string()) problem(std::string(key) + "/" + std::to_string(k), "must be a string");
      else out.push_back((*it)[k].get<std::string>());
    }
    return out;
  }
  double number(const char* key, double fallback, double low, double high) const {
    read_.insert(key);
    auto it = rj_.find(key);
    if (it == rj_.end()) return fallback;
    if (!it->is_number()) {
      problem(key, "must be a number");
      return fallback;
    }
    const double v = it->get<double>();
    if (!(v >= low && v <= high)) {
      problem(key, "must be between " + json(low).dump() + " and " + json(high).dump());
      return fallback;
    }
    return v;
  }
  Tolerance tolerance() const {
    read_.insert("tolerance");
    Tolerance t;
    auto it = rj_.find("tolerance");
    if (it == rj_.end()) return t;
    if (!it->is_object()) {
      problem("tolerance", "must be an object with \"absolute\" and/or \"relative\"");
      return t;
    }
    for (auto k = it->begin(); k != it->end(); ++k) {
      const bool known = k.key() == "absolute" || k.key() == "relative";
      if (!known || !k->is_number() || !(k->get<double>() >= 0) || k->get<double>() > 1e15) {
        problem("tolerance/" + k.key(), known ? "must be a number, 0 or more" : "is not a tolerance (absolute, relative)");
        continue;
      }
      (k.key() == "absolute" ? t.absolute : t.relative) = k->get<double>();
    }
    return t;
  }
  MissingStrategy missing() const {
    const std::string m = text("missing");
    if (m.empty() || m == "skip_if_any_missing") return MissingStrategy::skip_if_any_missing;
    if (m == "skip_if_all_missing") return MissingStrategy::skip_if_all_missing;
    if (m == "treat_as_zero") return MissingStrategy::treat_as_zero;
    problem("missing", "\"" + m + "\" is not one of skip_if_any_missing, skip_if_all_missing, treat_as_zero");
    return MissingStrategy::skip_if_any_missing;
  }
  template <typename E>
  E choice(const char* key, const std::vector<std::pair<std::string, E>>& choices) const {
    const std::string v = text(key, true);
    read_.insert(key);
    std::string names;
    for (const auto& [name, value] : choices) {
      if (name == v) return value;
      names += (names.empty() ? "" : ", ") + name;
    }
    if (rj_.contains(key)) problem(key, "\"" + v + "\" is not one of " + names);
    return choices.front().second;
  }

 private:
  const json& rj_;
  const std::string& path_;
  std::vector<RulebookProblem>& problems_;
  mutable bool ok_ = true;
  mutable std::set<std::string> read_;
};

using Parser = std::function<RuleParams(const Reader&)>;

// The registry: one entry per kind, the only place kinds are named.
const std::map<std::string, Parser>& parsers() {
  static const std::map<std::string, Parser> all = {
      {"structure",
       [](const Reader& r) -> RuleParams {
         StructureParams p;
         p.check = r.choice<StructureParams::Check>("check", {{"values", StructureParams::Check::values},
                                                              {"duplicates", StructureParams::Check::duplicates},
                                                              {"marker_status", StructureParams::Check::marker_status},
                                                              {"status_value", StructureParams::Check::status_value}});
         if (p.check == StructureParams::Check::status_value) p.no_value_statuses = r.texts("no_value_statuses", true);
         return p;
       }},
      {"hierarchy",
       [](const Reader& r) -> RuleParams {
         HierarchyParams p;
         p.missing = r.missing();
         p.tolerance = r.tolerance();
         p.hierarchies = r.texts("hierarchies");
         return p;
       }},
      {"completeness",
       [](const Reader& r) -> RuleParams {
         CompletenessParams p;
         p.optional_codes = r.texts("optional_codes");
         return p;
       }},
      {"partition", [](const Reader&) -> RuleParams { return PartitionParams{}; }},
      {"exclusion",
       [](const Reader& r) -> RuleParams {
         ExclusionParams p;
         p.dimension = r.text("dimension", true);
         p.codes = r.texts("codes", true);
         return p;
       }},
      {"share",
       [](const Reader& r) -> RuleParams {
         ShareParams p;
         p.threshold = r.number("threshold", 0.05, 0, 1);
         return p;
       }},
      {"metadata",
       [](const Reader& r) -> RuleParams {
         MetadataParams p;
         p.check = r.choice<MetadataParams::Check>(
             "check", {{"sources_cover_tables", MetadataParams::Check::sources_cover_tables},
                       {"allowed_values", MetadataParams::Check::allowed_values},
                       {"field_given", MetadataParams::Check::field_given},
                       {"updated_within", MetadataParams::Check::updated_within}});
         if (p.check != MetadataParams::Check::sources_cover_tables) p.field = r.text("field", true);
         if (p.check == MetadataParams::Check::allowed_values) p.allowed = r.texts("allowed", true);
         if (p.check == MetadataParams::Check::updated_within)
           p.months = static_cast<int>(r.number("months", 12, 1, 1200));
         return p;
       }},
      {"equal_totals",
       [](const Reader& r) -> RuleParams {
         EqualTotalsParams p;
         p.tolerance = r.tolerance();
         r.also("groups");
         return p;  // groups: read by the loader, which knows the tables
       }},
      {"expression",
       [](const Reader& r) -> RuleParams {
         ExpressionParams p;
         p.expression = r.text("expression", true);
         p.missing = r.missing();
         p.tolerance = r.tolerance();
         p.for_each = r.texts("for_each");
         return p;
       }},
      {"balance",
       [](const Reader& r) -> RuleParams {
         BalanceParams p;
         p.stock = r.text("stock", true);
         p.inflows = r.texts("inflows");
         p.outflows = r.texts("outflows");
         p.missing = r.missing();
         p.tolerance = r.tolerance();
         p.max_gap = static_cast<int>(r.number("max_gap", 10, 1, 50));
         return p;
       }},
      {"change",
       [](const Reader& r) -> RuleParams {
         ChangeParams p;
         p.threshold = r.number("threshold", 0.5, 0, 1e6);
         p.min_base = r.number("min_base", 0, 0, 1e15);
         p.max_gap = static_cast<int>(r.number("max_gap", 10, 1, 50));
         return p;
       }},
      {"revision",
       [](const Reader& r) -> RuleParams {
         RevisionParams p;
         p.tolerance = r.tolerance();
         return p;
       }},
      {"mirror",
       [](const Reader& r) -> RuleParams {
         MirrorParams p;
         p.tolerance = r.tolerance();
         r.also("left");
         r.also("right");
         return p;  // sides: read by the loader, which knows the tables
       }},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& kind_messages(const std::string& kind) {
  static const std::map<std::string, std::vector<std::string>> by_kind = {
      {"hierarchy", {"rule.not_checkable"}},
      {"completeness", {"rule.derived", "rule.derived.no_value", "rule.incomplete_breakdown", "rule.blank_cells"}},
      {"change", {"rule.change_gap"}},
  };
  static const std::vector<std::string> none;
  auto it = by_kind.find(kind);
  return it == by_kind.end() ? none : it->second;
}

std::optional<RuleParams> parse_rule_params(const json& rj, const std::string& path, std::vector<RulebookProblem>& problems) {
  const std::string kind = rj.value("kind", "");
  auto it = parsers().find(kind);
  if (it == parsers().end()) {
    problems.push_back({path + "/kind", "\"" + kind + "\" is not a rule kind"});
    return std::nullopt;
  }
  Reader reader(rj, path, problems);
  RuleParams params = it->second(reader);
  reader.refuse_others(kind);
  if (!reader.ok()) return std::nullopt;
  // The sides and groups name tables: read here, checked against the tables by the loader.
  if (auto* m = std::get_if<MirrorParams>(&params)) {
    for (auto [key, side] : {std::pair<const char*, MirrorParams::Side*>{"left", &m->left}, {"right", &m->right}}) {
      const json& s = rj.contains(key) && rj.at(key).is_object() ? rj.at(key) : json::object();
      if (!rj.contains(key)) problems.push_back({path, std::string("needs \"") + key + "\""});
      side->table = s.value("table", "");
      side->partner = s.value("partner", "");
    }
  }
  if (auto* e = std::get_if<EqualTotalsParams>(&params)) {
    if (!rj.contains("groups")) problems.push_back({path, "needs \"groups\""});
    for (const auto& g : rj.value("groups", json::array())) {
      e->groups.emplace_back();
      for (const auto& t : g)
        if (t.is_string()) e->groups.back().push_back(t.get<std::string>());
    }
  }
  return params;
}

}  // namespace migcheck::rulebook
