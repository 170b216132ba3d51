// Reports for CI systems: JUnit XML (one test suite per file, one test case
// per rule) and SARIF 2.1.0 (one result per problem, cells as regions).
#include <cctype>
#include <map>
#include <set>

#include "migcheck/report_formats.hpp"
#include "migcheck/version.hpp"
#include "migcheck/json_writer.hpp"
#include "util/markup.hpp"

namespace migcheck {
namespace {

void append_xml_escaped(std::string& out, std::string_view s) { util::append_escaped(out, s, util::Markup::xml); }

std::string xml(std::string_view s) {
  std::string out;
  append_xml_escaped(out, s);
  return out;
}

// Row and column (1-based) of an A1 reference; false for "" or anything else.
bool parse_a1(const std::string& ref, std::uint32_t& row, std::uint32_t& column) {
  std::size_t i = 0;
  column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') column = column * 26 + static_cast<std::uint32_t>(ref[i++] - 'A' + 1);
  row = 0;
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') row = row * 10 + static_cast<std::uint32_t>(ref[i++] - '0');
  return i == ref.size() && digits > 0 && i > digits && row > 0;
}

}  // namespace

std::string report_junit(const Report& report, bool strict) {
  // A problem fails its test case when it is an error (with strict, a warning too).
  auto fails = [&](const Problem& p) {
    return p.severity == Severity::error || (strict && p.severity == Severity::warning);
  };
  std::string suites;
  std::size_t all_tests = 0, all_failures = 0;
  for (const FileReport& file : report.files) {
    std::map<std::string, std::vector<const Problem*>> by_rule;
    for (const RuleSummary& r : report.rules) by_rule[r.rule];
    for (const Problem& p : report.problems)
      if (p.file == file.file) by_rule[p.rule].push_back(&p);
    std::string cases;
    std::size_t failures = 0;
    for (const auto& [rule, problems] : by_rule) {
      cases += "    <testcase classname=\"" + xml(file.file) + "\" name=\"" + xml(rule) + "\"";
      std::string body;
      std::size_t failed = 0;
      std::uint64_t cells = 0;
      for (const Problem* p : problems) {
        if (!fails(*p)) continue;
        ++failed;
        cells += p->count;
        body += std::string(severity_name(p->severity)) + " " + (p->sheet.empty() ? "" : p->sheet + "!" + p->cell + ": ") +
                p->message + (p->count > 1 ? " (+" + std::to_string(p->count - 1) + ")" : std::string()) + "\n";
      }
      if (failed == 0) {
        cases += "/>\n";
        continue;
      }
      ++failures;
      cases += ">\n      <failure type=\"" + xml(rule) + "\" message=\"" +
               xml(std::to_string(failed) + " problem(s), " + std::to_string(cells) + " finding(s)") + "\">" + xml(body) +
               "</failure>\n    </testcase>\n";
    }
    all_tests += by_rule.size();
    all_failures += failures;
    suites += "  <testsuite name=\"" + xml(file.file) + "\" tests=\"" + std::to_string(by_rule.size()) +
              "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"migcheck\" tests=\"" + std::to_string(all_tests) +
         "\" failures=\"" + std::to_string(all_failures) + "\" errors=\"0\">\n" + suites + "</testsuites>\n";
}

namespace {

// A file name as a relative URI reference (RFC 3986): every byte outside the
// unreserved set percent-encoded, so "Côte d'Ivoire #1.csv" stays one path.
std::string uri_reference(std::string_view name) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string report_sarif(const Report& report, const Rulebook& rulebook) {
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("$schema").string("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").string("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").string("migcheck");
  w.key("version").string(kVersion);
  w.key("rules").begin_array();
  std::map<std::string, std::size_t> rule_index;
  auto add_rule = [&](const std::string& id, const std::string& name, const std::string& help) {
    if (rule_index.count(id)) return;
    const std::size_t next = rule_index.size();
    rule_index[id] = next;
    w.begin_object();
    w.key("id").string(id);
    w.key("shortDescription").begin_object().key("text").string(name.empty() ? id : name).end_object();
    if (!help.empty()) w.key("help").begin_object().key("text").string(help).end_object();
    w.end_object();
  };
  for (const RuleSpec& r : rulebook.rules) add_rule(r.id, r.label.in(report.language), r.instruction.in(report.language));
  for (const Problem& p : report.problems) add_rule(p.rule, p.rule, "");
  w.end_array();
  w.end_object().end_object();  // driver, tool
  // One result per problem: its first cell is the location, the others (up to
  // kRelatedShown) related locations; the count is in the message and properties.
  constexpr std::size_t kRelatedShown = 100;
  auto location = [&](const std::string& file, const std::string& sheet, const std::string& cell) {
    w.begin_object();
    w.key("physicalLocation").begin_object();
    w.key("artifactLocation").begin_object().key("uri").string(uri_reference(file)).end_object();
    std::uint32_t row, column;
    if (parse_a1(cell, row, column))
      w.key("region").begin_object().key("startLine").integer(row).key("startColumn").integer(column).end_object();
    w.end_object();
    if (!sheet.empty()) {
      w.key("logicalLocations").begin_array().begin_object();
      w.key("name").string(cell.empty() ? sheet : sheet + "!" + cell);
      w.key("kind").string("object");
      w.end_object().end_array();
    }
    w.end_object();
  };
  // SARIF 2.1.0 run.language: the language of the messages (RFC 5646), so a viewer can set their direction.
  w.key("language").string(report.language.empty() ? std::string("en") : report.language);
  w.key("results").begin_array();
  for (const Problem& p : report.problems) {
    w.begin_object();
    w.key("ruleId").string(p.rule);
    w.key("ruleIndex").integer(rule_index[p.rule]);
    w.key("level").string(p.severity == Severity::error ? "error" : p.severity == Severity::warning ? "warning" : "note");
    w.key("message").begin_object().key("text")
        .string(p.message + (p.count > 1 ? " (+" + std::to_string(p.count - 1) + ")" : std::string())).end_object();
    w.key("locations").begin_array();
    location(p.file, p.sheet, p.cell);
    w.end_array();
    if (p.cells.size() > 1) {
      w.key("relatedLocations").begin_array();
      for (std::size_t k = 1; k < p.cells.size() && k <= kRelatedShown; ++k) {
        const std::string& c = p.cells[k];
        const std::size_t bang = c.rfind('!');
        location(p.file, bang == std::string::npos ? std::string() : c.substr(0, bang),
                 bang == std::string::npos ? c : c.substr(bang + 1));
      }
      w.end_array();
    }
    w.key("properties").begin_object();
    w.key("table").string(p.table);
    w.key("level").integer(static_cast<std::uint64_t>(p.level));
    w.key("count").integer(p.count);
    const Finding* first = p.findings.empty() ? nullptr : &report.findings[p.findings.front()];
    w.key("related_cells").begin_array();
    if (first)
      for (const auto& c : first->related_cells) w.string(c);
    w.end_array();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_array();  // run, runs
  w.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace migcheck
