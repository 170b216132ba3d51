// A zip reader for untrusted input: the central directory is authoritative,
// every size and offset is bounds-checked, and every limit of Limits is
// enforced before anything is inflated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/bytes.hpp"
#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::io {

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  // 0 stored, 8 deflate
  std::uint16_t flags = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;
};

class ZipArchive {
 public:
  // Errors: zip_truncated, zip_malformed, zip_multi_disk, zip_too_many_entries,
  // zip_entry_too_large, zip_total_too_large, zip_ratio_exceeded,
  // zip_duplicate_entry, zip_unsupported_method, file_encrypted.
  static Result<ZipArchive> open(std::string_view bytes, const Limits& limits);

  const std::vector<ZipEntry>& entries() const noexcept { return entries_; }
  // Exact match first, then ASCII case-insensitive (OPC part names are).
  const ZipEntry* find(std::string_view name) const noexcept;

  // Errors: zip_truncated, zip_malformed, zip_size_mismatch, zip_crc_mismatch,
  // zip_inflate_failed.
  Result<PartBytes> read(const ZipEntry& entry) const;

 private:
  std::string_view bytes_;
  std::vector<ZipEntry> entries_;
};

}  // namespace migcheck::io
