// migcheck annotate (migcheck/annotate.hpp): the user's workbook with the
// problems marked. Reads the package with the readers' own part readers, edits
// the few parts that change (annotate/sheet.cpp, styles.cpp, comments.cpp,
// package.cpp) and copies every other entry as it was.
#include "migcheck/annotate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "annotate/comments.hpp"
#include "annotate/package.hpp"
#include "annotate/sheet.hpp"
#include "annotate/styles.hpp"
#include "annotate/xml_edits.hpp"
#include "io/zip.hpp"
#include "io/zip_writer.hpp"
#include "migcheck/messages.hpp"
#include "migcheck/recognition.hpp"
#include "migcheck/workbook.hpp"
#include "util/text.hpp"
#include "writers/worksheet_xml.hpp"
#include "xlsx/parts.hpp"

namespace migcheck {
namespace {

using annotate::Mark;
using util::ends_with;
using Cell = std::pair<std::uint32_t, std::uint32_t>;

constexpr std::string_view kStrictNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr std::string_view kWorksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
constexpr std::string_view kCommentsType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
constexpr std::string_view kStylesType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
constexpr std::string_view kVmlType = "application/vnd.openxmlformats-officedocument.vmlDrawing";
constexpr std::size_t kFindingsPerComment = 5;

Mark mark_of(Severity s) { return s == Severity::error ? Mark::error : s == Severity::warning ? Mark::warning : Mark::info; }
const char* severity_key(Severity s) { return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info"; }

std::string folder_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// "xl/worksheets/migcheck.xml", or migcheck2.xml... when taken.
std::string free_part(const io::ZipArchive& zip, const std::set<std::string>& added, const std::string& folder,
                      const std::string& stem, const std::string& extension) {
  for (int n = 1;; ++n) {
    const std::string name = folder + stem + (n == 1 ? "" : std::to_string(n)) + extension;
    if (!zip.find(name) && !added.count(name)) return name;
  }
}

// What migcheck says about one workbook's cells, sheet by sheet.
struct SheetNotes {
  annotate::CellMarks marks;
  annotate::CellComments comments;
  std::map<Cell, std::size_t> count;
};

class Annotator {
 public:
  Annotator(std::string_view bytes, const Report& report, const FileReport& file, const Rulebook& rulebook,
            const Limits& limits)
      : bytes_(bytes), report_(report), file_(file), limits_(limits), words_(report.language, "annotated") {
    for (const RuleSpec& r : rulebook.rules) specs_[r.id] = &r;
  }

  Result<std::string> run();

 private:
  std::string_view bytes_;
  const Report& report_;
  const FileReport& file_;
  const Limits& limits_;
  Words words_;
  std::unordered_map<std::string, const RuleSpec*> specs_;
  std::map<std::string, std::string> replaced_;  // part -> new content
  std::vector<std::pair<std::string, std::string>> added_;
  std::set<std::string> added_names_;

  const std::string& instruction(const std::string& rule) const {
    static const std::string none;
    auto it = specs_.find(rule);
    return it == specs_.end() ? none : it->second->instruction.in(report_.language);
  }
  std::map<std::string, SheetNotes> notes() const;
  std::string problems_sheet(const std::string& name, annotate::StyleBook& styles) const;
  void add(std::string name, std::string data) {
    added_names_.insert(name);
    added_.emplace_back(std::move(name), std::move(data));
  }
};

std::map<std::string, SheetNotes> Annotator::notes() const {
  std::map<std::string, SheetNotes> out;
  for (const Finding& f : report_.findings) {
    if (f.file != file_.file || f.sheet.empty() || f.cell.empty()) continue;
    Cell at;
    const std::string_view first = std::string_view(f.cell).substr(0, f.cell.find(':'));
    if (!xlsx::parse_cell_reference(first, at.first, at.second, limits_)) continue;
    SheetNotes& n = out[f.sheet];
    auto [mark, fresh] = n.marks.emplace(at, mark_of(f.severity));
    if (!fresh) mark->second = std::max(mark->second, mark_of(f.severity));
    const std::size_t seen = n.count[at]++;
    if (seen >= kFindingsPerComment) continue;
    std::string& text = n.comments[at];
    if (!text.empty()) text += "\n\n";
    text += words_(severity_key(f.severity)) + words_("colon") + " " + f.message;
    if (const std::string& todo = instruction(f.rule); !todo.empty())
      text += "\n" + words_("what_to_do") + words_("colon") + " " + todo;
  }
  for (auto& [sheet, n] : out)
    for (const auto& [at, count] : n.count)
      if (count > kFindingsPerComment)
        n.comments[at] += "\n\n" + fill_placeholders(words_("more"), {{"count", std::to_string(count - kFindingsPerComment)}},
                                                     report_.language);
  return out;
}

std::string Annotator::problems_sheet(const std::string& name, annotate::StyleBook& styles) const {
  (void)name;
  std::string rows, links;
  auto text = [](std::uint32_t row, std::uint32_t column, std::string_view value, std::uint32_t style) {
    std::string c = "<c r=\"" + a1(row, column) + "\" s=\"" + std::to_string(style) + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
    xlsx::append_text(c, value);
    return c + "</t></is></c>";
  };
  auto number = [](std::uint32_t row, std::uint32_t column, std::uint64_t value, std::uint32_t style) {
    return "<c r=\"" + a1(row, column) + "\" s=\"" + std::to_string(style) + "\"><v>" + std::to_string(value) + "</v></c>";
  };
  const std::string& lang = report_.language;
  rows += "<row r=\"1\">" + text(0, 0, kAnnotationSheetMark, styles.header()) +
          text(0, 1, fill_placeholders(words_("title"), {{"file", file_.file}}, lang), styles.header()) + "</row>";
  rows += "<row r=\"2\">" +
          text(1, 1,
               fill_placeholders(words_("legend"), {{"rulebook", report_.rulebook_id}, {"version", report_.rulebook_version}},
                                 lang, Numbers::as_written),
               0) +
          "</row>";
  rows += "<row r=\"4\">";
  std::uint32_t column = 0;
  for (const char* key : {"number", "severity", "sheet", "cell", "problem", "what_to_do", "cells", "rule"})
    rows += text(3, column++, words_(key), styles.header());
  rows += "</row>";
  std::uint32_t row = 4;
  std::uint64_t n = 0;
  for (const Problem& p : report_.problems) {
    if (p.file != file_.file) continue;
    const std::string r = std::to_string(row + 1);
    rows += "<row r=\"" + r + "\">" + number(row, 0, ++n, styles.wrapped()) +
            text(row, 1, words_(severity_key(p.severity)), styles.marked(0, mark_of(p.severity))) +
            text(row, 2, p.sheet, styles.wrapped());
    if (!p.sheet.empty() && !p.cell.empty()) {
      rows += text(row, 3, p.cell, styles.link());
      std::string sheet_name;  // 'Sheet ''s name'!B5
      for (char c : p.sheet) sheet_name += c == '\'' ? std::string("''") : std::string(1, c);
      const std::string first = p.cell.substr(0, p.cell.find(':'));
      links += "<hyperlink ref=\"" + a1(row, 3) + "\" location=\"" + annotate::escaped("'" + sheet_name + "'!" + first) +
               "\" display=\"" + annotate::escaped(p.cell) + "\"/>";
    }
    rows += text(row, 4, p.message, styles.wrapped()) + text(row, 5, instruction(p.rule), styles.wrapped()) +
            number(row, 6, p.count, styles.wrapped()) + text(row, 7, p.rule, styles.wrapped()) + "</row>";
    ++row;
  }
  if (n == 0) rows += "<row r=\"5\">" + text(4, 1, words_("none"), 0) + "</row>";
  std::string xml(xlsx::kDeclaration);
  xml += "<worksheet xmlns=\"" + std::string(xlsx::kMainNs) + "\" xmlns:r=\"" + std::string(xlsx::kRelNs) + "\">";
  xml += right_to_left(lang) ? "<sheetViews><sheetView workbookViewId=\"0\" rightToLeft=\"1\">"
                             : "<sheetViews><sheetView workbookViewId=\"0\">";
  xml += "<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" "
         "state=\"frozen\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>";
  const double widths[] = {9, 13, 16, 10, 70, 55, 8, 26};
  for (std::size_t c = 0; c < 8; ++c) {
    char width[16];
    std::snprintf(width, sizeof width, "%g", widths[c]);
    xml += "<col min=\"" + std::to_string(c + 1) + "\" max=\"" + std::to_string(c + 1) + "\" width=\"" + width +
           "\" customWidth=\"1\"/>";
  }
  xml += "</cols><sheetData>" + rows + "</sheetData>";
  if (!links.empty()) xml += "<hyperlinks>" + links + "</hyperlinks>";
  return xml + "</worksheet>";
}

Result<std::string> Annotator::run() {
  auto opened = io::ZipArchive::open(bytes_, limits_);
  if (!opened) return std::move(opened).error();
  const io::ZipArchive& zip = opened.value();
  auto read = [&](const io::ZipEntry& e) -> Result<std::string> {
    auto data = zip.read(e);
    if (!data) return std::move(data).error();
    return std::string(data.value().view());
  };
  auto part_text = [&](const std::string& name) -> Result<std::string> {  // "" when absent
    const io::ZipEntry* e = zip.find(name);
    if (!e) return std::string();
    return read(*e);
  };
  auto set = [&](const std::string& name, std::string data) {  // a changed part, under the entry's own name
    const io::ZipEntry* e = zip.find(name);
    replaced_[e ? e->name : name] = std::move(data);
  };

  // The workbook part, as the reader finds it.
  std::string workbook_part = "xl/workbook.xml";
  {
    auto rels = part_text("_rels/.rels");
    if (!rels) return std::move(rels).error();
    auto parsed = xlsx::read_relationships(rels.value(), "_rels/.rels", "", limits_);
    if (!parsed) return std::move(parsed).error();
    for (const auto& r : parsed.value())
      if (ends_with(r.type, "/officeDocument") && !r.external) workbook_part = r.target;
  }
  auto workbook_xml = part_text(workbook_part);
  if (!workbook_xml) return std::move(workbook_xml).error();
  if (workbook_xml.value().find(kStrictNs) != std::string::npos)
    return make_error(ErrorCode::annotate_not_xlsx,
                      file_.file + " is saved as Strict Open XML, which migcheck reads but cannot annotate. Save it as an "
                                   "ordinary Excel Workbook (.xlsx) and try again.",
                      {}, {{"file", file_.file}}, "strict");
  auto workbook = xlsx::read_workbook_part(workbook_xml.value(), workbook_part, limits_);
  if (!workbook) return std::move(workbook).error();
  const std::string workbook_rels_part = xlsx::relationships_part_of(workbook_part);
  auto workbook_rels = part_text(workbook_rels_part);
  if (!workbook_rels) return std::move(workbook_rels).error();
  auto rels = xlsx::read_relationships(workbook_rels.value(), workbook_rels_part, workbook_part, limits_);
  if (!rels) return std::move(rels).error();
  std::map<std::string, std::string> target_of;
  std::string styles_part;
  for (const auto& r : rels.value()) {
    if (r.external) continue;
    target_of[r.id] = r.target;
    if (ends_with(r.type, "/styles")) styles_part = r.target;
  }
  auto content_types = part_text("[Content_Types].xml");
  if (!content_types) return std::move(content_types).error();
  std::string types = std::move(content_types).value();
  std::string workbook_rels_xml = workbook_rels.value();

  // Styles: the user's, extended (or Excel's defaults when there are none).
  const bool new_styles = styles_part.empty() || !zip.find(styles_part);
  if (styles_part.empty()) styles_part = folder_of(workbook_part) + "styles.xml";
  std::string styles_xml;
  if (!new_styles) {
    auto s = part_text(styles_part);
    if (!s) return std::move(s).error();
    styles_xml = std::move(s).value();
  }
  auto parsed_styles = annotate::StyleBook::parse(std::move(styles_xml), styles_part, limits_);
  if (!parsed_styles) return std::move(parsed_styles).error();
  annotate::StyleBook styles = std::move(parsed_styles).value();

  // Each sheet with marks: its cells, its comments.
  std::uint32_t drawing_block = 60;  // VML shape-id blocks well above the ones programs number from 1
  const auto notes = this->notes();
  std::vector<std::string> names;
  for (const auto& s : workbook.value().sheets) names.push_back(s.name);
  for (const auto& s : workbook.value().sheets) {
    auto n = notes.find(s.name);
    auto target = target_of.find(s.relationship_id);
    if (n == notes.end() || target == target_of.end() || !zip.find(target->second)) continue;
    const std::string& sheet_part = target->second;
    auto sheet_xml = part_text(sheet_part);
    if (!sheet_xml) return std::move(sheet_xml).error();
    annotate::SheetEditor editor(sheet_xml.value(), sheet_part, limits_);
    MIGCHECK_TRY(editor.mark(n->second.marks, styles));

    const std::string sheet_rels_part = xlsx::relationships_part_of(sheet_part);
    auto sheet_rels_xml = part_text(sheet_rels_part);
    if (!sheet_rels_xml) return std::move(sheet_rels_xml).error();
    std::string sheet_rels = std::move(sheet_rels_xml).value();
    std::string comments_part, vml_part;
    if (!sheet_rels.empty()) {
      auto parsed = xlsx::read_relationships(sheet_rels, sheet_rels_part, sheet_part, limits_);
      if (!parsed) return std::move(parsed).error();
      for (const auto& r : parsed.value()) {
        if (r.external) continue;
        if (ends_with(r.type, "/comments")) comments_part = r.target;
        if (!editor.legacy_drawing().empty() && r.id == editor.legacy_drawing()) vml_part = r.target;
      }
    }
    const std::string folder = folder_of(sheet_part);
    std::map<Cell, bool> merged;
    if (!comments_part.empty() && zip.find(comments_part)) {
      auto xml = part_text(comments_part);
      if (!xml) return std::move(xml).error();
      auto edited = annotate::add_to_comments_part(xml.value(), comments_part, n->second.comments, merged, limits_);
      if (!edited) return std::move(edited).error();
      set(comments_part, std::move(edited).value());
    } else {
      comments_part = free_part(zip, added_names_, folder, "migcheck-comments", ".xml");
      add(comments_part, annotate::comments_part(n->second.comments));
      const std::string id = annotate::free_relationship_id(sheet_rels);
      sheet_rels = annotate::add_relationship(sheet_rels, id, std::string(kRelType) + "comments",
                                              comments_part.substr(folder.size()));
      types = annotate::add_content_type(types, comments_part, kCommentsType, false);
    }
    if (!vml_part.empty() && zip.find(vml_part)) {
      auto xml = part_text(vml_part);
      if (!xml) return std::move(xml).error();
      set(vml_part, annotate::add_to_vml_part(xml.value(), n->second.comments, merged, drawing_block++));
    } else {
      vml_part = free_part(zip, added_names_, folder, "migcheck-notes", ".vml");
      add(vml_part, annotate::vml_part(n->second.comments, drawing_block++));
      const std::string id = annotate::free_relationship_id(sheet_rels);
      sheet_rels = annotate::add_relationship(sheet_rels, id, std::string(kRelType) + "vmlDrawing", vml_part.substr(folder.size()));
      types = annotate::add_content_type(types, "vml", kVmlType, true);
      editor.add_legacy_drawing(id);
    }
    set(sheet_rels_part, std::move(sheet_rels));
    set(sheet_part, editor.finish());
  }

  // The problems sheet, first.
  const std::string list_name = xlsx::safe_sheet_name(kAnnotationSheetMark, names);
  const std::string list_part = free_part(zip, added_names_, folder_of(workbook_part) + "worksheets/", "migcheck", ".xml");
  add(list_part, problems_sheet(list_name, styles));
  const std::string list_id = annotate::free_relationship_id(workbook_rels_xml);
  workbook_rels_xml = annotate::add_relationship(workbook_rels_xml, list_id, std::string(kRelType) + "worksheet",
                                                 list_part.substr(folder_of(workbook_part).size()));
  types = annotate::add_content_type(types, list_part, kWorksheetType, false);
  auto workbook_edited = annotate::insert_first_sheet(workbook_xml.value(), workbook_part, list_name, list_id, limits_);
  if (!workbook_edited) return std::move(workbook_edited).error();
  set(workbook_part, std::move(workbook_edited).value());

  if (new_styles) {
    add(styles_part, styles.finish());
    workbook_rels_xml = annotate::add_relationship(workbook_rels_xml, annotate::free_relationship_id(workbook_rels_xml),
                                                   std::string(kRelType) + "styles", styles_part.substr(folder_of(workbook_part).size()));
    types = annotate::add_content_type(types, styles_part, kStylesType, false);
  } else {
    set(styles_part, styles.finish());
  }
  set(workbook_rels_part, std::move(workbook_rels_xml));
  set("[Content_Types].xml", std::move(types));

  // The package: every entry in its order, changed or as it was, then the new parts.
  io::ZipWriter out;
  for (const io::ZipEntry& e : zip.entries()) {
    if (auto it = replaced_.find(e.name); it != replaced_.end()) {
      MIGCHECK_TRY(out.add(e.name, it->second));
      replaced_.erase(it);
      continue;
    }
    auto data = zip.read(e);
    if (!data) return std::move(data).error();
    MIGCHECK_TRY(out.add(e.name, data.value().view()));
  }
  for (const auto& [name, data] : replaced_) MIGCHECK_TRY(out.add(name, data));  // parts new to this workbook (a rels part)
  for (const auto& [name, data] : added_) MIGCHECK_TRY(out.add(name, data));
  return out.finish();
}

}  // namespace

Result<std::string> annotate_xlsx(std::string_view bytes, const Report& report, std::size_t file_index,
                                  const Rulebook& rulebook, const Limits& limits) {
  if (file_index >= report.files.size() || report.files[file_index].format != "xlsx" ||
      report.files[file_index].read_error) {
    const std::string name = file_index < report.files.size() ? report.files[file_index].file : std::string();
    return make_error(ErrorCode::annotate_not_xlsx,
                      "Only an Excel workbook (.xlsx) that migcheck could read can be annotated; " + name +
                          " is not one. Its problems are in the report.",
                      {}, {{"file", name}});
  }
  return Annotator(bytes, report, report.files[file_index], rulebook, limits).run();
}

}  // namespace migcheck
