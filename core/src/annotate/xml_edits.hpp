// Edits of an XML part by byte ranges: annotating a workbook changes a few
// attributes and inserts a few elements, and everything else must stay byte for
// byte as the user's program wrote it. Offsets come from io::XmlScanner.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/xml_scanner.hpp"

namespace migcheck::annotate {

class XmlEdits {
 public:
  void replace(std::size_t begin, std::size_t end, std::string text) { edits_.push_back({begin, end, std::move(text)}); }
  void insert(std::size_t at, std::string text) { replace(at, at, std::move(text)); }
  bool empty() const noexcept { return edits_.empty(); }
  // The document with every edit made; edits at one offset keep their order.
  std::string apply(std::string_view document) const;

 private:
  struct Edit {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<Edit> edits_;
};

// "x:" for a root element named "x:worksheet", "" for "worksheet": new elements
// take the prefix the part uses for its main namespace.
std::string prefix_of(std::string_view qualified_name);

// Where an attribute's value lies in the document (its raw, undecoded bytes).
inline std::size_t value_begin(std::string_view document, const io::XmlAttribute& a) {
  return static_cast<std::size_t>(a.raw_value.data() - document.data());
}

// Text for an attribute value or element content, escaped.
std::string escaped(std::string_view text);

}  // namespace migcheck::annotate
