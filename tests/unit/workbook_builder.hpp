// A small XLSX built in memory for tests: sheets of rows of inline strings and numbers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "migcheck/workbook.hpp"
#include "zip_builder.hpp"

// A workbook of long sheets given as rows of inline strings and numbers.
inline std::string xml_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

inline std::string workbook(const std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>>& sheets) {
  using testing::ZipItem;
  std::vector<ZipItem> items;
  items.push_back({"_rels/.rels",
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" "
                   "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"});
  std::string list, rels;
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const std::string n = std::to_string(s + 1);
    list += "<sheet name=\"" + xml_escaped(sheets[s].first) + "\" sheetId=\"" + n + "\" r:id=\"r" + n + "\"/>";
    rels += "<Relationship Id=\"r" + n + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"s" + n + ".xml\"/>";
    std::string data;
    for (std::size_t r = 0; r < sheets[s].second.size(); ++r) {
      data += "<row r=\"" + std::to_string(r + 1) + "\">";
      for (std::size_t c = 0; c < sheets[s].second[r].size(); ++c) {
        const std::string& v = sheets[s].second[r][c];
        const std::string ref = migcheck::a1(static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c));
        const bool number = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
        data += number ? "<c r=\"" + ref + "\"><v>" + v + "</v></c>"
                       : "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + xml_escaped(v) + "</t></is></c>";
      }
      data += "</row>";
    }
    items.push_back({"xl/s" + n + ".xml", "<worksheet><sheetData>" + data + "</sheetData></worksheet>"});
  }
  items.push_back({"xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" + list + "</sheets></workbook>"});
  items.push_back({"xl/_rels/workbook.xml.rels", "<Relationships>" + rels + "</Relationships>"});
  return testing::build_zip(items);
}
