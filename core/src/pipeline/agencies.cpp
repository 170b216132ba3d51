// Agencies and their coordinator (docs/agencies.md). The agency of a table is
// the producer its Sources row names (in any file of the return), else the
// agency of the Metadata of the file that holds it.
#include "pipeline/agencies.hpp"

#include <algorithm>
#include <set>

#include "util/normalize.hpp"
#include "util/text.hpp"

namespace migcheck::pipeline {
namespace {

constexpr const char* kMissing = "table.missing";

const SheetField* field_of_role(const SheetTemplate& sheet, FieldRole role) {
  for (const SheetField& f : sheet.fields)
    if (f.role == role) return &f;
  return nullptr;
}

const FieldValue* value_of(const std::vector<FieldValue>& row, const SheetField* field) {
  if (!field) return nullptr;
  for (const FieldValue& v : row)
    if (v.field == field->id) return &v;
  return nullptr;
}

std::string text_of(const FieldValue* v) { return v ? std::string(util::trimmed(v->text)) : std::string(); }

std::string same(const std::string& agency) { return util::normalize_label(agency); }

bool holds(const Recognition& rec, const std::string& table) {
  return std::any_of(rec.tables.begin(), rec.tables.end(), [&](const RecognisedTable& t) { return t.table == table; });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// The agencies (as written, each once) of these tables, where known.
std::vector<std::string> agencies_of(const ReturnGroup& group, const std::vector<std::string>& tables) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& t : tables) {
    auto it = group.producer.find(t);
    if (it != group.producer.end() && seen.insert(same(it->second)).second) out.push_back(it->second);
  }
  return out;
}

Finding return_finding(const Rulebook& rulebook, const std::string& language, const std::string& file,
                       const char* rule, const std::string& key, Severity severity, const std::string& table,
                       std::vector<std::pair<std::string, std::string>> params) {
  Finding f;
  f.rule = rule;
  f.message_key = key;
  f.severity = severity;
  f.file = file;
  f.table = table;
  f.params = std::move(params);
  f.message = render_message(rulebook, language, f.message_key, f.params);
  return f;
}

// Who produces each table and when its source was last updated, from the group's Sources rows.
void read_producers(ReturnGroup& group, const std::vector<Recognition*>& recs, const Rulebook& rulebook) {
  const SheetField* producer = field_of_role(rulebook.sources_sheet, FieldRole::producer);
  const SheetField* updated = field_of_role(rulebook.sources_sheet, FieldRole::last_update);
  const SheetField* file_agency = field_of_role(rulebook.metadata_sheet, FieldRole::producer);
  const SheetField* table_field = nullptr;
  for (const SheetField& f : rulebook.sources_sheet.fields)
    if (f.kind == FieldKind::table) table_field = &f;
  // The file holding a table speaks for it first; then any file of the return.
  for (int pass = 0; pass < 2; ++pass)
    for (const Recognition* rec : recs)
      for (const auto& row : rec->sources) {
        const FieldValue* table = value_of(row, table_field);
        const std::string id = table ? (table->code.empty() ? std::string(util::trimmed(table->text)) : table->code) : "";
        if (id.empty() || (pass == 0 && !holds(*rec, id))) continue;
        const std::string agency = text_of(value_of(row, producer));
        if (!agency.empty()) group.producer.emplace(id, agency);
        const std::string date = text_of(value_of(row, updated));
        if (!date.empty()) group.last_update.emplace(id, date);
      }
  for (const Recognition* rec : recs) {
    std::string agency;
    for (const FieldValue& v : rec->metadata)
      if (file_agency && v.field == file_agency->id && agency.empty()) agency = text_of(&v);
    if (agency.empty()) continue;
    for (const RecognisedTable& t : rec->tables) group.producer.emplace(t.table, agency);
  }
}

}  // namespace

const ReturnGroup* Returns::group_of(const std::string& file, const std::vector<FileReport>& files) const {
  for (const ReturnGroup& g : groups)
    for (std::size_t f : g.files)
      if (f < files.size() && files[f].file == file) return &g;
  return nullptr;
}

