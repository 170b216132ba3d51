// migcheck-bench-validate FILE [--repeat N] [--warmup W] [--rulebook PATH] [--lang L] [--report-out PATH]
//
// End-to-end validation benchmark, in process: read + recognise + every rule
// + the JSON report, as `migcheck validate --format json FILE` does it
// (migcheck::validate then migcheck::report_json; cli/main.cpp). The rulebook
// is loaded once, outside the timed region (its load time is reported apart).
// Run by bench/validate-bench.mjs beside the wasm build and the JS peers.
//
// Per-stage times come from the validation's own progress callback (stages
// "read", "recognise", "check", "across": validate.hpp), stamped when the
// stage first appears; "json" is report_json, "free" the destruction of the
// report. The callback is called a few hundred times per file at most.
//
// Peak memory: after the file and the rulebook are in memory, the process's
// peak RSS is reset (/proc/self/clear_refs "5": VmHWM := VmRSS) and VmRSS is
// noted; after the first (warm-up) validation, VmHWM minus that baseline is
// the validation's own peak. Also reported: VmHWM after all runs.
//
// Prints one JSON line on stdout; diagnostics on stderr; exit 0 on success.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "migcheck/migcheck.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

bool read_all(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  out.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  const bool ok = out.empty() || std::fread(&out[0], 1, out.size(), f) == out.size();
  std::fclose(f);
  return ok;
}

// A field of /proc/self/status in bytes ("VmHWM", "VmRSS"), 0 when unknown.
unsigned long long status_bytes(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::strtoull(line.c_str() + n + 1, nullptr, 10) * 1024ull;
    }
  }
  return 0;
}

bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

struct Stats {
  double best = 0, median = 0;
};

