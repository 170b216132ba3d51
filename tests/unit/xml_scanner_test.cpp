#include <catch2/catch.hpp>

#include "io/xml_scanner.hpp"

using migcheck::ErrorCode;
using migcheck::io::XmlScanner;
using Token = XmlScanner::Token;

namespace {
// Runs the scanner to the end; returns the error code (ok when well-formed).
ErrorCode scan_all(std::string_view xml, std::uint32_t depth = 256) {
  XmlScanner s(xml, "part.xml", depth);
  for (;;) {
    const auto t = s.next();
    if (t == Token::eof) return ErrorCode::ok;
    if (t == Token::error) return s.error().code;
  }
}
}  // namespace

TEST_CASE("xml: tokens, attributes, prefixes", "[xml]") {
  XmlScanner s("<?xml version=\"1.0\"?><x:a xmlns:x=\"u\" k='v&amp;w'><!-- c --><b/>t<c>z</c></x:a>", "p", 256);
  REQUIRE(s.next() == Token::start);
  CHECK(s.name() == "x:a");
  CHECK(s.local_name() == "a");
  CHECK(s.attribute("k") == "v&amp;w");
  std::string scratch;
  CHECK(s.decoded(*s.find_attribute("k"), scratch).value() == "v&w");
  REQUIRE(s.next() == Token::start);
  CHECK(s.name() == "b");
  CHECK(s.self_closing());
  REQUIRE(s.next() == Token::text);
  CHECK(s.text_raw() == "t");
  REQUIRE(s.next() == Token::start);
  auto text = s.element_text(scratch);
  REQUIRE(text.ok());
  CHECK(text.value() == "z");
  CHECK(s.next() == Token::end);
  CHECK(s.next() == Token::eof);
}

TEST_CASE("xml: entities, character references and CDATA are decoded", "[xml]") {
  XmlScanner s("<t>a&lt;b&gt;&quot;&apos;&#233;&#x1F600;<![CDATA[<raw>&amp;]]></t>", "p", 256);
  REQUIRE(s.next() == Token::start);
  std::string scratch;
  auto text = s.element_text(scratch);
  REQUIRE(text.ok());
  CHECK(text.value() == "a<b>\"'\xC3\xA9\xF0\x9F\x98\x80<raw>&amp;");
}

TEST_CASE("xml: hostile and malformed input", "[xml][limits]") {
  CHECK(scan_all("<a><b/></a>") == ErrorCode::ok);
  CHECK(scan_all("<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><a>&lol;</a>") == ErrorCode::xml_doctype);
  CHECK(scan_all("<a><b></a>") == ErrorCode::xml_malformed);
  CHECK(scan_all("<a>") == ErrorCode::xml_malformed);
  CHECK(scan_all("<a b=\"1></a>") == ErrorCode::xml_malformed);
  CHECK(scan_all("<a b=1/>") == ErrorCode::xml_malformed);
  CHECK(scan_all("") == ErrorCode::xml_malformed);
  CHECK(scan_all("<a/><b/>") == ErrorCode::xml_malformed);
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<d>";
  for (int i = 0; i < 300; ++i) deep += "</d>";
  CHECK(scan_all(deep) == ErrorCode::xml_too_deep);
  CHECK(scan_all(deep, 300) == ErrorCode::ok);
}

TEST_CASE("xml: bad entities are errors with a line", "[xml]") {
  XmlScanner s("<a>\n\n<t>x &foo; y</t></a>", "xl/sharedStrings.xml", 256);
  REQUIRE(s.next() == Token::start);
  REQUIRE(s.next() == Token::text);
  REQUIRE(s.next() == Token::start);
  std::string scratch;
  auto text = s.element_text(scratch);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().code == ErrorCode::xml_bad_entity);
  CHECK(text.error().where.line == 3);
  CHECK(text.error().message ==
        "Unknown entity &foo; (only &lt; &gt; &amp; &quot; &apos; and character references are allowed) "
        "(in xl/sharedStrings.xml, line 3)");
  XmlScanner s2("<t>&#0;</t>", "p", 256);
  REQUIRE(s2.next() == Token::start);
  CHECK(s2.element_text(scratch).error().code == ErrorCode::xml_bad_entity);
}

TEST_CASE("xml: the scanner survives every prefix of a document", "[xml]") {
  const std::string doc = "<?xml version=\"1.0\"?><r a=\"1\"><![CDATA[x]]><!--c--><c t=\"s\"><v>1&amp;2</v></c></r>";
  for (std::size_t n = 0; n <= doc.size(); ++n) {
    const auto code = scan_all(std::string_view(doc).substr(0, n));
    CHECK((n == doc.size() ? code == ErrorCode::ok : code != ErrorCode::ok));
  }
}

TEST_CASE("xml: text outside the root element is malformed; a byte order mark is not text", "[xml][differential]") {
  auto scan_all = [](std::string_view doc) {
    migcheck::io::XmlScanner x(doc, "p.xml", 64);
    for (;;) {
      const auto t = x.next();
      if (t == migcheck::io::XmlScanner::Token::error) return std::string(x.error().variant);
      if (t == migcheck::io::XmlScanner::Token::eof) return std::string("ok");
    }
  };
  CHECK(scan_all("foo<worksheet/>") == "text_outside_root");
  CHECK(scan_all("<worksheet/>bar") == "text_outside_root");
  CHECK(scan_all("\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<worksheet/>\n") == "ok");
  CHECK(scan_all("  <worksheet> a </worksheet>  ") == "ok");
}
