#include "xlsx/parts.hpp"

#include <cstdlib>
#include <unordered_map>

namespace migcheck::xlsx {

using Token = io::XmlScanner::Token;

bool is_builtin_date_format(unsigned id) noexcept {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
}

bool is_date_format_code(std::string_view code) noexcept {
  // Only the first section (positive numbers) decides.
  bool in_quote = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
      continue;
    }
    switch (c) {
      case '"': in_quote = true; break;
      case '\\':
      case '_':
      case '*': ++i; break;  // the next character is literal or padding
      case ';': return false;
      case '[': {
        // [Red], [$-409], [>=100] are not date parts; [h], [mm], [ss] are durations.
        const auto close = code.find(']', i);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
      case 'h': case 'H': case 's': case 'S':
        return true;
      default: break;
    }
  }
  return false;
}

Result<std::vector<bool>> read_date_styles(std::string_view xml, std::string_view part, const Limits& limits) {
  io::XmlScanner scanner(xml, std::string(part), limits.max_xml_depth);
  std::unordered_map<unsigned, bool> custom;  // numFmtId -> is a date
  std::vector<bool> xf_is_date;
  std::string scratch;
  bool in_cell_xfs = false;
  for (;;) {
    const auto t = scanner.next();
    if (t == Token::error) return scanner.error();
    if (t == Token::eof) break;
    const auto name = scanner.local_name();
    if (t == Token::end) {
      if (name == "cellXfs") in_cell_xfs = false;
      continue;
    }
    if (t != Token::start) continue;
    if (name == "numFmt") {
      const io::XmlAttribute* id = scanner.find_attribute("numFmtId");
      const io::XmlAttribute* code = scanner.find_attribute("formatCode");
      if (!id || !code) continue;
      auto decoded = scanner.decoded(*code, scratch);
      if (!decoded) return std::move(decoded).error();
      custom[static_cast<unsigned>(std::strtoul(std::string(id->raw_value).c_str(), nullptr, 10))] =
          is_date_format_code(decoded.value());
    } else if (name == "cellXfs") {
      in_cell_xfs = !scanner.self_closing();
    } else if (name == "xf" && in_cell_xfs) {
      const auto id = static_cast<unsigned>(
          std::strtoul(std::string(scanner.attribute("numFmtId")).c_str(), nullptr, 10));
      const auto it = custom.find(id);
      xf_is_date.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
    }
  }
  return xf_is_date;
}

}  // namespace migcheck::xlsx