Stats stats_of(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() / 2;
  s.best = v.front();
  s.median = v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return s;
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

constexpr const char* kStages[] = {"read", "recognise", "check", "across", "json", "free"};
constexpr std::size_t kStageCount = sizeof kStages / sizeof kStages[0];

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: migcheck-bench-validate FILE [--repeat N] [--warmup W] [--rulebook PATH] [--lang L] "
                 "[--report-out PATH]\n";
    return 2;
  }
  const std::string path = argv[1];
  int repeat = 5, warmup = 1;
  std::string rulebook_path, language = "en", report_out;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "missing value for " << a << "\n";
      return 2;
    }
    if (a == "--repeat") repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--warmup") warmup = std::max(1, std::atoi(argv[++i]));  // the first run measures memory
    else if (a == "--rulebook") rulebook_path = argv[++i];
    else if (a == "--lang") language = argv[++i];
    else if (a == "--report-out") report_out = argv[++i];
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }

  std::string bytes;
  if (!read_all(path, bytes) || bytes.empty()) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  const auto slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);

  // The rulebook, once, as the CLI does per invocation and the page per session.
  std::string rulebook_text;
  if (!rulebook_path.empty() && !read_all(rulebook_path, rulebook_text)) {
    std::cerr << "cannot read " << rulebook_path << "\n";
    return 1;
  }
  const auto rb_start = Clock::now();
  const migcheck::RulebookLoad rulebook =
      migcheck::load_rulebook(rulebook_path.empty() ? migcheck::bundled_rulebook_json() : std::string_view(rulebook_text));
  const double rulebook_seconds = seconds_between(rb_start, Clock::now());
  if (!rulebook.ok()) {
    std::cerr << "the rulebook has " << rulebook.problems.size() << " problem(s)\n";
    return 1;
  }

  const bool reset_ok = reset_peak_rss();
  const unsigned long long rss_before = status_bytes("VmRSS");

  std::vector<std::vector<double>> stage_times(kStageCount);
  std::vector<double> totals;
  double first_seconds = 0;
  unsigned long long peak_first = 0;
  std::string report_json;
  std::uint64_t observations = 0, findings = 0, errors = 0, warnings = 0, infos = 0, cells_read = 0, checks = 0;
  std::uint64_t tables = 0;
  std::string format;
  bool partial = false, read_failed = false;

  const std::vector<migcheck::Input> inputs{{name, bytes, false}};
  const std::size_t rules_count = rulebook.rulebook->rules.size();
  std::vector<std::vector<double>> rule_times(rules_count);
  for (int run = 0; run < warmup + repeat; ++run) {
    // mark[s]: first progress call of stage s (0 read .. 3 across); last_check:
    // the last "check" call (the end of the file's rules), mark[4]: end of validate.
    Clock::time_point mark[kStageCount + 1];
    Clock::time_point last_check, previous_call;
    bool seen[kStageCount] = {};
    std::vector<double> rule_seconds(rules_count, 0.0);
    migcheck::ValidationOptions options;
    options.language = language;
    options.progress = [&](const migcheck::Progress& p) {
      const auto now = Clock::now();
      for (std::size_t s = 0; s < 4; ++s) {
        if (!seen[s] && p.stage == kStages[s]) {
          seen[s] = true;
          mark[s] = now;
        }
      }
      // Per rule (best effort, for the profile): the engine reports "check"
      // after file rule r at 0.98 * (0.85 + 0.15 (r + 1) / n) and "across"
      // after dataset rule r at 0.98 + 0.02 (r + 1) / n (core/src/rules/engine.cpp).
      const double n = static_cast<double>(rules_count);
      long r = -1;
      if (p.stage == "check") {
        last_check = now;
        r = std::lround((p.fraction / 0.98 - 0.85) / 0.15 * n) - 1;
      } else if (p.stage == "across") {
        r = std::lround((p.fraction - 0.98) / 0.02 * n) - 1;
      }
      if (r >= 0 && r < static_cast<long>(rules_count)) rule_seconds[r] += seconds_between(previous_call, now);
      previous_call = now;
    };
    const auto start = Clock::now();
    mark[0] = previous_call = start;  // "read" is reported first, at once; stamp the call itself
    seen[0] = true;
    std::string json;
    {
      migcheck::Report report = migcheck::validate(inputs, *rulebook.rulebook, options);
      mark[4] = Clock::now();  // end of the rules = start of the JSON
      json = migcheck::report_json(report);
      mark[5] = Clock::now();
      if (run == 0) {
        for (const auto& f : report.files) {
          if (f.read_error) read_failed = true;
          if (format.empty()) format = f.format;
          for (const auto& s : f.recognition.sheets) observations += s.observations;
          tables += f.recognition.tables.size();
        }
        findings = report.findings.size();
        errors = report.errors;
        warnings = report.warnings;
        infos = report.infos;
        cells_read = report.cells_read;
        partial = report.partial;
        for (const auto& r : report.rules) checks += r.checked;
      }
    }  // the report is freed here, inside the timed region
    const auto stop = Clock::now();
    const double total = seconds_between(start, stop);
    if (run == 0) {
      first_seconds = total;
      peak_first = status_bytes("VmHWM");
      report_json = json;
    }
    if (run < warmup) continue;
    totals.push_back(total);
    // Stage boundaries: read from the call to the first "recognise", recognise
    // to the first "check", check to the last "check" (the file's rules), across
    // (the dataset, the rules across files) to the end of validate.
    const Clock::time_point recognise_at = seen[1] ? mark[1] : mark[4];
    const Clock::time_point check_at = seen[2] ? mark[2] : recognise_at;
    const Clock::time_point across_at = seen[2] ? last_check : check_at;
    stage_times[0].push_back(seconds_between(start, recognise_at));
    stage_times[1].push_back(seconds_between(recognise_at, check_at));
    stage_times[2].push_back(seconds_between(check_at, across_at));
    stage_times[3].push_back(seconds_between(across_at, mark[4]));
    for (std::size_t r = 0; r < rules_count; ++r) rule_times[r].push_back(rule_seconds[r]);
    stage_times[4].push_back(seconds_between(mark[4], mark[5]));
    stage_times[5].push_back(seconds_between(mark[5], stop));
  }
  const unsigned long long peak_all = status_bytes("VmHWM");
  if (read_failed) std::cerr << "note: migcheck could not read " << name << " (the report says why)\n";

  // Read statistics (sheet XML bytes, cells), outside the timed and measured region.
  std::uint64_t sheet_xml_bytes = 0, stats_cells = 0;
  {
    auto read = migcheck::read_workbook(bytes, name);
    if (read) {
      sheet_xml_bytes = read.value().stats.sheet_xml_bytes;
      stats_cells = read.value().stats.cells;
    }
  }
  if (!report_out.empty()) {
    std::ofstream out(report_out, std::ios::binary);
    out << report_json;
    if (!out) {
      std::cerr << "cannot write " << report_out << "\n";
      return 1;
    }
  }

  const Stats total = stats_of(totals);
  std::string out = "{\"file\":\"" + json_escape(name) + "\"";
  char buf[512];
  std::snprintf(buf, sizeof buf,
                ",\"format\":\"%s\",\"input_bytes\":%zu,\"sheet_xml_bytes\":%llu,\"cells\":%llu,\"observations\":%llu,"
                "\"tables\":%llu,\"findings\":%llu,\"errors\":%llu,\"warnings\":%llu,\"infos\":%llu,\"checks\":%llu,"
                "\"partial\":%s,\"report_bytes\":%zu",
                json_escape(format).c_str(), bytes.size(), static_cast<unsigned long long>(sheet_xml_bytes),
                static_cast<unsigned long long>(stats_cells ? stats_cells : cells_read),
                static_cast<unsigned long long>(observations), static_cast<unsigned long long>(tables),
                static_cast<unsigned long long>(findings), static_cast<unsigned long long>(errors),
                static_cast<unsigned long long>(warnings), static_cast<unsigned long long>(infos),
                static_cast<unsigned long long>(checks), partial ? "true" : "false", report_json.size());
  out += buf;
  std::snprintf(buf, sizeof buf,
                ",\"rulebook_load_seconds\":%.6f,\"warmup\":%d,\"runs\":%zu,\"first_seconds\":%.6f,"
                "\"best_seconds\":%.6f,\"median_seconds\":%.6f",
                rulebook_seconds, warmup, totals.size(), first_seconds, total.best, total.median);
  out += buf;
  out += ",\"times_seconds\":[";
  for (std::size_t i = 0; i < totals.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.6f", i ? "," : "", totals[i]);
    out += buf;
  }
  out += "],\"stages\":{";
  for (std::size_t s = 0; s < kStageCount; ++s) {
    const Stats st = stats_of(stage_times[s]);
    std::snprintf(buf, sizeof buf, "%s\"%s\":{\"best_seconds\":%.6f,\"median_seconds\":%.6f}", s ? "," : "", kStages[s],
                  st.best, st.median);
    out += buf;
  }
  // Rules by median time, slowest first (the profile note of the runner).
  std::vector<std::pair<double, std::size_t>> by_rule;
  for (std::size_t r = 0; r < rules_count; ++r) by_rule.push_back({stats_of(rule_times[r]).median, r});
  std::sort(by_rule.rbegin(), by_rule.rend());
  out += "},\"rules\":[";
  for (std::size_t i = 0; i < by_rule.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s{\"rule\":\"%s\",\"median_seconds\":%.6f}", i ? "," : "",
                  json_escape(rulebook.rulebook->rules[by_rule[i].second].id).c_str(), by_rule[i].first);
    out += buf;
  }
  out += "]";
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::snprintf(buf, sizeof buf,
                ",\"peak_reset\":%s,\"rss_before_bytes\":%llu,\"peak_rss_first_bytes\":%llu,"
                "\"peak_rss_all_bytes\":%llu,\"peak_validation_bytes\":%llu,\"maxrss_bytes\":%llu}\n",
                reset_ok ? "true" : "false", rss_before, peak_first, peak_all,
                peak_first > rss_before ? peak_first - rss_before : 0ull,
                static_cast<unsigned long long>(usage.ru_maxrss) * 1024ull);
  out += buf;
  std::fputs(out.c_str(), stdout);
  return read_failed ? 1 : 0;
}
