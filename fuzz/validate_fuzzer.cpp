// libFuzzer target: any bytes, as XLSX or CSV, through the whole pipeline
// (read, recognise, every rule of the bundled rulebook, the JSON report):
// findings or an error finding, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migcheck/migcheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto load = migcheck::load_rulebook(migcheck::bundled_rulebook_json());
  if (!load.ok()) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  migcheck::ValidationOptions options;
  options.limits.max_total_bytes = 64u << 20;
  options.limits.max_entry_bytes = 64u << 20;
  for (const char* name : {"ken-2024.xlsx", "ken-2024-pop_ctz.csv"}) {
    const auto report = migcheck::validate({{name, bytes}}, *load.rulebook, options);
    (void)migcheck::report_json(report);
  }
  return 0;
}
