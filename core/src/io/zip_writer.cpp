#include "io/zip_writer.hpp"

#include <libdeflate.h>

#include <algorithm>

namespace migcheck::io {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint64_t kLocalHeaderSize = 30;
constexpr std::uint64_t kCentralHeaderSize = 46;
constexpr std::uint64_t kEocdSize = 22;
constexpr std::uint16_t kVersion = 20;          // 2.0: deflate; made by MS-DOS (0), so no Unix attributes
constexpr std::uint16_t kFlagUtf8 = 0x0800;     // names are UTF-8 (set only for non-ASCII names)
constexpr std::uint16_t kDosTime = 0;           // 00:00:00
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

bool ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)); }

Diagnostic write_error(ErrorCode code, std::string message, std::string_view name,
                       std::vector<std::pair<std::string, std::string>> params = {}) {
  Location where;
  where.part = std::string(name);
  if (!name.empty()) params.insert(params.begin(), {"part", std::string(name)});
  return make_error(code, std::move(message), std::move(where), std::move(params));
}

}  // namespace

void ZipWriter::CompressorDeleter::operator()(libdeflate_compressor* c) const noexcept {
  libdeflate_free_compressor(c);
}

ZipWriter::ZipWriter(int compression_level, ZipWriterLimits limits)
    : level_(std::clamp(compression_level, 0, 12)), limits_(limits) {}
ZipWriter::~ZipWriter() = default;
ZipWriter::ZipWriter(ZipWriter&&) noexcept = default;
ZipWriter& ZipWriter::operator=(ZipWriter&&) noexcept = default;

Status ZipWriter::add(std::string_view name, std::string_view data) {
  if (name.empty() || name.size() > 0xFFFF || name.front() == '/')
    return write_error(ErrorCode::zip_malformed,
                       "Cannot write a zip entry named \"" + std::string(name.substr(0, 64)) +
                           "\": a name must be 1 to 65,535 bytes and must not start with '/'.",
                       name.substr(0, 64));
  for (const Entry& e : entries_)
    if (e.name == name)
      return write_error(ErrorCode::zip_duplicate_entry,
                         "Cannot write zip entry \"" + std::string(name) + "\" twice.", name);
  const std::size_t max_entries = std::min(limits_.max_entries, kZipWriterMaxEntries);
  if (entries_.size() >= max_entries)
    return write_error(ErrorCode::zip_too_many_entries,
                       "Cannot write more than " + std::to_string(max_entries) + " zip entries.", name,
                       {{"limit", std::to_string(max_entries)}, {"value", std::to_string(entries_.size() + 1)}});
  const std::uint64_t max_entry = std::min(limits_.max_entry_bytes, kZipWriterMaxBytes);
  if (data.size() > max_entry)
    return write_error(ErrorCode::zip_entry_too_large,
                       "Cannot write zip entry \"" + std::string(name) + "\" of " + mib(data.size()) +
                           " MiB: at most " + mib(max_entry) + " MiB per entry (no ZIP64).",
                       name,
                       {{"limit", std::to_string(max_entry)}, {"value", std::to_string(data.size())},
                        {"limit_mib", mib(max_entry)}, {"size_mib", mib(data.size())}});

  Entry entry;
  entry.name = std::string(name);
  entry.uncompressed_size = static_cast<std::uint32_t>(data.size());
  entry.crc32 = libdeflate_crc32(0, data.data(), data.size());

  // Deflate when it makes the entry smaller; store otherwise (and when the
  // compressor cannot be had: the archive stays correct, only larger).
  std::string deflated;
  if (!data.empty() && level_ > 0) {
    if (!compressor_) compressor_.reset(libdeflate_alloc_compressor(level_));
    if (compressor_) {
      const std::size_t bound = libdeflate_deflate_compress_bound(compressor_.get(), data.size());
      deflated.resize(std::min(bound, data.size()));  // anything larger is no gain
      const std::size_t n =
          libdeflate_deflate_compress(compressor_.get(), data.data(), data.size(), deflated.data(), deflated.size());
      if (n > 0 && n < data.size()) deflated.resize(n);
      else deflated.clear();
    }
  }
  entry.method = deflated.empty() ? 0 : 8;
  const std::string_view payload = deflated.empty() ? data : std::string_view(deflated);
  entry.compressed_size = static_cast<std::uint32_t>(payload.size());

  // Room for this entry, and for its own and every other directory record.
  std::uint64_t directory = kEocdSize;
  for (const Entry& e : entries_) directory += kCentralHeaderSize + e.name.size();
  directory += kCentralHeaderSize + name.size();
  const std::uint64_t total = out_.size() + kLocalHeaderSize + name.size() + payload.size() + directory;
  const std::uint64_t max_archive = std::min(limits_.max_archive_bytes, kZipWriterMaxBytes);
  if (total > max_archive)
    return write_error(ErrorCode::zip_total_too_large,
                       "Cannot write zip entry \"" + std::string(name) + "\": the archive would reach " + mib(total) +
                           " MiB; at most " + mib(max_archive) + " MiB can be written (no ZIP64).",
                       name,
                       {{"limit", std::to_string(max_archive)}, {"value", std::to_string(total)},
                        {"limit_mib", mib(max_archive)}});

  entry.offset = static_cast<std::uint32_t>(out_.size());
  const std::uint16_t flags = ascii(name) ? 0 : kFlagUtf8;
  put32(out_, kLocalHeader);
  put16(out_, kVersion);
  put16(out_, flags);
  put16(out_, entry.method);
  put16(out_, kDosTime);
  put16(out_, kDosDate);
  put32(out_, entry.crc32);
  put32(out_, entry.compressed_size);
  put32(out_, entry.uncompressed_size);
  put16(out_, static_cast<std::uint16_t>(name.size()));
  put16(out_, 0);  // no extra field
  out_.append(name);
  out_.append(payload);
  entries_.push_back(std::move(entry));
  return ok_status();
}

