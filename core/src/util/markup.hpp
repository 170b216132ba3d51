// Escaping text for XML and HTML outputs (JUnit, HTML report): one function,
// code point by code point, so that every character either output cannot hold
// (C0 controls but tab and line breaks, U+FFFE, U+FFFF, DEL in HTML, an
// invalid byte) is U+FFFD and the document stays well-formed.
#pragma once

#include <string>
#include <string_view>

namespace migcheck::util {

enum class Markup { xml, html };

// Appends s with &, <, >, " and ' escaped (' as &apos; in XML, &#39; in HTML).
// In HTML, bidi overrides and isolates are written visibly ("[U+202E]"); in both,
// what XML 1.0 forbids becomes U+FFFD.
void append_escaped(std::string& out, std::string_view s, Markup markup);

}  // namespace migcheck::util
