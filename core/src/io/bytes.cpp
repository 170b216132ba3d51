#include "io/bytes.hpp"

#include <cstdlib>
#include <new>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#define MIGCHECK_HUGE_PAGES 1
#endif

namespace migcheck::io {
namespace {
constexpr std::size_t kHugePage = 2u << 20;
constexpr std::size_t kHugeThreshold = 4u << 20;
}  // namespace

LargeBuffer allocate_large(std::size_t size) {
  if (size == 0) size = 1;
#ifdef MIGCHECK_HUGE_PAGES
  if (size >= kHugeThreshold) {
    const std::size_t rounded = (size + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p) {
      madvise(p, rounded, MADV_HUGEPAGE);  // advisory: failure only costs speed
      return LargeBuffer(static_cast<char*>(p), LargeBufferDeleter{rounded});
    }
  }
#endif
  return LargeBuffer(static_cast<char*>(std::malloc(size)), LargeBufferDeleter{size});
}

void LargeBufferDeleter::operator()(char* p) const noexcept { std::free(p); }

}  // namespace migcheck::io
