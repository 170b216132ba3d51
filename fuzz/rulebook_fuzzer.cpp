// libFuzzer target: any bytes as a rulebook must load or give problems with
// their JSON paths, never a crash (schema validation, cross-references,
// expressions).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "migcheck/rulebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto load = migcheck::load_rulebook(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!load.ok() && load.problems.empty()) std::abort();  // refused without saying why
  return 0;
}
