#include "io/zip.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <memory>
#include <string>

#include "util/text.hpp"

namespace migcheck::io {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfCentralDirectory = 0x06064b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEocdSize = 22;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;

using Params = std::vector<std::pair<std::string, std::string>>;

// Errors about one entry carry its name as params.part (first), for the
// message catalogue.
Diagnostic zip_error(ErrorCode code, std::string message, std::string part = {},
                     std::uint64_t offset = 0, Params params = {}, std::string_view variant = {}) {
  Location where;
  where.part = std::move(part);
  where.offset = offset;
  if (!where.part.empty()) params.insert(params.begin(), {"part", where.part});
  return make_error(code, std::move(message), std::move(where), std::move(params), variant);
}

std::string mib_number(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)); }

std::string mib(std::uint64_t bytes) { return mib_number(bytes) + " MiB"; }

struct DirectoryLocation {
  std::uint64_t entry_count = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

Result<DirectoryLocation> locate_directory(std::string_view bytes) {
  if (bytes.size() < kEocdSize)
    return zip_error(ErrorCode::zip_truncated,
                     "The zip archive is truncated: its end-of-central-directory record is missing.", {}, 0,
                     {}, "too_short");
  // The record sits in the last 22 bytes plus at most a 65,535-byte comment.
  std::size_t lowest = bytes.size() > kEocdSize + 65535 ? bytes.size() - kEocdSize - 65535 : 0;
  std::size_t pos = bytes.size() - kEocdSize;
  for (;;) {
    if (le32(bytes.data() + pos) == kEndOfCentralDirectory &&
        pos + kEocdSize + le16(bytes.data() + pos + 20) <= bytes.size())
      break;
    if (pos == lowest)
      return zip_error(ErrorCode::zip_truncated,
                       "The file is not a complete zip archive (no end-of-central-directory "
                       "record): it was probably cut short while copying or downloading.");
    --pos;
  }
  const char* e = bytes.data() + pos;
  const std::uint16_t this_disk = le16(e + 4), directory_disk = le16(e + 6);
  const std::uint16_t entries_here = le16(e + 8);
  DirectoryLocation loc;
  loc.entry_count = le16(e + 10);
  loc.size = le32(e + 12);
  loc.offset = le32(e + 16);
  if (this_disk != 0 || directory_disk != 0 || entries_here != loc.entry_count)
    return zip_error(ErrorCode::zip_multi_disk,
                     "The zip archive is split across several disks or files; save the "
                     "workbook again as a single .xlsx file.",
                     {}, pos);

  const bool needs_zip64 = loc.entry_count == 0xFFFF || loc.size == 0xFFFFFFFF ||
                           loc.offset == 0xFFFFFFFF;
  if (pos >= 20 && le32(bytes.data() + pos - 20) == kZip64Locator) {
    const char* l = bytes.data() + pos - 20;
    const std::uint64_t record = le64(l + 8);
    if (le32(l + 16) > 1 || le32(l + 4) != 0)
      return zip_error(ErrorCode::zip_multi_disk, "The zip archive is split across several disks.", {}, 0, {},
                       "disks");
    if (record > bytes.size() || bytes.size() - record < 56 ||
        le32(bytes.data() + record) != kZip64EndOfCentralDirectory)
      return zip_error(ErrorCode::zip_malformed, "The ZIP64 end-of-central-directory record is missing or damaged.", {},
                       record, {}, "zip64_record");
    const char* z = bytes.data() + record;
    if (le32(z + 16) != 0 || le32(z + 20) != 0)
      return zip_error(ErrorCode::zip_multi_disk, "The zip archive is split across several disks.", {}, 0, {},
                       "disks");
    loc.entry_count = le64(z + 32);
    loc.size = le64(z + 40);
    loc.offset = le64(z + 48);
  } else if (needs_zip64) {
    return zip_error(ErrorCode::zip_malformed,
                     "The zip archive needs a ZIP64 record that is missing.", {}, pos, {}, "zip64_missing");
  }
  if (loc.offset > bytes.size() || loc.size > bytes.size() - loc.offset)
    return zip_error(ErrorCode::zip_truncated,
                     "The zip archive is truncated: its central directory lies beyond the end "
                     "of the file.",
                     {}, loc.offset, {}, "directory_beyond_end");
  return loc;
}

// Reads the ZIP64 extended-information extra field for the values whose
// 32-bit fields are saturated.
Status read_zip64_extra(std::string_view extra, ZipEntry& entry, bool need_usize,
                        bool need_csize, bool need_offset) {
  std::size_t p = 0;
  while (p + 4 <= extra.size()) {
    const std::uint16_t id = le16(extra.data() + p);
    const std::uint16_t len = le16(extra.data() + p + 2);
    if (p + 4 + len > extra.size()) break;
    if (id == 0x0001) {
      std::size_t q = p + 4;
      const std::size_t end = q + len;
      auto take = [&](std::uint64_t& field) -> bool {
        if (q + 8 > end) return false;
        field = le64(extra.data() + q);
        q += 8;
        return true;
      };
      if ((need_usize && !take(entry.uncompressed_size)) ||
          (need_csize && !take(entry.compressed_size)) ||
          (need_offset && !take(entry.local_header_offset)))
        break;
      return ok_status();
    }
    p += 4 + len;
  }
  if (need_usize || need_csize || need_offset)
    return zip_error(ErrorCode::zip_malformed,
                     "The ZIP64 sizes of entry \"" + entry.name + "\" are missing.", entry.name, 0, {},
                     "zip64_sizes");
  return ok_status();
}

// Case-insensitive, with '\\' read as '/'.
bool same_part_name(std::string_view stored, std::string_view wanted) noexcept {
  if (stored.size() != wanted.size()) return false;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const char a = stored[i] == '\\' ? '/' : stored[i];
    if (!util::iequals(std::string_view(&a, 1), wanted.substr(i, 1))) return false;
  }
  return true;
}

}  // namespace

