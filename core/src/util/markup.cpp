#include "util/markup.hpp"

#include <cstdio>

#include "util/utf8.hpp"

namespace migcheck::util {
namespace {
// Embeddings and overrides (U+202A..U+202E) and isolates (U+2066..U+2069). The marks
// LRM, RLM and ALM only steer neutral characters, and Arabic text needs them.
bool is_bidi_override(std::uint32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
}  // namespace

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
        if (markup == Markup::html && is_bidi_override(cp)) {
          // An override or isolate would reorder the text around it ("txt.exe" shown as
          // "exe.txt"): it is shown as what it is instead.
          char name[16];
          std::snprintf(name, sizeof name, "[U+%04X]", static_cast<unsigned>(cp));
          out += name;
        } else if (!is_xml_char(cp) || (markup == Markup::html && cp == 0x7F)) append_utf8(out, kReplacementCharacter);
        else out.append(s.data() + start, i - start);
    }
  }
}

}  // namespace migcheck::util
