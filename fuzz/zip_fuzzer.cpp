// libFuzzer target: any bytes as a zip archive: open (central directory,
// every limit) and inflate every entry; an error or the parts, never a
// crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  migcheck::Limits limits;
  limits.max_total_bytes = 64u << 20;
  limits.max_entry_bytes = 64u << 20;
  auto archive = migcheck::io::ZipArchive::open(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!archive) return 0;
  for (const auto& entry : archive.value().entries()) (void)archive.value().read(entry);
  return 0;
}