Result<ZipArchive> ZipArchive::open(std::string_view bytes, const Limits& limits) {
  auto located = locate_directory(bytes);
  if (!located) return std::move(located).error();
  const DirectoryLocation loc = located.value();

  if (loc.entry_count > limits.max_zip_entries)
    return zip_error(ErrorCode::zip_too_many_entries,
                     "The zip archive declares " + std::to_string(loc.entry_count) +
                         " entries; at most " + std::to_string(limits.max_zip_entries) +
                         " are allowed.",
                     {}, loc.offset,
                     {{"limit", std::to_string(limits.max_zip_entries)},
                      {"value", std::to_string(loc.entry_count)}});
  // Each entry takes at least 46 bytes, so a lying count cannot make us reserve much.
  if (loc.entry_count > loc.size / kCentralHeaderSize)
    return zip_error(ErrorCode::zip_malformed,
                     "The zip central directory is too small for the entries it declares.", {},
                     loc.offset, {}, "directory_too_small");

  ZipArchive archive;
  archive.bytes_ = bytes;
  archive.entries_.reserve(static_cast<std::size_t>(loc.entry_count));
  std::uint64_t total = 0;
  std::uint64_t p = loc.offset;
  const std::uint64_t end = loc.offset + loc.size;
  for (std::uint64_t i = 0; i < loc.entry_count; ++i) {
    if (end - p < kCentralHeaderSize || le32(bytes.data() + p) != kCentralHeader)
      return zip_error(ErrorCode::zip_malformed,
                       "Entry " + std::to_string(i + 1) + " of the zip central directory is damaged.",
                       {}, p, {{"entry", std::to_string(i + 1)}}, "directory_entry");
    const char* h = bytes.data() + p;
    const std::uint16_t name_len = le16(h + 28), extra_len = le16(h + 30), comment_len = le16(h + 32);
    if (end - p - kCentralHeaderSize < std::uint64_t{name_len} + extra_len + comment_len)
      return zip_error(ErrorCode::zip_malformed, "A zip central directory entry overruns the directory.", {}, p, {},
                       "directory_overrun");
    ZipEntry entry;
    entry.flags = le16(h + 8);
    entry.method = le16(h + 10);
    entry.crc32 = le32(h + 16);
    entry.compressed_size = le32(h + 20);
    entry.uncompressed_size = le32(h + 24);
    entry.local_header_offset = le32(h + 42);
    entry.name.assign(h + kCentralHeaderSize, name_len);
    const std::string_view extra(h + kCentralHeaderSize + name_len, extra_len);
    const bool need_usize = entry.uncompressed_size == 0xFFFFFFFF;
    const bool need_csize = entry.compressed_size == 0xFFFFFFFF;
    const bool need_offset = entry.local_header_offset == 0xFFFFFFFF;
    MIGCHECK_TRY(read_zip64_extra(extra, entry, need_usize, need_csize, need_offset));
    if (le16(h + 34) != 0 && le16(h + 34) != 0xFFFF)
      return zip_error(ErrorCode::zip_multi_disk, "The zip archive is split across several disks.", entry.name, 0,
                       {}, "disks");
    p += kCentralHeaderSize + name_len + extra_len + comment_len;

    if (entry.flags & 0x0001)
      return zip_error(ErrorCode::file_encrypted,
                       "The workbook is password-protected (entry \"" + entry.name +
                           "\" is encrypted). Remove the password in your spreadsheet program "
                           "and save it again.",
                       entry.name, 0, {}, "entry");
    if (entry.method != 0 && entry.method != 8)
      return zip_error(ErrorCode::zip_unsupported_method,
                       "Entry \"" + entry.name + "\" uses compression method " +
                           std::to_string(entry.method) +
                           "; only stored (0) and deflate (8) are supported.",
                       entry.name, 0, {{"method", std::to_string(entry.method)}});
    if (entry.uncompressed_size > limits.max_entry_bytes)
      return zip_error(ErrorCode::zip_entry_too_large,
                       "Entry \"" + entry.name + "\" would expand to " + mib(entry.uncompressed_size) +
                           "; at most " + mib(limits.max_entry_bytes) + " per entry are allowed.",
                       entry.name, 0,
                       {{"limit", std::to_string(limits.max_entry_bytes)},
                        {"value", std::to_string(entry.uncompressed_size)},
                        {"limit_mib", mib_number(limits.max_entry_bytes)},
                        {"size_mib", mib_number(entry.uncompressed_size)}});
    total += entry.uncompressed_size;
    if (total > limits.max_total_bytes)
      return zip_error(ErrorCode::zip_total_too_large,
                       "The archive's entries would expand to more than " +
                           mib(limits.max_total_bytes) + " in total (reached at \"" + entry.name + "\").",
                       entry.name, 0,
                       {{"limit", std::to_string(limits.max_total_bytes)},
                        {"value", std::to_string(total)},
                        {"limit_mib", mib_number(limits.max_total_bytes)}});
    archive.entries_.push_back(std::move(entry));
  }

  // The ratio is judged once sizes and totals are known, so an archive that is
  // simply too big is reported as such rather than as a bomb.
  for (const ZipEntry& entry : archive.entries_) {
    const std::uint64_t ratio = entry.uncompressed_size / std::max<std::uint64_t>(entry.compressed_size, 1);
    if (entry.uncompressed_size > limits.expansion_grace_bytes && ratio >= limits.max_expansion_ratio)
      return zip_error(ErrorCode::zip_ratio_exceeded,
                       "Entry \"" + entry.name + "\" would expand " + std::to_string(ratio) + " times (" +
                           mib(entry.uncompressed_size) + "): this looks like a zip bomb; at most " +
                           std::to_string(limits.max_expansion_ratio) + " times is allowed.",
                       entry.name, 0,
                       {{"limit", std::to_string(limits.max_expansion_ratio)},
                        {"value", std::to_string(ratio)},
                        {"size_mib", mib_number(entry.uncompressed_size)}});
  }

  std::vector<const ZipEntry*> sorted;
  sorted.reserve(archive.entries_.size());
  for (const auto& e : archive.entries_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const ZipEntry* a, const ZipEntry* b) { return a->name < b->name; });
  for (std::size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i]->name == sorted[i - 1]->name)
      return zip_error(ErrorCode::zip_duplicate_entry,
                       "The zip archive holds entry \"" + sorted[i]->name + "\" twice.",
                       sorted[i]->name);
  return archive;
}