Result<std::string> ZipWriter::finish() {
  // add() kept room for the directory, so the sizes below fit in 32 bits.
  const std::uint64_t directory_offset = out_.size();
  for (const Entry& e : entries_) {
    put32(out_, kCentralHeader);
    put16(out_, kVersion);  // made by
    put16(out_, kVersion);  // needed
    put16(out_, ascii(e.name) ? 0 : kFlagUtf8);
    put16(out_, e.method);
    put16(out_, kDosTime);
    put16(out_, kDosDate);
    put32(out_, e.crc32);
    put32(out_, e.compressed_size);
    put32(out_, e.uncompressed_size);
    put16(out_, static_cast<std::uint16_t>(e.name.size()));
    put16(out_, 0);  // extra
    put16(out_, 0);  // comment
    put16(out_, 0);  // disk
    put16(out_, 0);  // internal attributes
    put32(out_, 0);  // external attributes
    put32(out_, e.offset);
    out_.append(e.name);
  }
  const std::uint64_t directory_size = out_.size() - directory_offset;
  put32(out_, kEndOfCentralDirectory);
  put16(out_, 0);  // this disk
  put16(out_, 0);  // directory disk
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put16(out_, static_cast<std::uint16_t>(entries_.size()));
  put32(out_, static_cast<std::uint32_t>(directory_size));
  put32(out_, static_cast<std::uint32_t>(directory_offset));
  put16(out_, 0);  // comment
  const std::uint64_t max_archive = std::min(limits_.max_archive_bytes, kZipWriterMaxBytes);
  std::string bytes = std::move(out_);
  out_.clear();
  entries_.clear();
  if (bytes.size() > max_archive)  // cannot happen after add()'s checks; kept as the last guard
    return write_error(ErrorCode::zip_total_too_large,
                       "The zip archive would reach " + mib(bytes.size()) + " MiB; at most " + mib(max_archive) +
                           " MiB can be written (no ZIP64).",
                       {}, {{"limit", std::to_string(max_archive)}, {"value", std::to_string(bytes.size())}});
  return bytes;
}

}  // namespace migcheck::io
