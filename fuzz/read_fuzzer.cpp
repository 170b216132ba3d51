// libFuzzer target: any bytes, as XLSX or CSV, must give a workbook or one
// error, never a crash, hang or sanitizer report. The dump is exercised too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migcheck/migcheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  migcheck::ReadOptions options;
  options.limits.max_total_bytes = 64u << 20;  // keep each run small and fast
  options.limits.max_entry_bytes = 64u << 20;
  for (const char* name : {"fuzz.xlsx", "fuzz.csv"}) {
    auto read = migcheck::read_workbook(bytes, name, options);
    if (read.ok()) (void)migcheck::dump_json(read.value());
    else (void)migcheck::dump_error_json(name, read.error());
  }
  return 0;
}
