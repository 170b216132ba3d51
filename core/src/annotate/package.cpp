#include "annotate/package.hpp"

#include "annotate/xml_edits.hpp"
#include "io/xml_scanner.hpp"

namespace migcheck::annotate {
namespace {

constexpr std::string_view kRelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

bool parse_index(std::string_view s, long long& v) {
  if (s.empty() || s.size() > 9) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return true;
}

// Inserts `text` before the end tag of the root element (or fills a self-closing root).
std::string before_root_end(std::string_view xml, const std::string& text, std::string_view root_name) {
  const auto close = xml.rfind("</");
  if (close != std::string_view::npos && xml.find('>', close) != std::string_view::npos) {
    std::string out(xml.substr(0, close));
    return out + text + std::string(xml.substr(close));
  }
  const auto self = xml.rfind("/>");
  if (self != std::string_view::npos)
    return std::string(xml.substr(0, self)) + ">" + text + "</" + std::string(root_name) + ">" + std::string(xml.substr(self + 2));
  return std::string(xml) + text;
}

}  // namespace

Result<std::string> insert_first_sheet(std::string_view xml, const std::string& part, const std::string& name,
                                       const std::string& relationship_id, const Limits& limits) {
  io::XmlScanner x(xml, part, limits.max_xml_depth);
  XmlEdits edits;
  std::string prefix;
  long long max_sheet_id = 0;
  std::size_t sheets_open = 0, sheets_open_end = 0;
  bool sheets_self_closing = false, has_view = false;
  for (;;) {
    const auto t = x.next();
    if (t == io::XmlScanner::Token::error) return x.error();
    if (t == io::XmlScanner::Token::eof) break;
    if (t != io::XmlScanner::Token::start) continue;
    const std::size_t depth = x.element_depth();
    const auto local = x.local_name();
    if (depth == 1) prefix = prefix_of(x.name());
    if (depth == 2 && local == "sheets") {
      sheets_open = x.offset();
      sheets_open_end = x.end_offset();
      sheets_self_closing = x.self_closing();
    } else if (depth == 3 && local == "sheet") {
      long long v = 0;
      if (parse_index(x.attribute("sheetId"), v) && v > max_sheet_id) max_sheet_id = v;
    } else if (depth == 3 && local == "definedName") {
      // A name local to a sheet counts sheets by position: one more sheet comes first.
      if (const auto* a = x.find_attribute("localSheetId")) {
        long long v = 0;
        if (parse_index(a->raw_value, v))
          edits.replace(value_begin(xml, *a), value_begin(xml, *a) + a->raw_value.size(), std::to_string(v + 1));
      }
    } else if (depth == 3 && local == "workbookView") {
      // The sheet the user left open stays open (activeTab counts by position too);
      // the tab bar starts at the first tab, so that the problems sheet shows.
      has_view = true;
      if (const auto* a = x.find_attribute("activeTab")) {
        long long v = 0;
        const std::string next = parse_index(a->raw_value, v) ? std::to_string(v + 1) : "1";
        edits.replace(value_begin(xml, *a), value_begin(xml, *a) + a->raw_value.size(), next);
      } else {
        edits.insert(x.offset() + 1 + x.name().size(), " activeTab=\"1\"");
      }
      if (const auto* a = x.find_attribute("firstSheet"))
        edits.replace(value_begin(xml, *a), value_begin(xml, *a) + a->raw_value.size(), "0");
    }
  }
  if (!sheets_open_end)
    return make_error(ErrorCode::xlsx_no_sheets, "The workbook has no sheets.", {part, "", ""}, {{"part", part}});
  // The namespace is declared on the element itself: some writers (openpyxl) declare it on each <sheet>.
  std::string sheet = "<" + prefix + "sheet name=\"" + escaped(name) + "\" sheetId=\"" + std::to_string(max_sheet_id + 1) +
                      "\" xmlns:r=\"" + std::string(kRelationshipsNs) + "\" r:id=\"" + escaped(relationship_id) + "\"/>";
  // Without a view the first sheet opens, which is now the problems sheet: say the user's opens.
  if (!has_view)
    edits.insert(sheets_open, "<" + prefix + "bookViews><" + prefix + "workbookView activeTab=\"1\"/></" + prefix + "bookViews>");
  if (sheets_self_closing)
    edits.replace(sheets_open, sheets_open_end, "<" + prefix + "sheets>" + sheet + "</" + prefix + "sheets>");
  else
    edits.insert(sheets_open_end, sheet);
  return edits.apply(xml);
}

std::string free_relationship_id(std::string_view xml) {
  for (int n = 1;; ++n) {
    const std::string id = "rIdMigcheck" + std::to_string(n);
    if (xml.find("\"" + id + "\"") == std::string_view::npos && xml.find("'" + id + "'") == std::string_view::npos) return id;
  }
}

std::string add_relationship(std::string_view xml, const std::string& id, std::string_view type, const std::string& target) {
  const std::string element = "<Relationship Id=\"" + escaped(id) + "\" Type=\"" + std::string(type) + "\" Target=\"" +
                              escaped(target) + "\"/>";
  if (xml.empty())
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"" +
           std::string(kPackageRelationshipsNs) + "\">" + element + "</Relationships>";
  // Relationships parts use the default namespace (OPC); a prefixed one would need its prefix.
  const auto root = xml.find("Relationships");
  const auto lt = root == std::string_view::npos ? std::string_view::npos : xml.rfind('<', root);
  const std::string prefix = lt == std::string_view::npos ? "" : std::string(xml.substr(lt + 1, root - lt - 1));
  std::string prefixed = element;
  if (!prefix.empty() && prefix != "/") prefixed.insert(1, prefix);
  return before_root_end(xml, prefixed, prefix + "Relationships");
}

std::string add_content_type(std::string_view xml, const std::string& part_or_extension, std::string_view type,
                             bool is_default) {
  if (is_default) {
    // An extension already declared (any case) keeps its declaration.
    for (const char* quote : {"\"", "'"}) {
      const std::string lower = "Extension=" + std::string(quote) + part_or_extension + quote;
      std::string upper = lower;
      for (std::size_t i = 11; i < upper.size() - 1; ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
      if (xml.find(lower) != std::string_view::npos || xml.find(upper) != std::string_view::npos) return std::string(xml);
    }
    return before_root_end(xml, "<Default Extension=\"" + part_or_extension + "\" ContentType=\"" + std::string(type) + "\"/>",
                           "Types");
  }
  return before_root_end(xml, "<Override PartName=\"/" + escaped(part_or_extension) + "\" ContentType=\"" +
                                  std::string(type) + "\"/>",
                         "Types");
}

}  // namespace migcheck::annotate
