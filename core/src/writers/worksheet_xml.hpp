// The parts of an XLSX writer that write a worksheet and its text: XML text
// and attribute escaping, shared strings, one worksheet's XML. Internal to
// the writers layer (xlsx_writer.cpp assembles the package).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migcheck/error.hpp"
#include "writers/xlsx_writer.hpp"

namespace migcheck::xlsx {

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Element text (ST_Xstring), escaped; see worksheet_xml.cpp.
void append_text(std::string& out, std::string_view s);
// An attribute value, escaped.
void append_attribute(std::string& out, std::string_view s);
// Length in UTF-16 code units, as Excel counts a sheet name's.
std::size_t utf16_length(std::string_view s);
// Whether text needs xml:space="preserve" (leading or trailing whitespace).
bool needs_preserve(std::string_view s);
// "$B$7".
std::string absolute_ref(std::uint32_t row, std::uint32_t column);
// A workbook the writer refuses (a bad reference, a bad sheet name).
Diagnostic bad(std::string message, std::string sheet = {}, std::string cell = {});

// Shared strings in order of first use.
class StringTable {
 public:
  std::uint32_t index(const std::string& s) {
    ++references_;
    auto [it, inserted] = index_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
    if (inserted) strings_.push_back(&it->first);
    return it->second;
  }
  std::string xml() const {
    std::string out(kDeclaration);
    out += "<sst xmlns=\"";
    out += kMainNs;
    out += "\" count=\"" + std::to_string(references_) + "\" uniqueCount=\"" + std::to_string(strings_.size()) + "\">";
    for (const std::string* s : strings_) {
      out += needs_preserve(*s) ? "<si><t xml:space=\"preserve\">" : "<si><t>";
      append_text(out, *s);
      out += "</t></si>";
    }
    out += "</sst>";
    return out;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<const std::string*> strings_;
  std::uint64_t references_ = 0;
};

// One worksheet's XML; its text goes to `strings`.
Result<std::string> worksheet_xml(const SheetSpec& sheet, bool selected, StringTable& strings);

}  // namespace migcheck::xlsx
