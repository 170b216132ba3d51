// libFuzzer target: any bytes as a CSV file (encodings, delimiters, quotes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migcheck/migcheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto read = migcheck::read_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  if (read.ok()) (void)migcheck::dump_json(read.value());
  return 0;
}
