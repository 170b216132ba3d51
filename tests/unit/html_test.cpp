// The standalone HTML report: everything from a file or the rulebook is
// escaped, the interface speaks the report's language, every finding's cell
// is shown, and the page needs nothing from outside.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "migcheck/validate.hpp"
#include "migcheck/workbook.hpp"
#include "test_support.hpp"
#include "util/markup.hpp"
#include "workbook_builder.hpp"
#include "zip_builder.hpp"

namespace {

const std::string kPayload = "<script>alert(1)</script>\"&'";
const std::string kPayloadEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;";

std::string html_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

migcheck::Report run(const std::vector<migcheck::Input>& inputs, const std::string& lang = "en") {
  migcheck::ValidationOptions options;
  options.language = lang;
  return migcheck::validate(inputs, bundled(), options);
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// A return whose file name, a sheet name and a cell text carry the payload.
struct Hostile {
  std::string xlsx_name = "ken" + kPayload + ".xlsx";
  std::string xlsx = workbook({
      {"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
      {"POP_CTZ",
       {{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE"},
        {"UGA", "_T", "M", "10"},
        {"UGA", "_T", "F", "12"},
        {"UGA", "_T", "_T", "23"},
        {kPayload, "_T", "_T", "4"}}},
      {"Notes " + kPayload, {{"Anything", kPayload}, {"1", "2"}}},
  });
  std::string csv_name = "ken-pop_ctz " + kPayload + ".csv";
  std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,M,10\n"
                    "KEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\nKEN,2024,\"" + std::string("<b>&amp;'\"\"</b>") +
                    "\",_T,_T,1\n";
};

}  // namespace

TEST_CASE("html: text from files is escaped everywhere and never written raw", "[html]") {
  const Hostile h;
  const auto report = run({{h.xlsx_name, h.xlsx}, {h.csv_name, h.csv}});
  const std::string html = migcheck::report_html(report, bundled());

  // The payload went into the report's data: the file name, a sheet name and
  // some findings' messages carry it.
  REQUIRE(report.files.size() == 2);
  bool sheet_has_payload = false;
  for (const auto& s : report.files[0].recognition.sheets)
    if (s.sheet.find(kPayload) != std::string::npos) sheet_has_payload = true;
  CHECK(sheet_has_payload);
  bool message_has_payload = false;
  for (const auto& f : report.findings)
    if (f.message.find("<script>") != std::string::npos) message_has_payload = true;
  CHECK(message_has_payload);

  // Nowhere raw: no script element at all, and not the payload's specials.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("\"&'") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  // Escaped: the file name (header, summary, section), the sheet name, the messages.
  CHECK(count(html, "ken" + kPayloadEscaped + ".xlsx") >= 3);
  CHECK(html.find("Notes " + kPayloadEscaped) != std::string::npos);
  CHECK(html.find(html_escaped("ken-pop_ctz " + kPayload + ".csv")) != std::string::npos);
  for (const auto& f : report.findings) CHECK(html.find(html_escaped(f.message)) != std::string::npos);
  // The title holds the escaped file names too.
  const auto title_start = html.find("<title>"), title_end = html.find("</title>");
  REQUIRE(title_start != std::string::npos);
  REQUIRE(title_end != std::string::npos);
  const std::string title = html.substr(title_start, title_end - title_start);
  CHECK(title.find("ken" + kPayloadEscaped + ".xlsx") != std::string::npos);
  CHECK(title.find("comesa-migration 2026.1") != std::string::npos);
}

TEST_CASE("html: bidi overrides and isolates in a file's text are shown, not obeyed", "[html]") {
  // "\u202Excod.exe" would show as "exe.docx"; an isolate would hide the order of what follows.
  const std::string rlo = "\xE2\x80\xAE", lri = "\xE2\x81\xA6", rlm = "\xE2\x80\x8F";
  const std::string csv = "SEX,OBS_VALUE\nM,1\n";
  const auto report = run({{"ken " + rlo + "xslx.exe" + lri + ".csv", csv}});
  const std::string html = migcheck::report_html(report, bundled());
  CHECK(html.find(rlo) == std::string::npos);
  CHECK(html.find(lri) == std::string::npos);
  CHECK(html.find("ken [U+202E]xslx.exe[U+2066].csv") != std::string::npos);
  // A right-to-left mark only steers neutral characters; Arabic text needs it, so it stays.
  std::string marked;
  migcheck::util::append_escaped(marked, "a" + rlm + "b", migcheck::util::Markup::html);
  CHECK(marked == "a" + rlm + "b");
  // In XML (JUnit, SARIF) the character is allowed and kept: those are read by programs.
  std::string xml;
  migcheck::util::append_escaped(xml, rlo, migcheck::util::Markup::xml);
  CHECK(xml == rlo);
}

TEST_CASE("html: one self-contained, accessible page", "[html]") {
  const Hostile h;
  const auto report = run({{h.xlsx_name, h.xlsx}});
  const std::string html = migcheck::report_html(report, bundled());
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
  // No external resource and no script: it works offline.
  for (const char* outside : {"<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "href=\"http"})
    CHECK(html.find(outside) == std::string::npos);
  // Table headers carry their scope; every table has a header row.
  CHECK(count(html, "<table") == count(html, "<thead>"));
  CHECK(count(html, "<th>") == 0);
  CHECK(html.find("<th scope=\"col\">") != std::string::npos);
  CHECK(html.find("<th scope=\"row\"") != std::string::npos);
  // Severity is written in words, not only shown in colour.
  CHECK(html.find("Errors") != std::string::npos);
  // Print styles.
  CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("html: every finding's cell appears, errors before warnings before infos", "[html]") {
  const std::string mess = slurp(MIGCHECK_FIXTURES "/returns/ken-2024-mess.xlsx");
  REQUIRE(!mess.empty());
  const std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,M,10\n"
                          "KEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\nKEN,2024,Atlantis,_T,_T,5\n";
  const auto report = run({{"ken-2024-mess.xlsx", mess}, {"ken-pop_ctz.csv", csv}});
  REQUIRE(report.errors > 0);
  const std::string html = migcheck::report_html(report, bundled());
  std::size_t with_cell = 0;
  for (const auto& f : report.findings) {
    if (f.cell.empty()) continue;
    ++with_cell;
    const std::string where = html_escaped(f.sheet.empty() ? f.cell : f.sheet + "!" + f.cell);
    INFO(f.rule << " " << where);
    CHECK(html.find(">" + where + "</th>") != std::string::npos);
    for (const auto& related : f.related_cells) CHECK(html.find(html_escaped(related)) != std::string::npos);
  }
  CHECK(with_cell > 0);
  // The mess fixture's findings come back in its section.
  CHECK(html.find("id=\"file-1\"") != std::string::npos);
  CHECK(html.find("id=\"file-2\"") != std::string::npos);
  // Within the CSV's table, the errors' table comes before the infos' table.
  const auto section = html.find("id=\"file-2\"");
  const auto errors = html.find("sev-error\">", section);
  const auto infos = html.find("sev-info\">", section);
  REQUIRE(errors != std::string::npos);
  if (infos != std::string::npos) CHECK(errors < infos);
  // The per-rule summary lists every rule once, with its instruction once.
  for (const auto& r : report.rules) {
    INFO(r.rule);
    CHECK(count(html, "id=\"rule-" + html_escaped(r.rule) + "\"") == 1);
  }
  for (const auto& r : report.rules) {
    const migcheck::RuleSpec* spec = nullptr;
    for (const auto& s : bundled().rules)
      if (s.id == r.rule) spec = &s;
    if (!spec || spec->instruction.in("en").empty()) continue;
    const std::string instruction = html_escaped(spec->instruction.in("en"));
    // Right under the rule's own entry, and under each of its problems ("What to do:"), and
    // nowhere else but for rules sharing the text.
    const auto entry = html.find("id=\"rule-" + html_escaped(r.rule) + "\"");
    REQUIRE(entry != std::string::npos);
    CHECK(html.find("<dd>" + instruction + "</dd>", entry) == html.find("<dd>", entry));
    std::size_t sharing = 0, under_problems = 0;
    for (const auto& other : report.rules)
      for (const auto& s : bundled().rules)
        if (s.id == other.rule && html_escaped(s.instruction.in("en")) == instruction) ++sharing;
    for (const auto& p : report.problems)
      for (const auto& s : bundled().rules)
        if (s.id == p.rule && html_escaped(s.instruction.in("en")) == instruction) ++under_problems;
    CHECK(count(html, instruction) == sharing + under_problems);
    CHECK(count(html, "<strong>What to do:</strong> " + instruction) == under_problems);
  }
  CHECK(html.find("Checks per rule") != std::string::npos);
}

TEST_CASE("html: the interface speaks the report's language", "[html]") {
  const std::string csv = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\nKEN,2024,UGA,_T,M,10\n"
                          "KEN,2024,UGA,_T,F,12\nKEN,2024,UGA,_T,_T,23\n";
  const auto fr = run({{"ken-pop_ctz.csv", csv}}, "fr");
  const std::string html = migcheck::report_html(fr, bundled());
  CHECK(html.find("<html lang=\"fr\" dir=\"ltr\">") != std::string::npos);
  for (const char* s : {"Rapport de validation", "Résumé", "Erreurs", "Cellule", "Règle", "Attendu", "Constaté",
                        "Cellules liées", "Contrôles par règle", "Tableau"})
    CHECK(html.find(s) != std::string::npos);
  for (const char* s : {"Validation report", "Related cells", "Checks per rule"}) CHECK(html.find(s) == std::string::npos);
  // Rule labels, instructions and messages come from the rulebook in French.
  for (const auto& f : fr.findings) CHECK(html.find(html_escaped(f.message)) != std::string::npos);
  CHECK(html.find(html_escaped(bundled().title.in("fr"))) != std::string::npos);
  for (const auto& spec : bundled().rules)
    if (!spec.instruction.in("fr").empty()) {
      bool in_report = false;
      for (const auto& r : fr.rules) in_report = in_report || r.rule == spec.id;
      if (in_report) CHECK(html.find(html_escaped(spec.instruction.in("fr"))) != std::string::npos);
    }
  // An unknown language falls back to English for the interface.
  auto other = fr;
  other.language = "pt";
  const std::string pt = migcheck::report_html(other, bundled());
  CHECK(pt.find("<html lang=\"pt\" dir=\"ltr\">") != std::string::npos);
  CHECK(pt.find("Validation report") != std::string::npos);
}

TEST_CASE("html: an unreadable file, a capped list and a rule that could not run", "[html]") {
  auto report = run({{"empty.xlsx", ""}});
  REQUIRE(report.files.size() == 1);
  REQUIRE(report.files[0].read_error);
  report.partial = true;
  REQUIRE(!report.rules.empty());
  report.rules[0].error = "needs " + kPayload;
  const std::string html = migcheck::report_html(report, bundled());
  CHECK(html.find("Could not be read") != std::string::npos);
  CHECK(html.find("incomplete") != std::string::npos);
  CHECK(html.find("Rules that could not run") != std::string::npos);
  CHECK(count(html, "needs " + kPayloadEscaped) == 2);  // in the summary and in the per-rule table
  CHECK(html.find("<script") == std::string::npos);
  for (const auto& f : report.findings) CHECK(html.find(html_escaped(f.message)) != std::string::npos);
}

TEST_CASE("html: a table of contents by file and table leads to each group of problems", "[html]") {
  const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/blind/synthetic/planted/KEN_2024_migration_return.xlsx");
  const migcheck::Report report = migcheck::validate({{"KEN_2024_migration_return.xlsx", bytes}}, bundled(), {});
  const std::string html = migcheck::report_html(report, bundled());
  const auto nav = html.find("<nav class=\"contents\"");
  REQUIRE(nav != std::string::npos);
  CHECK(nav < html.find("<section aria-labelledby=\"file-1\">"));
  const std::string contents = html.substr(nav, html.find("</nav>", nav) - nav);
  // Every group heading has its entry, in the same order, and every entry its heading.
  std::vector<std::string> entries, headings;
  for (std::size_t at = 0; (at = contents.find("href=\"#file-1-group-", at)) != std::string::npos; ++at)
    entries.push_back(contents.substr(at + 7, contents.find('"', at + 7) - at - 7));
  for (std::size_t at = 0; (at = html.find("<h3 id=\"file-1-group-", at)) != std::string::npos; ++at)
    headings.push_back(html.substr(at + 8, html.find('"', at + 8) - at - 8));
  CHECK(entries.size() >= 3);
  CHECK(entries == headings);
  CHECK(contents.find("href=\"#rules\"") != std::string::npos);
  CHECK(contents.find("POP_CTB") != std::string::npos);
  // Printed on A4, each file's section on a new page.
  CHECK(html.find("@page{size:A4") != std::string::npos);
}
