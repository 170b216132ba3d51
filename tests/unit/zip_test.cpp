#include <catch2/catch.hpp>

#include "io/zip.hpp"
#include "migcheck/read.hpp"
#include "zip_builder.hpp"

using migcheck::ErrorCode;
using migcheck::Limits;
using migcheck::io::ZipArchive;
using testing::build_zip;
using testing::ZipItem;

TEST_CASE("zip: reads stored and deflated entries", "[zip]") {
  const std::string big(100000, 'x');
  const auto bytes = build_zip({{"a.txt", "hello", false}, {"b.txt", big, true}});
  auto zip = ZipArchive::open(bytes, Limits{});
  REQUIRE(zip.ok());
  REQUIRE(zip.value().entries().size() == 2);
  auto a = zip.value().read(*zip.value().find("a.txt"));
  REQUIRE(a.ok());
  CHECK(a.value().view() == "hello");
  auto b = zip.value().read(*zip.value().find("B.TXT"));  // part names are case-insensitive
  REQUIRE(b.ok());
  CHECK(b.value().view() == big);
}

TEST_CASE("zip: reads ZIP64 sizes from the extra field", "[zip]") {
  ZipItem item{"z.txt", "zip sixty-four"};
  item.zip64 = true;
  const auto bytes = build_zip({item});
  auto zip = ZipArchive::open(bytes, Limits{});
  REQUIRE(zip.ok());
  CHECK(zip.value().entries()[0].uncompressed_size == 14);
  CHECK(zip.value().read(zip.value().entries()[0]).value().view() == "zip sixty-four");
}

TEST_CASE("zip: every limit and defect is its own error", "[zip][limits]") {
  Limits limits;
  SECTION("too many entries") {
    limits.max_zip_entries = 2;
    auto r = ZipArchive::open(build_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_too_many_entries);
    CHECK(r.error().message == "The zip archive declares 3 entries; at most 2 are allowed.");
  }
  SECTION("entry too large, checked from the directory before inflating") {
    ZipItem item{"sheet.xml", "small"};
    item.declared_size = 1536ll * 1024 * 1024;
    auto r = ZipArchive::open(build_zip({item}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_entry_too_large);
    CHECK(r.error().where.part == "sheet.xml");
  }
  SECTION("total too large") {
    limits.max_total_bytes = 150;
    auto r = ZipArchive::open(build_zip({{"a", std::string(100, 'a')}, {"b", std::string(100, 'b')}}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_total_too_large);
  }
  SECTION("expansion ratio beyond the grace size") {
    auto r = ZipArchive::open(build_zip({{"bomb.xml", std::string(4 << 20, ' ')}}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_ratio_exceeded);
    limits.max_expansion_ratio = 100000;
    CHECK(ZipArchive::open(build_zip({{"bomb.xml", std::string(4 << 20, ' ')}}), limits).ok());
  }
  SECTION("a small, highly compressible entry is within the grace") {
    CHECK(ZipArchive::open(build_zip({{"ok.xml", std::string(500000, ' ')}}), limits).ok());
  }
  SECTION("declared size smaller than the real one") {
    ZipItem item{"s.xml", std::string(1000, 'q')};
    item.declared_size = 10;
    const auto bytes = build_zip({item});
    auto zip = ZipArchive::open(bytes, limits);
    REQUIRE(zip.ok());
    auto r = zip.value().read(zip.value().entries()[0]);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_size_mismatch);
  }
  SECTION("declared size larger than the real one") {
    ZipItem item{"s.xml", std::string(1000, 'q')};
    item.declared_size = 2000;
    const auto bytes = build_zip({item});
    auto zip = ZipArchive::open(bytes, limits);
    REQUIRE(zip.ok());
    CHECK(zip.value().read(zip.value().entries()[0]).error().code == ErrorCode::zip_size_mismatch);
  }
  SECTION("duplicate names") {
    auto r = ZipArchive::open(build_zip({{"a", "1"}, {"a", "2"}}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_duplicate_entry);
  }
  SECTION("unsupported method") {
    ZipItem item{"a", "1", false};
    item.method = 12;
    auto r = ZipArchive::open(build_zip({item}), limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::zip_unsupported_method);
    CHECK(r.error().message == "Entry \"a\" uses compression method 12; only stored (0) and deflate (8) are supported.");
  }
  SECTION("encrypted entry") {
    ZipItem item{"a", "1"};
    item.flags = 1;
    CHECK(ZipArchive::open(build_zip({item}), limits).error().code == ErrorCode::file_encrypted);
  }
  SECTION("truncated at every length") {
    const auto whole = build_zip({{"a.xml", std::string(3000, 'a')}, {"b.xml", "bbb"}});
    for (std::size_t n = 0; n < whole.size(); n += 7) {
      auto r = ZipArchive::open(std::string_view(whole).substr(0, n), limits);
      if (r.ok()) {
        for (const auto& e : r.value().entries()) (void)r.value().read(e);
      } else {
        CHECK((r.error().code == ErrorCode::zip_truncated || r.error().code == ErrorCode::zip_malformed));
      }
    }
  }
  SECTION("corrupt data fails the CRC or the inflater, never crashes") {
    auto bytes = build_zip({{"a.xml", std::string(5000, 'a') + std::string(5000, 'b')}});
    for (std::size_t i = 40; i < 60; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    auto zip = ZipArchive::open(bytes, limits);
    REQUIRE(zip.ok());
    auto r = zip.value().read(zip.value().entries()[0]);
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().code == ErrorCode::zip_crc_mismatch || r.error().code == ErrorCode::zip_inflate_failed ||
           r.error().code == ErrorCode::zip_size_mismatch));
  }
  SECTION("multi-disk") {
    auto bytes = build_zip({{"a", "1"}});
    bytes[bytes.size() - 22 + 4] = 1;  // number of this disk
    CHECK(ZipArchive::open(bytes, limits).error().code == ErrorCode::zip_multi_disk);
  }
}
