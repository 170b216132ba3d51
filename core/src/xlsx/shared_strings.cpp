#include <algorithm>

#include "util/text.hpp"
#include "xlsx/parts.hpp"

namespace migcheck::xlsx {

using Token = io::XmlScanner::Token;

Status append_rich_text(io::XmlScanner& xml, std::string& out, std::string& scratch) {
  if (xml.self_closing()) return ok_status();
  const std::size_t base = xml.depth() - 1;
  for (;;) {
    const auto t = xml.next();
    if (t == Token::error || t == Token::eof) return xml.error();
    if (t == Token::end) {
      if (xml.depth() == base) return ok_status();
      continue;
    }
    if (t != Token::start) continue;
    const auto name = xml.local_name();
    if (name == "rPh" || name == "phoneticPr") {
      MIGCHECK_TRY(xml.skip_element());
    } else if (name == "t") {
      auto text = xml.element_text(scratch);
      if (!text) return std::move(text).error();
      if (util::has_ooxml_escape(text.value())) util::append_unescaped_ooxml(out, text.value());
      else out.append(text.value());
    }
  }
}

Result<std::vector<TextRef>> read_shared_strings(std::string_view xml, std::string_view part,
                                                 Workbook& workbook, const Limits& limits) {
  io::XmlScanner scanner(xml, std::string(part), limits.max_xml_depth);
  std::vector<TextRef> table;
  // Bounded by the part's size, never by its declared count: each <si/> takes 5 bytes.
  table.reserve(std::min<std::size_t>(xml.size() / 16, 1u << 20));
  std::string text, scratch;
  for (;;) {
    const auto t = scanner.next();
    if (t == Token::error) return scanner.error();
    if (t == Token::eof) break;
    if (t != Token::start || scanner.local_name() != "si") continue;
    const auto at = scanner.offset();
    text.clear();
    MIGCHECK_TRY(append_rich_text(scanner, text, scratch));
    if (util::longer_than(text, limits.max_cell_text)) {
      const std::string index = std::to_string(table.size()), length = std::to_string(util::utf8_length(text)),
                        limit = std::to_string(limits.max_cell_text);
      return scanner.error_at(ErrorCode::xlsx_text_too_long,
                              "Shared string " + index + " has " + length + " characters; a cell holds at most " + limit,
                              at, "shared_string", {{"limit", limit}, {"value", length}, {"index", index}});
    }
    table.push_back(workbook.add_text(text));
  }
  return table;
}

}  // namespace migcheck::xlsx