Returns settle_returns(const std::vector<Recognition*>& current, const std::vector<std::size_t>& index,
                       const Rulebook& rulebook, bool part, const std::string& language) {
  Returns out;
  std::vector<std::vector<Recognition*>> recs;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < current.size(); ++i) {
    const std::string key = current[i]->reporting_country + '\x1f' + current[i]->reference_year;
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      out.groups.emplace_back();
      recs.emplace_back();
      at = keys.end() - 1;
    }
    const auto g = static_cast<std::size_t>(at - keys.begin());
    out.groups[g].files.push_back(index[i]);
    recs[g].push_back(current[i]);
  }
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    ReturnGroup& group = out.groups[g];
    // Files by name, as the checks across files take them: the same findings whatever the order given.
    std::vector<std::size_t> order(recs[g].size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return recs[g][a]->file < recs[g][b]->file; });
    std::vector<Recognition*> sorted;
    std::vector<std::size_t> files;
    for (std::size_t k : order) {
      sorted.push_back(recs[g][k]);
      files.push_back(group.files[k]);
    }
    recs[g] = std::move(sorted);
    group.files = std::move(files);
    read_producers(group, recs[g], rulebook);
    std::vector<std::string> missing;
    for (const TableTemplate& t : rulebook.tables) {
      const bool present = std::any_of(recs[g].begin(), recs[g].end(), [&](const Recognition* r) { return holds(*r, t.id); });
      if (present) group.present.push_back(t.id);
      else if (t.required) missing.push_back(t.id);
    }
    // One agency for every table given: that agency's part.
    std::set<std::string> agencies;
    bool all_named = true;
    for (const std::string& t : group.present) {
      auto it = group.producer.find(t);
      if (it == group.producer.end()) all_named = false;
      else agencies.insert(same(it->second));
    }
    if (agencies.size() == 1)
      for (const std::string& t : group.present)
        if (group.producer.count(t) && group.agency.empty()) group.agency = group.producer.at(t);
    group.part = !group.present.empty() && (part || (all_named && agencies.size() == 1 && !missing.empty()));
    // A return the files together make (a workbook's or a Metadata file's
    // findings already ask for its required tables): look for them in all its files.
    // Table files alone (CSV without Metadata) are not known to be a whole return.
    const bool whole = std::any_of(recs[g].begin(), recs[g].end(), [](const Recognition* r) {
      return std::any_of(r->findings.begin(), r->findings.end(), [](const Finding& f) { return f.rule == kMissing; });
    });
    if (!whole && !group.part) continue;
    if (recs[g].size() < 2 && !group.part) continue;
    Recognition* target = nullptr;
    for (Recognition* r : recs[g]) {
      const bool had = std::any_of(r->findings.begin(), r->findings.end(), [](const Finding& f) { return f.rule == kMissing; });
      if (had && !target) target = r;
      r->findings.erase(std::remove_if(r->findings.begin(), r->findings.end(),
                                       [](const Finding& f) { return f.rule == kMissing; }),
                        r->findings.end());
    }
    if (!target) target = recs[g].front();
    for (const std::string& t : missing) {
      auto producer = group.producer.find(t);
      const bool other_agency = producer == group.producer.end() || same(producer->second) != same(group.agency);
      if (group.part && other_agency) {
        const bool named = producer != group.producer.end();
        target->findings.push_back(return_finding(
            rulebook, language, target->file, "table.awaited", named ? "table.awaited" : "table.awaited.unknown_agency",
            Severity::info, t, {{"table", t}, {"agency", named ? producer->second : ""}}));
      } else {
        target->findings.push_back(
            return_finding(rulebook, language, target->file, kMissing, kMissing, Severity::error, t, {{"table", t}}));
      }
    }
    // Two files of one return giving one table: which of them is the return's is not
    // migcheck's to guess (the checks take the first by name).
    for (const std::string& t : group.present) {
      const Recognition* first = nullptr;
      for (Recognition* r : recs[g]) {
        if (!holds(*r, t)) continue;
        if (!first) {
          first = r;
          continue;
        }
        r->findings.push_back(return_finding(rulebook, language, r->file, "table.given_twice", "table.given_twice",
                                             Severity::error, t, {{"table", t}, {"other_file", first->file}}));
      }
    }
  }
  return out;
}

namespace {

// The tables each check across tables compares, as sets: a group of an
// equal_totals rule, or every table an expression or a balance names.
std::vector<std::vector<std::string>> table_sets(const RuleSpec& spec, const Rulebook& rulebook) {
  std::vector<std::string> texts;
  if (const auto* p = std::get_if<EqualTotalsParams>(&spec.params)) return p->groups;
  if (const auto* p = std::get_if<ExpressionParams>(&spec.params)) texts = {p->expression};
  if (const auto* p = std::get_if<BalanceParams>(&spec.params)) {
    texts = {p->stock};
    texts.insert(texts.end(), p->inflows.begin(), p->inflows.end());
    texts.insert(texts.end(), p->outflows.begin(), p->outflows.end());
  }
  std::vector<std::string> tables;
  for (const std::string& text : texts)
    for (std::size_t at = 0; at < text.size();) {
      auto word = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
      if (!word(text[at])) {
        ++at;
        continue;
      }
      std::size_t end = at;
      while (end < text.size() && word(text[end])) ++end;
      const std::string id = text.substr(at, end - at);
      // An id inside [...] is a dimension or code: only names before a bracket or standing alone are tables.
      if (rulebook.table(id) && std::find(tables.begin(), tables.end(), id) == tables.end()) tables.push_back(id);
      at = end;
    }
  if (tables.empty()) return {};
  return {tables};
}

}  // namespace

