#include "util/markup.hpp"

#include "util/utf8.hpp"

namespace migcheck::util {

void append_escaped(std::string& out, std::string_view s, Markup markup) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const std::uint32_t cp = next_code_point(s, i);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += markup == Markup::xml ? "&apos;" : "&#39;"; break;
      default:
        if (!is_xml_char(cp) || (markup == Markup::html && cp == 0x7F)) append_utf8(out, kReplacementCharacter);
        else out.append(s.data() + start, i - start);
    }
  }
}

}  // namespace migcheck::util