const ZipEntry* ZipArchive::find(std::string_view name) const noexcept {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  for (const auto& e : entries_)
    if (util::iequals(e.name, name)) return &e;
  // Some writers store "xl\\workbook.xml": a backslash is a folder separator to them.
  for (const auto& e : entries_)
    if (same_part_name(e.name, name)) return &e;
  return nullptr;
}

Result<PartBytes> ZipArchive::read(const ZipEntry& entry) const {
  const std::uint64_t off = entry.local_header_offset;
  if (off > bytes_.size() || bytes_.size() - off < kLocalHeaderSize)
    return zip_error(ErrorCode::zip_truncated,
                     "The zip archive is truncated: entry \"" + entry.name + "\" lies beyond the end of the file.",
                     entry.name, off, {}, "entry_beyond_end");
  const char* h = bytes_.data() + off;
  if (le32(h) != kLocalHeader)
    return zip_error(ErrorCode::zip_malformed,
                     "The local header of entry \"" + entry.name + "\" is missing.", entry.name, off, {},
                     "local_header_missing");
  const std::uint16_t name_len = le16(h + 26), extra_len = le16(h + 28);
  const std::uint64_t data = off + kLocalHeaderSize + name_len + extra_len;
  if (data > bytes_.size() || bytes_.size() - data < entry.compressed_size)
    return zip_error(ErrorCode::zip_truncated,
                     "The zip archive is truncated: the data of entry \"" + entry.name + "\" is cut short.",
                     entry.name, off, {}, "entry_cut_short");
  if (std::string_view(h + kLocalHeaderSize, name_len) != entry.name || le16(h + 8) != entry.method)
    return zip_error(ErrorCode::zip_malformed,
                     "The local header of entry \"" + entry.name + "\" disagrees with the central directory.",
                     entry.name, off, {}, "local_header_mismatch");
  const std::string_view compressed(bytes_.data() + data, static_cast<std::size_t>(entry.compressed_size));
  const auto size = static_cast<std::size_t>(entry.uncompressed_size);

  PartBytes out;
  if (entry.method == 0) {
    if (entry.compressed_size != entry.uncompressed_size)
      return zip_error(ErrorCode::zip_size_mismatch,
                       "Stored entry \"" + entry.name + "\" has different compressed and uncompressed sizes.",
                       entry.name, off, {}, "stored");
    out = PartBytes::borrowed(compressed);
  } else {
    LargeBuffer buffer = allocate_large(size);
    if (!buffer)
      return zip_error(ErrorCode::zip_inflate_failed,
                       "Out of memory for the " + std::to_string(size) + " bytes of \"" + entry.name + "\".",
                       entry.name, 0, {{"size", std::to_string(size)}}, "out_of_memory");
    struct Free {
      void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
    };
    std::unique_ptr<libdeflate_decompressor, Free> inflater(libdeflate_alloc_decompressor());
    if (!inflater)
      return zip_error(ErrorCode::zip_inflate_failed, "Out of memory while inflating \"" + entry.name + "\".",
                       entry.name, 0, {}, "out_of_memory_inflater");
    std::size_t actual = 0;
    const auto rc = libdeflate_deflate_decompress(inflater.get(), compressed.data(), compressed.size(),
                                                  buffer.get(), size, &actual);
    if (rc == LIBDEFLATE_INSUFFICIENT_SPACE || (rc == LIBDEFLATE_SUCCESS && actual != size))
      return zip_error(ErrorCode::zip_size_mismatch,
                       "Entry \"" + entry.name + "\" does not inflate to the " + std::to_string(size) +
                           " bytes its header declares.",
                       entry.name, off, {{"declared", std::to_string(size)}}, "inflated");
    if (rc != LIBDEFLATE_SUCCESS)
      return zip_error(ErrorCode::zip_inflate_failed,
                       "The compressed data of entry \"" + entry.name + "\" is corrupt.", entry.name, off, {},
                       "corrupt");
    out = PartBytes::owned(std::move(buffer), size);
  }
  const auto crc = libdeflate_crc32(0, out.view().data(), out.view().size());
  if (crc != entry.crc32)
    return zip_error(ErrorCode::zip_crc_mismatch,
                     "Entry \"" + entry.name + "\" fails its CRC-32 check: the file is damaged.",
                     entry.name, off);
  return out;
}

}  // namespace migcheck::io
