// Builds small zip archives in memory so tests can craft exact cases
// (lying sizes, odd methods, ZIP64) without binary fixtures.
#pragma once

#include <libdeflate.h>

#include <cstdint>
#include <string>
#include <vector>

namespace testing {

struct ZipItem {
  std::string name;
  std::string data;
  bool deflate = true;
  // Overrides for hostile archives.
  std::int64_t declared_size = -1;  // uncompressed size written in the headers
  std::uint16_t method = 0xFFFF;    // method written in the headers
  std::uint16_t flags = 0;
  bool zip64 = false;  // sizes in a ZIP64 extra field
};

inline void put16(std::string& s, std::uint32_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
inline void put64(std::string& s, std::uint64_t v) {
  put32(s, static_cast<std::uint32_t>(v));
  put32(s, static_cast<std::uint32_t>(v >> 32));
}

inline std::string build_zip(const std::vector<ZipItem>& items) {
  std::string out, central;
  for (const auto& item : items) {
    std::string payload = item.data;
    std::uint16_t method = 0;
    if (item.deflate) {
      auto* c = libdeflate_alloc_compressor(6);
      std::string buf(libdeflate_deflate_compress_bound(c, item.data.size()), '\0');
      const auto n = libdeflate_deflate_compress(c, item.data.data(), item.data.size(), buf.data(), buf.size());
      libdeflate_free_compressor(c);
      buf.resize(n);
      payload = buf;
      method = 8;
    }
    if (item.method != 0xFFFF) method = item.method;
    const auto crc = libdeflate_crc32(0, item.data.data(), item.data.size());
    const std::uint64_t usize = item.declared_size >= 0 ? static_cast<std::uint64_t>(item.declared_size) : item.data.size();
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    std::string extra;
    if (item.zip64) {
      put16(extra, 0x0001);
      put16(extra, 16);
      put64(extra, usize);
      put64(extra, payload.size());
    }
    const std::uint32_t usize32 = item.zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(usize);
    const std::uint32_t csize32 = item.zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(payload.size());
    // Local header.
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, item.flags);
    put16(out, method);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, crc);
    put32(out, csize32);
    put32(out, usize32);
    put16(out, static_cast<std::uint32_t>(item.name.size()));
    put16(out, static_cast<std::uint32_t>(extra.size()));
    out += item.name;
    out += extra;
    out += payload;
    // Central header.
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, item.flags);
    put16(central, method);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, csize32);
    put32(central, usize32);
    put16(central, static_cast<std::uint32_t>(item.name.size()));
    put16(central, static_cast<std::uint32_t>(extra.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += item.name;
    central += extra;
  }
  const std::uint32_t cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(items.size()));
  put16(out, static_cast<std::uint32_t>(items.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

// A minimal valid workbook around one sheet's <sheetData> content.
inline std::vector<ZipItem> workbook_items(const std::string& sheet_data,
                                           const std::string& shared_strings = "",
                                           const std::string& extra_sheet_xml = "",
                                           const std::string& styles = "") {
  std::vector<ZipItem> items;
  items.push_back({"[Content_Types].xml",
                   "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"});
  items.push_back({"_rels/.rels",
                   "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                   "</Relationships>"});
  items.push_back({"xl/workbook.xml",
                   "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                   "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"});
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  if (!shared_strings.empty())
    rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  if (!styles.empty())
    rels += "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
  rels += "</Relationships>";
  items.push_back({"xl/_rels/workbook.xml.rels", rels});
  items.push_back({"xl/worksheets/sheet1.xml",
                   "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                       extra_sheet_xml + "<sheetData>" + sheet_data + "</sheetData></worksheet>"});
  if (!shared_strings.empty())
    items.push_back({"xl/sharedStrings.xml",
                     "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                         shared_strings + "</sst>"});
  if (!styles.empty())
    items.push_back({"xl/styles.xml",
                     "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                         styles + "</styleSheet>"});
  return items;
}

}  // namespace testing
