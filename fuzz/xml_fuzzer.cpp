// libFuzzer target: any bytes as an XML part: the pull scanner walks to the
// end or stops at one error, never reading past the input or recursing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/xml_scanner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  migcheck::io::XmlScanner xml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml", 256);
  for (std::size_t tokens = 0; tokens < (1u << 22); ++tokens) {
    const auto t = xml.next();
    if (t == migcheck::io::XmlScanner::Token::eof || t == migcheck::io::XmlScanner::Token::error) break;
    std::string scratch;
    if (t == migcheck::io::XmlScanner::Token::start)
      for (const auto& a : xml.attributes()) (void)xml.decoded(a, scratch);
    if (t == migcheck::io::XmlScanner::Token::text) (void)xml.decode_append(xml.text_raw(), scratch);
  }
  return 0;
}
