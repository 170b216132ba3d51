// libFuzzer target: any bytes as an XLSX workbook (package, shared strings,
// styles, worksheets, merges, dates).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migcheck/migcheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  migcheck::ReadOptions options;
  options.limits.max_total_bytes = 64u << 20;
  options.limits.max_entry_bytes = 64u << 20;
  auto read = migcheck::read_xlsx(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", options);
  if (read.ok()) (void)migcheck::dump_json(read.value());
  return 0;
}
