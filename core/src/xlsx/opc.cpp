// Open Packaging Conventions: relationships and the workbook part.
#include <vector>

#include "util/text.hpp"
#include "xlsx/parts.hpp"

namespace migcheck::xlsx {

std::string relationships_part_of(std::string_view part) {
  const auto slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) + ".rels";
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::vector<std::string_view> segments;
  std::string_view path = target;
  if (!path.empty() && path[0] == '/') {
    path.remove_prefix(1);
  } else {
    // Relative to the source part's folder.
    std::string_view base = source_part;
    const auto slash = base.rfind('/');
    base = slash == std::string_view::npos ? std::string_view() : base.substr(0, slash);
    while (!base.empty()) {
      const auto s = base.find('/');
      segments.push_back(base.substr(0, s));
      if (s == std::string_view::npos) break;
      base.remove_prefix(s + 1);
    }
  }
  while (!path.empty()) {
    const auto s = path.find('/');
    const std::string_view seg = path.substr(0, s);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    if (s == std::string_view::npos) break;
    path.remove_prefix(s + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i) out.push_back('/');
    out.append(segments[i]);
  }
  return out;
}

Result<std::vector<Relationship>> read_relationships(std::string_view xml, std::string_view rels_part,
                                                     std::string_view source_part, const Limits& limits) {
  io::XmlScanner scanner(xml, std::string(rels_part), limits.max_xml_depth);
  std::vector<Relationship> rels;
  std::string scratch;
  for (;;) {
    const auto t = scanner.next();
    if (t == io::XmlScanner::Token::error) return scanner.error();
    if (t == io::XmlScanner::Token::eof) break;
    if (t != io::XmlScanner::Token::start || scanner.local_name() != "Relationship") continue;
    Relationship r;
    for (const auto& a : scanner.attributes()) {
      auto value = scanner.decoded(a, scratch);
      if (!value) return std::move(value).error();
      const auto name = a.local_name();
      if (name == "Id") r.id = std::string(value.value());
      else if (name == "Type") r.type = std::string(value.value());
      else if (name == "Target") r.target = std::string(value.value());
      else if (name == "TargetMode") r.external = value.value() == "External";
    }
    if (!r.external) r.target = resolve_target(source_part, r.target);
    rels.push_back(std::move(r));
  }
  return rels;
}

Result<WorkbookPart> read_workbook_part(std::string_view xml, std::string_view part, const Limits& limits) {
  io::XmlScanner scanner(xml, std::string(part), limits.max_xml_depth);
  WorkbookPart wb;
  std::string scratch;
  for (;;) {
    const auto t = scanner.next();
    if (t == io::XmlScanner::Token::error) return scanner.error();
    if (t == io::XmlScanner::Token::eof) break;
    if (t != io::XmlScanner::Token::start) continue;
    const auto name = scanner.local_name();
    // Only the workbook's own <workbookPr> (depth 2): recent Excel adds an
    // <x15:workbookPr> in the extension list, which says nothing of the epoch.
    if (name == "workbookPr" && scanner.element_depth() == 2) {
      const auto v = scanner.attribute("date1904");
      wb.date1904 = v == "1" || v == "true";
    } else if (name == "sheet") {
      SheetEntry entry;
      for (const auto& a : scanner.attributes()) {
        auto value = scanner.decoded(a, scratch);
        if (!value) return std::move(value).error();
        const auto local = a.local_name();
        if (local == "name") entry.name = std::string(value.value());
        else if (local == "id") entry.relationship_id = std::string(value.value());
        else if (local == "state")
          entry.state = value.value() == "hidden"       ? SheetState::hidden
                        : value.value() == "veryHidden" ? SheetState::very_hidden
                                                        : SheetState::visible;
      }
      wb.sheets.push_back(std::move(entry));
    }
  }
  return wb;
}

}  // namespace migcheck::xlsx