void add_awaited_checks(const Returns& returns, const std::vector<FileReport>& files, const Rulebook& rulebook,
                        rules::FindingSink& sink, const std::string& language) {
  for (const ReturnGroup& group : returns.groups) {
    if (!group.part || group.files.empty()) continue;
    const std::string& file = files[group.files.front()].file;
    for (const RuleSpec& spec : rulebook.rules) {
      if (!spec.enabled) continue;
      for (const auto& set : table_sets(spec, rulebook)) {
        std::vector<std::string> given, awaited;
        for (const std::string& t : set)
          (std::find(group.present.begin(), group.present.end(), t) != group.present.end() ? given : awaited).push_back(t);
        if (given.empty() || awaited.empty()) continue;
        const std::vector<std::string> agencies = agencies_of(group, awaited);
        Finding f = return_finding(rulebook, language, file, "part.awaiting",
                                   agencies.empty() ? "part.awaiting.unknown_agency" : "part.awaiting", Severity::info,
                                   given.front(),
                                   {{"rule", spec.id},
                                    {"rule_label", spec.label.in(language)},
                                    {"table", given.front()},
                                    {"tables", joined(awaited)},
                                    {"agencies", joined(agencies)}});
        f.level = spec.level;
        sink.add(std::move(f));
      }
    }
  }
}

void attribute_agencies(const Returns& returns, const Rulebook& rulebook, Report& report) {
  for (Problem& p : report.problems) {
    const ReturnGroup* group = returns.group_of(p.file, report.files);
    if (!group) continue;
    std::vector<std::string> tables;
    if (!p.table.empty()) tables.push_back(p.table);
    if (!p.findings.empty())
      for (const auto& [name, value] : report.findings[p.findings.front()].params)
        if (name == "other_table" && !value.empty()) tables.push_back(value);
    // An expression or a balance compares every table it names (refugees with the
    // foreign population): the problem concerns each of them that the return gives.
    const auto spec_of = std::find_if(rulebook.rules.begin(), rulebook.rules.end(), [&](const RuleSpec& r) { return r.id == p.rule; });
    if (const RuleSpec* spec = spec_of == rulebook.rules.end() ? nullptr : &*spec_of;
        spec && (std::holds_alternative<ExpressionParams>(spec->params) || std::holds_alternative<BalanceParams>(spec->params)))
      for (const auto& set : table_sets(*spec, rulebook))
        for (const std::string& t : set)
          if (std::find(group->present.begin(), group->present.end(), t) != group->present.end() &&
              std::find(tables.begin(), tables.end(), t) == tables.end())
            tables.push_back(t);
    p.agencies = agencies_of(*group, tables);
  }
  // Per agency: its tables given and awaited, its files, its problems, its oldest update.
  auto entry = [&](const std::string& agency) -> AgencySummary& {
    for (AgencySummary& a : report.agencies)
      if (same(a.agency) == same(agency)) return a;
    report.agencies.push_back({});
    report.agencies.back().agency = agency;
    return report.agencies.back();
  };
  auto add_once = [](std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  };
  std::map<std::string, long> oldest;  // agency -> its oldest update, yyyymmdd
  // A Sources file given beside its tables (a return split in CSV files) forms no return of its
  // own: a table it names is awaited only when no file given holds it.
  std::set<std::string> given_anywhere;
  for (const ReturnGroup& group : returns.groups) given_anywhere.insert(group.present.begin(), group.present.end());
  for (const TableTemplate& t : rulebook.tables)
    for (const ReturnGroup& group : returns.groups) {
      auto producer = group.producer.find(t.id);
      if (producer == group.producer.end()) continue;
      AgencySummary& a = entry(producer->second);
      const bool given = std::find(group.present.begin(), group.present.end(), t.id) != group.present.end();
      if (given) add_once(a.tables, t.id);
      else if (!given_anywhere.count(t.id)) add_once(a.awaited, t.id);
      for (std::size_t f : group.files)
        for (const RecognisedTable& held : report.files[f].recognition.tables)
          if (held.table == t.id) add_once(a.files, report.files[f].file);
      auto date = group.last_update.find(t.id);
      if (date == group.last_update.end()) continue;
      const long n = util::date_number(date->second);
      long& known = oldest[same(a.agency)];
      if (a.last_update.empty() || (n != 0 && (known == 0 || n < known))) {
        a.last_update = date->second;
        known = n;
      }
    }
  for (const Problem& p : report.problems)
    for (const std::string& agency : p.agencies) {
      AgencySummary& a = entry(agency);
      ++(p.severity == Severity::error ? a.errors : p.severity == Severity::warning ? a.warnings : a.infos);
    }
  report.part = std::any_of(returns.groups.begin(), returns.groups.end(), [](const ReturnGroup& g) { return g.part; });
}

}  // namespace migcheck::pipeline
