// The standalone HTML report (docs/report.md): one HTML5 file with inline
// CSS, no script and no external resource, readable offline and printable.
// Everything that comes from a file or the rulebook is escaped.
#include "report/html_writer.hpp"

namespace migcheck::html {

const char* const kStyle = R"(
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:78rem;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .4rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #444}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem}
p.meta{margin:.2rem 0;color:#333}
code,.cell{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;unicode-bidi:isolate}
td.num,.num{unicode-bidi:isolate;direction:ltr}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start;vertical-align:top}
thead th{background:#e8e8e8}
tbody th{font-weight:normal}
td.num{text-align:end;font-variant-numeric:tabular-nums}
ul.counts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}
ul.counts li{font-size:1.05rem}
.sev{font-weight:bold;white-space:nowrap}
.sev-error{color:#a1000e}
.sev-warning{color:#7a4100}
.sev-info{color:#1b4e8c}
caption{text-align:start;font-weight:bold;padding:.2rem 0}
table.f-error{border-inline-start:6px solid #a1000e}
table.f-warning{border-inline-start:6px solid #b36b00}
table.f-info{border-inline-start:6px solid #1b4e8c}
.note{border:2px solid #7a4100;padding:.5rem .8rem;background:#fff8e6}
dl.instructions dt{font-weight:bold;margin-top:.6rem}
dl.instructions dd{margin:.1rem 0 0;margin-inline-start:1.5rem}
footer{margin-top:2rem;color:#444;font-size:.9rem}
a{color:#0b4f9c}
nav.contents ol{margin:.2rem 0;padding-inline-start:1.4rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
tr.todo td{border-top:0;padding-top:0;color:#222}
@media screen and (max-width:48rem){body{padding:1rem .75rem}table{display:block;overflow-x:auto;max-width:100%}}
@media print{
@page{size:A4;margin:15mm 12mm}
body{max-width:none;padding:0;font-size:10.5pt}
main>section{break-before:page;page-break-before:always}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
tr,dt,dd{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
thead th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

void HtmlWriter::quoted(std::string_view text) {
  std::string escaped;
  esc(escaped, text);
  out_ += fill_placeholders(ui_("quoted"), {{"text", escaped}}, report_.language, Numbers::as_written);
}

std::string HtmlWriter::write() {
  out_ += "<!DOCTYPE html>\n<html lang=\"";
  esc(out_, report_.language.empty() ? std::string("en") : report_.language);
  out_ += right_to_left(report_.language) ? "\" dir=\"rtl" : "\" dir=\"ltr";
  out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out_ += "<meta name=\"generator\" content=\"migcheck ";
  esc(out_, kVersion);
  out_ += "\">\n<title>";
  out_ += title_text();
  out_ += "</title>\n<style>";
  out_ += kStyle;
  out_ += "</style>\n</head>\n<body>\n";
  header();
  out_ += "<main>\n";
  summary();
  agencies();
  contents();
  std::set<std::string> names;
  for (std::size_t i = 0; i < report_.files.size(); ++i) {
    if (names.insert(report_.files[i].file).second) file_section(i);
  }
  across_files();
  rules();
  out_ += "</main>\n<footer><p>";
  out_ += ui_("generated_by");
  out_ += " ";
  esc(out_, kVersion);
  out_ += ".</p></footer>\n</body>\n</html>\n";
  return std::move(out_);
}

std::string HtmlWriter::title_text() const {
  std::string t = ui_("title");
  if (!report_.files.empty()) {
    t += ui_("colon");
    t += " ";
    for (std::size_t i = 0; i < report_.files.size() && i < 3; ++i) {
      if (i) t += ", ";
      esc(t, report_.files[i].file);
    }
    if (report_.files.size() > 3) t += ", +" + std::to_string(report_.files.size() - 3);
  }
  t += " (";
  esc(t, report_.rulebook_id);
  t += " ";
  esc(t, report_.rulebook_version);
  t += ")";
  return t;
}

void HtmlWriter::header() {
  out_ += "<header>\n<h1>";
  out_ += ui_("title");
  out_ += "</h1>\n<p class=\"meta\"><strong>";
  out_ += ui_("files");
  out_ += ui_("colon");
  out_ += "</strong> ";
  for (std::size_t i = 0; i < report_.files.size(); ++i) {
    if (i) out_ += ", ";
    out_ += "<code>";
    esc(out_, report_.files[i].file);
    out_ += "</code>";
  }
  out_ += "</p>\n<p class=\"meta\"><strong>";
  out_ += ui_("rulebook");
  out_ += ui_("colon");
  out_ += "</strong> <code>";
  esc(out_, report_.rulebook_id);
  out_ += "</code> ";
  esc(out_, report_.rulebook_version);
  const std::string& title = rulebook_.title.in(report_.language);
  if (!title.empty()) {
    out_ += " \xE2\x80\x94 ";
    esc(out_, title);
  }
  out_ += "</p>\n</header>\n";
}

void HtmlWriter::summary() {
  out_ += "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">";
  out_ += ui_("summary");
  out_ += "</h2>\n<ul class=\"counts\">\n";
  // Problems, with the cells they cover when more.
  const std::tuple<Severity, std::uint64_t, std::uint64_t> counts[] = {
      {Severity::error, report_.error_problems, report_.errors},
      {Severity::warning, report_.warning_problems, report_.warnings},
      {Severity::info, report_.info_problems, report_.infos}};
  for (const auto& [severity, n, cells] : counts) {
    out_ += "<li><span class=\"sev sev-";
    out_ += severity_key(severity);
    out_ += "\"><span aria-hidden=\"true\">";
    out_ += severity_symbol(severity);
    out_ += "</span> ";
    out_ += ui_(severity_plural_key(severity));
    out_ += ui_("colon");
    out_ += "</span> " + std::to_string(n);
    if (cells != n) {
      out_ += " (" + std::to_string(cells) + " ";
      out_ += ui_("cells_word");
      out_ += ")";
    }
    out_ += "</li>\n";
  }
  out_ += "<li><strong>";
  out_ += ui_("cells_read");
  out_ += ui_("colon");
  out_ += "</strong> " + std::to_string(report_.cells_read) + "</li>\n</ul>\n";
  if (report_.partial) {
    out_ += "<p class=\"note\" role=\"note\">";
    out_ += ui_("partial");
    out_ += "</p>\n";
  }
  std::vector<const RuleSummary*> not_run;
  for (const RuleSummary& r : report_.rules)
    if (!r.error.empty()) not_run.push_back(&r);
  if (!not_run.empty()) {
    out_ += "<p class=\"note\" role=\"note\"><strong>";
    out_ += ui_("rules_not_run");
    out_ += ui_("colon");
  out_ += "</strong> ";
    for (std::size_t i = 0; i < not_run.size(); ++i) {
      if (i) out_ += "; ";
      out_ += "<code>";
      esc(out_, not_run[i]->rule);
      out_ += "</code> (";
      esc(out_, not_run[i]->error);
      out_ += ")";
    }
    out_ += "</p>\n";
  }
  // One row per file.
  out_ += "<table>\n<caption>";
  out_ += ui_("files");
  out_ += "</caption>\n<thead><tr>";
  for (const char* key : {"file", "format", "reporting_country", "reference_year", "cells_read", "tables",
                          "unrecognised"}) {
    out_ += "<th scope=\"col\">";
    out_ += ui_(key);
    out_ += "</th>";
  }
  out_ += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < report_.files.size(); ++i) {
    const FileReport& f = report_.files[i];
    out_ += "<tr><th scope=\"row\"><a href=\"#file-" + std::to_string(file_anchor(i)) + "\"><code>";
    esc(out_, f.file);
    out_ += "</code></a></th>";
    if (f.read_error) {
      out_ += "<td colspan=\"6\"><span class=\"sev sev-error\"><span aria-hidden=\"true\">";
      out_ += severity_symbol(Severity::error);
      out_ += "</span> ";
      out_ += ui_("unreadable");
      out_ += "</span></td></tr>\n";
      continue;
    }
    out_ += "<td>";
    esc(out_, f.format);
    out_ += "</td><td>";
    esc(out_, f.recognition.reporting_country);
    out_ += "</td><td>";
    esc(out_, f.recognition.reference_year);
    out_ += "</td><td class=\"num\">" + std::to_string(f.cells_read) + "</td><td>";
    if (f.recognition.tables.empty()) out_ += ui_("none");
    for (std::size_t t = 0; t < f.recognition.tables.size(); ++t) {
      const RecognisedTable& table = f.recognition.tables[t];
      if (t) out_ += "<br>";
      out_ += "<code>";
      esc(out_, table.table);
      out_ += "</code> (" + std::to_string(table.size()) + " ";
      out_ += ui_("observations");
      const std::string sheet = sheet_of(f, table.table);
      if (!sheet.empty()) {
        out_ += builtin_word(report_.language, "punctuation.comma");
        out_ += ui_("sheet");
        out_ += " ";
        quoted(sheet);
      }
      out_ += ")";
    }
    out_ += "</td><td>";
    bool any = false;
    for (const SheetRecognition& s : f.recognition.sheets) {
      if (s.role != SheetRole::unrecognised) continue;
      if (any) out_ += "<br>";
      any = true;
      quoted(s.sheet);
    }
    if (!any) out_ += ui_("none");
    out_ += "</td></tr>\n";
  }
  out_ += "</tbody>\n</table>\n</section>\n";
}

}  // namespace migcheck::html

namespace migcheck {

std::string report_html(const Report& report, const Rulebook& rulebook) {
  return html::HtmlWriter(report, rulebook).write();
}

}  // namespace migcheck
