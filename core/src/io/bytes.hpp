// Little-endian reads and an owned-or-borrowed byte buffer.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace migcheck::io {

inline std::uint16_t le16(const char* p) noexcept {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>(u[0] | (u[1] << 8));
}
inline std::uint32_t le32(const char* p) noexcept {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint32_t>(u[0]) | (static_cast<std::uint32_t>(u[1]) << 8) |
         (static_cast<std::uint32_t>(u[2]) << 16) | (static_cast<std::uint32_t>(u[3]) << 24);
}
inline std::uint64_t le64(const char* p) noexcept {
  return static_cast<std::uint64_t>(le32(p)) | (static_cast<std::uint64_t>(le32(p + 4)) << 32);
}

// An uninitialised buffer for a large inflated part. On Linux, buffers of
// several MiB ask for transparent huge pages: first-touch page faults were a
// quarter of the read time of a 50 MB sheet on a virtual machine.
struct LargeBufferDeleter {
  std::size_t size = 0;
  void operator()(char* p) const noexcept;
};
using LargeBuffer = std::unique_ptr<char[], LargeBufferDeleter>;
LargeBuffer allocate_large(std::size_t size);

// A part's bytes: inflated into an owned buffer, or borrowed from the input
// when stored uncompressed (no copy).
class PartBytes {
 public:
  PartBytes() = default;
  static PartBytes borrowed(std::string_view v) {
    PartBytes b;
    b.view_ = v;
    return b;
  }
  static PartBytes owned(LargeBuffer data, std::size_t size) {
    PartBytes b;
    b.owned_ = std::move(data);
    b.view_ = std::string_view(b.owned_.get(), size);
    return b;
  }
  std::string_view view() const noexcept { return view_; }

 private:
  LargeBuffer owned_;
  std::string_view view_;
};

}  // namespace migcheck::io
