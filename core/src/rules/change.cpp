// Kind `change` (check 17): an observation that moved by more than the
// threshold since the year before, the same key in the same table, in this
// file or in another file of the same validation (last year's return).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "rules/rule_run.hpp"

namespace migcheck::rules {
namespace {

// Codes of every file interned to one id space, so that keys compare across files.
class GlobalCodes {
 public:
  std::uint32_t id(const std::string& code) {
    return ids_.emplace(code, static_cast<std::uint32_t>(ids_.size())).first->second;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
};

struct Dated {
  long year;
  ObservationRef observation;
};

std::string percent(double fraction) {
  const double rounded = std::round(fraction * 1000) / 10;  // one decimal
  return (rounded > 0 ? "+" : "") + format_number(rounded);
}

}  // namespace

void run_change(const RuleRun& run, const Dataset& data) {
  const ChangeParams& p = run.params<ChangeParams>();
  const double threshold = p.threshold, min_base = p.min_base;
  const long max_gap = p.max_gap;
  const std::string time = time_dimension_id(run.rulebook);

  for (const TableTemplate& table : run.rulebook.tables) {
    if (!run.applies_to(table.id)) continue;
    const auto instances = data.instances(table.id);
    if (instances.empty()) continue;
    GlobalCodes codes;
    // Key without the year, as bytes of global ids -> the observation in each year.
    std::unordered_map<std::string, std::vector<Dated>> series;
    for (const TableInstance& instance : instances) {
      const RecognisedTable& t = *instance.table;
      const std::size_t ndims = t.dimensions.size();
      const std::size_t time_position = t.dimension_index(time);
      if (time_position >= ndims) continue;
      std::vector<std::uint32_t> global(t.symbols.size());
      std::vector<long> year(t.symbols.size(), -1);
      for (std::size_t s = 0; s < t.symbols.size(); ++s) {
        global[s] = codes.id(t.symbols[s]);
        const std::string& text = t.symbols[s];
        if (!text.empty() && text.size() <= 6 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
          year[s] = std::strtol(text.c_str(), nullptr, 10);
      }
      std::string key;
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::uint32_t* k = &t.keys[i * ndims];
        if (year[k[time_position]] < 0) continue;
        key.clear();
        for (std::size_t d = 0; d < ndims; ++d)
          if (d != time_position) key.append(reinterpret_cast<const char*>(&global[k[d]]), sizeof(std::uint32_t));
        series[key].push_back({year[k[time_position]], {instance.file, instance.table, static_cast<std::uint32_t>(i)}});
      }
    }
    // Deterministic order: by the first observation of each series (files by name, as instances()).
    std::vector<std::vector<Dated>*> ordered;
    for (auto& [key, years] : series) {
      (void)key;
      if (years.size() < 2) continue;
      // One figure per year: this year's return wins over last year's for a year both give (a revision).
      std::stable_sort(years.begin(), years.end(), [&](const Dated& a, const Dated& b) {
        return std::make_pair(a.year, data.previous(a.observation.file)) <
               std::make_pair(b.year, data.previous(b.observation.file));
      });
      years.erase(std::unique(years.begin(), years.end(), [](const Dated& a, const Dated& b) { return a.year == b.year; }),
                  years.end());
      if (years.size() < 2) continue;
      ordered.push_back(&years);
    }
    auto first = [&](const std::vector<Dated>* s) {
      const auto& o = s->front().observation;
      return std::make_tuple(data.rank(o.file), o.table, o.index);
    };
    std::sort(ordered.begin(), ordered.end(), [&](const auto* a, const auto* b) { return first(a) < first(b); });
    // Each year against the nearest earlier year given (censuses five years
    // apart are compared too), the threshold scaled by the gap.
    for (const auto* years : ordered) {
      for (std::size_t k = 1; k < years->size(); ++k) {
        const Dated& before = (*years)[k - 1];
        const Dated& after = (*years)[k];
        const long gap = after.year - before.year;
        if (gap > max_gap) continue;
        const double allowed = threshold * static_cast<double>(gap);
        const double a = before.observation.value(), b = after.observation.value();
        if (data.previous(after.observation.file) || std::isnan(a) || std::isnan(b) || std::max(std::fabs(a), std::fabs(b)) < min_base) {
          ++run.summary.not_applicable;
          continue;
        }
        ++run.summary.checked;
        const double change = a == 0 ? INFINITY : (b - a) / std::fabs(a);
        if (std::fabs(change) <= allowed) {
          ++run.summary.passed;
          continue;
        }
        ++run.summary.failed;
        const ObservationRef& o = after.observation;
        const auto key = observation_key(*o.table, o.index);
        std::string key_text;
        for (const auto& [d, code] : key)
          if (d != time) key_text += (key_text.empty() ? "" : ", ") + d + "=" + code;
        Finding f = run.finding(data.file_name(o.file), o.table->table, data.sheet_name(o), data.cell(o),
                                {{"table", o.table->table},
                                 {"key", key_text},
                                 {"year", std::to_string(after.year)},
                                 {"previous_year", std::to_string(before.year)},
                                 {"value", format_number(b)},
                                 {"previous_value", format_number(a)},
                                 {"change", a == 0 ? "+∞" : percent(change)},
                                 {"threshold", format_number(allowed * 100)},
                                 {"gap", std::to_string(gap)},
                                 {"cell", data.cell(o)}});
        if (gap > 1) {
          f.message_key = "rule.change_gap";
          f.message = render_message(run.rulebook, run.language, f.message_key, run.with_labels(f.params));
        }
        f.related_cells.push_back(data.reference(before.observation, o.file));
        f.key = key;
        f.expected = a;
        f.actual = b;
        run.sink.add(std::move(f));
      }
    }
  }
}

// Kind `revision`: the same observation (same key, same year) in last
// year's return (--previous) and in this one, with another value: a revision
// the receiver must know about. Only observations of current files are checked.
void run_revision(const RuleRun& run, const Dataset& data) {
  const double absolute = run.params<RevisionParams>().tolerance.absolute;
  for (const TableTemplate& table : run.rulebook.tables) {
    if (!run.applies_to(table.id)) continue;
    const auto instances = data.instances(table.id);
    GlobalCodes codes;
    auto key_of = [&](const RecognisedTable& t, std::size_t i, std::vector<std::uint32_t>& global, std::string& key) {
      key.clear();
      const std::uint32_t* k = &t.keys[i * t.dimensions.size()];
      for (std::size_t d = 0; d < t.dimensions.size(); ++d)
        key.append(reinterpret_cast<const char*>(&global[k[d]]), sizeof(std::uint32_t));
    };
    std::unordered_map<std::string, ObservationRef> earlier;
    std::string key;
    for (const TableInstance& instance : instances) {
      if (!data.previous(instance.file)) continue;
      const RecognisedTable& t = *instance.table;
      std::vector<std::uint32_t> global(t.symbols.size());
      for (std::size_t s = 0; s < t.symbols.size(); ++s) global[s] = codes.id(t.symbols[s]);
      for (std::size_t i = 0; i < t.size(); ++i) {
        key_of(t, i, global, key);
        earlier.emplace(key, ObservationRef{instance.file, instance.table, static_cast<std::uint32_t>(i)});
      }
    }
    if (earlier.empty()) continue;
    for (const TableInstance& instance : instances) {
      if (data.previous(instance.file)) continue;
      const RecognisedTable& t = *instance.table;
      std::vector<std::uint32_t> global(t.symbols.size());
      for (std::size_t s = 0; s < t.symbols.size(); ++s) global[s] = codes.id(t.symbols[s]);
      for (std::size_t i = 0; i < t.size(); ++i) {
        key_of(t, i, global, key);
        auto it = earlier.find(key);
        if (it == earlier.end()) continue;
        const double before = it->second.value(), now = t.values[i];
        if (std::isnan(before) || std::isnan(now)) {
          ++run.summary.not_applicable;
          continue;
        }
        ++run.summary.checked;
        if (std::fabs(now - before) <= absolute) {
          ++run.summary.passed;
          continue;
        }
        ++run.summary.failed;
        const ObservationRef o{instance.file, instance.table, static_cast<std::uint32_t>(i)};
        const auto full_key = observation_key(t, i);
        std::string key_text;
        for (const auto& [d, code] : full_key) key_text += (key_text.empty() ? "" : ", ") + d + "=" + code;
        Finding f = run.finding(data.file_name(o.file), t.table, data.sheet_name(o), data.cell(o),
                                {{"table", t.table},
                                 {"key", key_text},
                                 {"value", format_number(now)},
                                 {"previous_value", format_number(before)},
                                 {"difference", format_number(now - before)},
                                 {"previous_file", data.file_name(it->second.file)},
                                 {"cell", data.cell(o)}});
        f.related_cells.push_back(data.reference(it->second, o.file));
        f.key = full_key;
        f.expected = before;
        f.actual = now;
        run.sink.add(std::move(f));
      }
    }
  }
}

}  // namespace migcheck::rules
