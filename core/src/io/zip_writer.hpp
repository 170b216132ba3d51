// A small zip writer for the files migcheck produces (XLSX templates): whole
// entries in memory, deflated with libdeflate (stored when deflate does not
// help), CRC-32 from libdeflate, and a fixed DOS timestamp (1980-01-01
// 00:00), so the same entries always give the same bytes. No ZIP64: an
// archive that would reach 4 GiB is refused with an error, never written
// wrong.
//
//   io::ZipWriter zip;
//   MIGCHECK_TRY(zip.add("[Content_Types].xml", xml));
//   auto bytes = zip.finish();   // Result<std::string>
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/error.hpp"

struct libdeflate_compressor;  // libdeflate.h

namespace migcheck::io {

// Sizes and offsets are 32-bit without ZIP64, and 0xFFFFFFFF means "see the
// ZIP64 record": everything must stay below it.
inline constexpr std::uint64_t kZipWriterMaxBytes = 0xFFFFFFFEu;
inline constexpr std::size_t kZipWriterMaxEntries = 0xFFFFu;
inline constexpr int kZipWriterDefaultLevel = 6;  // libdeflate's levels are 0 (store) to 12

struct ZipWriterLimits {
  std::uint64_t max_archive_bytes = kZipWriterMaxBytes;  // the whole archive, directory included
  std::uint64_t max_entry_bytes = kZipWriterMaxBytes;    // one entry, uncompressed
  std::size_t max_entries = kZipWriterMaxEntries;
};

class ZipWriter {
 public:
  explicit ZipWriter(int compression_level = kZipWriterDefaultLevel, ZipWriterLimits limits = {});
  ~ZipWriter();
  ZipWriter(ZipWriter&&) noexcept;
  ZipWriter& operator=(ZipWriter&&) noexcept;
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Appends one entry (its name as a zip path: "xl/workbook.xml", UTF-8).
  // Errors: zip_malformed (an empty or too long name, or one starting with
  // '/'), zip_duplicate_entry, zip_too_many_entries, zip_entry_too_large,
  // zip_total_too_large. After an error the writer is unchanged.
  Status add(std::string_view name, std::string_view data);

  // The archive: entries in the order added, then the central directory.
  // The writer is empty afterwards. Errors: zip_total_too_large.
  Result<std::string> finish();

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::string name;
    std::uint16_t method = 0;
    std::uint32_t crc32 = 0;
    std::uint32_t compressed_size = 0;
    std::uint32_t uncompressed_size = 0;
    std::uint32_t offset = 0;
  };
  struct CompressorDeleter {
    void operator()(::libdeflate_compressor* c) const noexcept;
  };

  int level_;
  ZipWriterLimits limits_;
  std::unique_ptr<::libdeflate_compressor, CompressorDeleter> compressor_;
  std::string out_;  // local headers and data so far
  std::vector<Entry> entries_;
};

}  // namespace migcheck::io
