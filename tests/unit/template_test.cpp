// Blank return templates (docs/template.md), and the two writers under them:
// the zip writer round-trips through migcheck's own zip reader, the XLSX
// writer through read_workbook; the template reads back as what it means
// (every sheet recognised, every header and pre-filled label mapped to its
// code) in English and French, and once filled with numbers that add up it
// validates with no error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "io/zip.hpp"
#include "io/zip_writer.hpp"
#include "migcheck/migcheck.hpp"
#include <nlohmann/json.hpp>
#include "template/template_workbook.hpp"
#include "test_support.hpp"
#include "writers/xlsx_writer.hpp"

using migcheck::CellKind;
using migcheck::ErrorCode;
using migcheck::io::ZipArchive;
using migcheck::io::ZipWriter;
using migcheck::io::ZipWriterLimits;
using migcheck::templates::TemplateWorkbook;
using migcheck::xlsx::CellStyle;

namespace {

std::uint16_t le16_at(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}

std::string read_entry(const ZipArchive& zip, const std::string& name) {
  const auto* entry = zip.find(name);
  REQUIRE(entry != nullptr);
  auto data = zip.read(*entry);
  REQUIRE(data.ok());
  return std::string(data.value().view());
}

// Bytes that deflate cannot shrink (a linear congruential generator).
std::string noise(std::size_t n) {
  std::string out(n, '\0');
  std::uint32_t x = 12345;
  for (auto& c : out) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

std::string write(const migcheck::xlsx::WorkbookSpec& wb) {
  auto bytes = migcheck::xlsx::write_xlsx(wb);
  INFO((bytes.ok() ? std::string() : bytes.error().message));
  REQUIRE(bytes.ok());
  return bytes.value();
}

migcheck::Workbook read(const std::string& bytes, const std::string& name = "template.xlsx") {
  auto wb = migcheck::read_workbook(bytes, name);
  INFO((wb.ok() ? std::string() : wb.error().message));
  REQUIRE(wb.ok());
  return std::move(wb).value();
}

std::string cell_text(const migcheck::Workbook& wb, const migcheck::Sheet& sheet, std::uint32_t row, std::uint32_t column) {
  const migcheck::Cell* c = sheet.find(row, column);
  REQUIRE(c != nullptr);
  REQUIRE((c->kind == CellKind::text || c->kind == CellKind::error));
  return std::string(wb.text(*c));
}

// The findings, errors first, one per line (20 at most), so that a failed CHECK shows them.
std::string findings_text(const std::vector<migcheck::Finding>& findings) {
  constexpr std::size_t kShown = 20;
  std::vector<const migcheck::Finding*> sorted;
  for (const auto& f : findings) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->severity < b->severity; });
  std::ostringstream out;
  for (std::size_t i = 0; i < sorted.size() && i < kShown; ++i)
    out << migcheck::severity_name(sorted[i]->severity) << ' ' << sorted[i]->rule << ' ' << sorted[i]->sheet << '!'
        << sorted[i]->cell << ": " << sorted[i]->message << '\n';
  if (sorted.size() > kShown) out << "... and " << sorted.size() - kShown << " more\n";
  return out.str();
}

const migcheck::SheetRecognition* sheet_rec(const migcheck::Recognition& r, const std::string& name) {
  for (const auto& s : r.sheets)
    if (s.sheet == name) return &s;
  return nullptr;
}

// The Metadata sheet filled with a country and a year, the Sources sheet with
// the first code of each coded field (CENSUS, 12M) on every table's row.
void fill_metadata_and_sources(TemplateWorkbook& t, const migcheck::Rulebook& rb, const std::string& country,
                               double year) {
  auto& metadata = t.workbook.sheets.at(t.metadata_sheet);
  for (const auto& [field_id, row] : t.metadata_rows) {
    for (const auto& f : rb.metadata_sheet.fields) {
      if (f.id != field_id) continue;
      if (f.kind == migcheck::FieldKind::coded) metadata.text(row, 1, country);
      else if (f.kind == migcheck::FieldKind::time) metadata.number(row, 1, year);
    }
  }
  auto& sources = t.workbook.sheets.at(t.sources_sheet);
  for (const auto& [table, row] : t.sources_rows)
    for (std::uint32_t c = 0; c < t.sources_columns.size(); ++c)
      for (const auto& f : rb.sources_sheet.fields)
        if (f.id == t.sources_columns[c] && f.kind == migcheck::FieldKind::coded)
          sources.text(row, c, rb.codelist(f.codelist)->codes.front().id, CellStyle::text);
        else if (f.id == t.sources_columns[c] && f.role == migcheck::FieldRole::last_update)
          sources.text(row, c, std::to_string(static_cast<int>(year) + 1) + "-02-14", CellStyle::text);
        else if (f.id == t.sources_columns[c] && f.role != migcheck::FieldRole::none)
          sources.text(row, c, "National Statistics Office", CellStyle::text);
}

migcheck::Report validate_bytes(const std::string& bytes, const std::string& name) {
  return migcheck::validate({{name, bytes}}, bundled(), {});
}

}  // namespace

// --- the zip writer ---------------------------------------------------------

TEST_CASE("zip writer: entries round-trip through the zip reader", "[template][zip_writer]") {
  const std::string text(50000, 'a');
  const std::string random = noise(4096);
  ZipWriter zip;
  REQUIRE(zip.add("[Content_Types].xml", "<Types/>").ok());
  REQUIRE(zip.add("empty.txt", "").ok());
  REQUIRE(zip.add("xl/big.xml", text).ok());
  REQUIRE(zip.add("noise.bin", random).ok());
  REQUIRE(zip.add("données/é.xml", "accents").ok());
  auto bytes = zip.finish();
  REQUIRE(bytes.ok());
  CHECK(zip.size() == 0);  // finished: empty again

  auto archive = ZipArchive::open(bytes.value(), migcheck::Limits{});
  REQUIRE(archive.ok());
  const auto& entries = archive.value().entries();
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].name == "[Content_Types].xml");  // in the order added
  CHECK(read_entry(archive.value(), "[Content_Types].xml") == "<Types/>");
  CHECK(read_entry(archive.value(), "empty.txt").empty());
  CHECK(read_entry(archive.value(), "xl/big.xml") == text);
  CHECK(read_entry(archive.value(), "noise.bin") == random);
  CHECK(read_entry(archive.value(), "données/é.xml") == "accents");

  SECTION("deflated when it helps, stored otherwise") {
    CHECK(archive.value().find("xl/big.xml")->method == 8);
    CHECK(archive.value().find("xl/big.xml")->compressed_size < 1000);
    CHECK(archive.value().find("noise.bin")->method == 0);
    CHECK(archive.value().find("empty.txt")->method == 0);
  }
  SECTION("UTF-8 names are flagged as such, ASCII names are not") {
    CHECK((archive.value().find("données/é.xml")->flags & 0x0800) != 0);
    CHECK((archive.value().find("xl/big.xml")->flags & 0x0800) == 0);
  }
  SECTION("every entry carries the fixed DOS timestamp 1980-01-01 00:00") {
    const std::string& b = bytes.value();
    CHECK(le16_at(b, 10) == 0);       // first local header: time
    CHECK(le16_at(b, 12) == 0x0021);  // date
  }
}

TEST_CASE("zip writer: the same entries give the same bytes", "[template][zip_writer]") {
  auto make = [] {
    ZipWriter zip;
    REQUIRE(zip.add("a.xml", std::string(10000, 'x') + "end").ok());
    REQUIRE(zip.add("b.xml", "b").ok());
    auto bytes = zip.finish();
    REQUIRE(bytes.ok());
    return bytes.value();
  };
  CHECK(make() == make());
  ZipWriter empty;
  auto nothing = empty.finish();
  REQUIRE(nothing.ok());
  CHECK(nothing.value().size() == 22);  // an empty archive is its end record
  CHECK(ZipArchive::open(nothing.value(), migcheck::Limits{}).ok());
}

TEST_CASE("zip writer: bad names and every limit are refused cleanly", "[template][zip_writer][limits]") {
  SECTION("names") {
    ZipWriter zip;
    REQUIRE(zip.add("a", "1").ok());
    CHECK(zip.add("a", "2").error().code == ErrorCode::zip_duplicate_entry);
    CHECK(zip.add("", "2").error().code == ErrorCode::zip_malformed);
    CHECK(zip.add("/abs", "2").error().code == ErrorCode::zip_malformed);
    CHECK(zip.add(std::string(70000, 'n'), "2").error().code == ErrorCode::zip_malformed);
  }
  SECTION("entries") {
    ZipWriterLimits limits;
    limits.max_entries = 2;
    ZipWriter zip(6, limits);
    REQUIRE(zip.add("a", "1").ok());
    REQUIRE(zip.add("b", "2").ok());
    const auto status = zip.add("c", "3");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == ErrorCode::zip_too_many_entries);
    CHECK(status.error().message == "Cannot write more than 2 zip entries.");
  }
  SECTION("one entry's size (4 GiB without ZIP64)") {
    ZipWriterLimits limits;
    limits.max_entry_bytes = 100;
    ZipWriter zip(6, limits);
    CHECK(zip.add("fits", std::string(100, 'x')).ok());
    const auto status = zip.add("big", std::string(101, 'x'));
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == ErrorCode::zip_entry_too_large);
  }
  SECTION("the archive's size (4 GiB without ZIP64)") {
    ZipWriterLimits limits;
    limits.max_archive_bytes = 300;
    ZipWriter zip(6, limits);
    REQUIRE(zip.add("a", noise(100)).ok());
    const auto status = zip.add("b", noise(150));
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == ErrorCode::zip_total_too_large);
    // The refused entry left no trace: the archive is still whole and valid.
    auto bytes = zip.finish();
    REQUIRE(bytes.ok());
    CHECK(bytes.value().size() <= 300);
    auto archive = ZipArchive::open(bytes.value(), migcheck::Limits{});
    REQUIRE(archive.ok());
    CHECK(archive.value().entries().size() == 1);
  }
  SECTION("the defaults are the format's 32-bit limits") {
    CHECK(migcheck::io::kZipWriterMaxBytes == 0xFFFFFFFEu);
    CHECK(ZipWriterLimits{}.max_archive_bytes == 0xFFFFFFFEu);
    CHECK(ZipWriterLimits{}.max_entries == 0xFFFFu);
  }
}

// --- the XLSX writer --------------------------------------------------------

TEST_CASE("xlsx writer: text and numbers round-trip through read_workbook", "[template][xlsx_writer]") {
  const std::vector<std::string> texts = {
      "plain",         "a & b < c > d \"q\" 'apos'", "_x0041_ stays as typed", "bell \x01 control",
      "two\nlines",    "  padded  ",                "cr\r\nlf",               "Côte d’Ivoire 😀",
      "tab\there",     "=SUM(A1) is text",          std::string(32767, 'w')};
  migcheck::xlsx::WorkbookSpec spec;
  auto& s = spec.add_sheet("Données");
  for (std::uint32_t i = 0; i < texts.size(); ++i) s.text(i, 0, texts[i], i == 0 ? CellStyle::header : CellStyle::text);
  const std::vector<double> numbers = {0, -3.5, 1234567, 0.1, 1e20, 1e-7, 2024, 123456789012345.0};
  for (std::uint32_t i = 0; i < numbers.size(); ++i) s.number(i, 1, numbers[i]);
  s.number(0, 2, std::nan(""));
  s.text(20, 3, "far");
  s.columns[0] = {24.5, CellStyle::text};
  s.frozen_rows = 1;
  s.validations.push_back({1, 100, 0, 0, migcheck::xlsx::range_reference("It's", 0, 0, 3, 0)});
  auto& second = spec.add_sheet("It's");
  second.text(0, 0, "x");
  spec.add_sheet("Empty");

  const std::string bytes = write(spec);
  const auto wb = read(bytes);
  REQUIRE(wb.sheets.size() == 3);
  CHECK(wb.sheets[0].name == "Données");
  CHECK(wb.sheets[1].name == "It's");
  CHECK(wb.sheets[2].cells.empty());
  const auto& sheet = wb.sheets[0];
  for (std::uint32_t i = 0; i < texts.size(); ++i) {
    INFO("text " << i);
    CHECK(cell_text(wb, sheet, i, 0) == texts[i]);
  }
  for (std::uint32_t i = 0; i < numbers.size(); ++i) {
    const migcheck::Cell* c = sheet.find(i, 1);
    REQUIRE(c != nullptr);
    CHECK(c->kind == CellKind::number);  // no style makes a number a date
    CHECK(c->number == numbers[i]);
  }
  CHECK(sheet.find(0, 2)->kind == CellKind::error);
  CHECK(cell_text(wb, sheet, 0, 2) == "#NUM!");
  CHECK(cell_text(wb, sheet, 20, 3) == "far");
  CHECK(sheet.row_count == 21);

  SECTION("invalid UTF-8 becomes U+FFFD, never broken XML") {
    migcheck::xlsx::WorkbookSpec bad;
    bad.add_sheet("S").text(0, 0, "a\xff" "b\xc3");
    const auto back = read(write(bad));
    CHECK(cell_text(back, back.sheets[0], 0, 0) == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  }
  SECTION("the parts a spreadsheet program needs, in a fixed order") {
    auto zip = ZipArchive::open(bytes, migcheck::Limits{});
    REQUIRE(zip.ok());
    std::vector<std::string> names;
    for (const auto& e : zip.value().entries()) names.push_back(e.name);
    CHECK(names == std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                                            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                                            "xl/worksheets/sheet3.xml"});
    const std::string sheet1 = read_entry(zip.value(), "xl/worksheets/sheet1.xml");
    CHECK(sheet1.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>") !=
          std::string::npos);
    CHECK(sheet1.find("<col min=\"1\" max=\"1\" width=\"24.5\" customWidth=\"1\" style=\"3\"/>") != std::string::npos);
    CHECK(sheet1.find("<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"0\" "
                      "sqref=\"A2:A101\"><formula1>'It''s'!$A$1:$A$4</formula1></dataValidation>") != std::string::npos);
    CHECK(read_entry(zip.value(), "xl/sharedStrings.xml").find("_x005F_x0041_ stays as typed") != std::string::npos);
    CHECK(write(spec) == bytes);  // deterministic
  }
}

TEST_CASE("xlsx writer: what Excel would refuse is an error", "[template][xlsx_writer]") {
  auto fails = [](const migcheck::xlsx::WorkbookSpec& spec) {
    auto r = migcheck::xlsx::write_xlsx(spec);
    REQUIRE_FALSE(r.ok());
    return r.error().code;
  };
  migcheck::xlsx::WorkbookSpec none;
  CHECK(fails(none) == ErrorCode::xlsx_no_sheets);
  for (const std::string name : {"", "a/b", "a[1]", "'quoted", "History", "x234567890123456789012345678901 2"}) {
    INFO("name " << name);
    migcheck::xlsx::WorkbookSpec spec;
    spec.add_sheet(name);
    CHECK(fails(spec) == ErrorCode::xlsx_bad_reference);
  }
  migcheck::xlsx::WorkbookSpec twice;
  twice.add_sheet("Data");
  twice.add_sheet("DATA");
  CHECK(fails(twice) == ErrorCode::xlsx_bad_reference);
  migcheck::xlsx::WorkbookSpec far;
  far.add_sheet("S").text(migcheck::xlsx::kMaxRows, 0, "x");
  CHECK(fails(far) == ErrorCode::xlsx_bad_reference);
  migcheck::xlsx::WorkbookSpec wide;
  wide.add_sheet("S").validations.push_back({0, 0, 0, migcheck::xlsx::kMaxColumns, "A1"});
  CHECK(fails(wide) == ErrorCode::xlsx_bad_reference);
  migcheck::xlsx::WorkbookSpec long_text;
  long_text.add_sheet("S").text(0, 0, std::string(32768, 'x'));
  CHECK(fails(long_text) == ErrorCode::xlsx_text_too_long);
}

TEST_CASE("xlsx writer: safe sheet names and range references", "[template][xlsx_writer]") {
  using migcheck::xlsx::safe_sheet_name;
  using migcheck::xlsx::valid_sheet_name;
  CHECK(safe_sheet_name("a/b:c", {}) == "a_b_c");
  CHECK(safe_sheet_name("Data", {"data"}) == "Data (2)");
  CHECK(safe_sheet_name("Data", {"Data", "Data (2)"}) == "Data (3)");
  CHECK(safe_sheet_name("'x'", {}) == "_x_");
  CHECK(safe_sheet_name("History", {}) == "History (2)");
  CHECK(safe_sheet_name("", {}) == "Sheet");
  const std::string long_name(40, 'L');
  CHECK(safe_sheet_name(long_name, {}) == std::string(31, 'L'));
  CHECK(safe_sheet_name(long_name, {std::string(31, 'L')}) == std::string(27, 'L') + " (2)");
  CHECK(safe_sheet_name(std::string(30, 'e') + "é", {}).size() == 32);  // 31 characters, 32 bytes
  CHECK(valid_sheet_name("Métadonnées"));
  CHECK_FALSE(valid_sheet_name("a?"));
  CHECK(migcheck::xlsx::range_reference("Codes", 1, 2, 4, 2) == "'Codes'!$C$2:$C$5");
  CHECK(migcheck::xlsx::range_reference("It's", 0, 0, 0, 0) == "'It''s'!$A$1");
  CHECK(migcheck::xlsx::range_reference("S", 0, 26, 1048575, 27) == "'S'!$AA$1:$AB$1048576");
}

// --- the template -----------------------------------------------------------

TEST_CASE("template: the codes pre-filled per code list", "[template]") {
  const auto& rb = bundled();
  auto ids = [&](const std::string& list) {
    std::vector<std::string> out;
    for (const auto* c : migcheck::templates::prefilled_codes(*rb.codelist(list))) out.push_back(c->id);
    return out;
  };
  CHECK(ids("CL_SEX") == std::vector<std::string>{"M", "F", "_U", "_T"});
  // One partition: the first group of the hierarchies (5-year bands).
  CHECK(ids("CL_AGE") == std::vector<std::string>{"Y0T4",   "Y5T9",   "Y10T14", "Y15T19", "Y20T24",
                                                  "Y25T29", "Y30T34", "Y35T39", "Y40T44", "Y45T49",
                                                  "Y50T54", "Y55T59", "Y60T64", "Y65T69", "Y70T74",
                                                  "Y75T79", "Y80T84", "Y_GE85", "_U",     "_T"});
  // Countries: the aggregates the hierarchies name; the countries themselves are left to the user.
  auto area = ids("CL_AREA");
  CHECK(std::set<std::string>(area.begin(), area.end()) == std::set<std::string>{"NAT", "FOR", "STLS", "_U", "_T"});
  auto country = ids("CL_COUNTRY");
  CHECK(std::set<std::string>(country.begin(), country.end()) == std::set<std::string>{"NAT", "FOR", "_U", "_T"});
  CHECK(ids("CL_PERMIT_TYPE") == std::vector<std::string>{"FIRST", "VALID"});  // no hierarchy: every code
  CHECK(ids("CL_DURATION") == std::vector<std::string>{"M3T5", "M6T11", "M_GE12", "_T"});
}

TEST_CASE("template: sheets, headers and rows come from the rulebook", "[template]") {
  const auto& rb = bundled();
  const TemplateWorkbook t = migcheck::templates::build_template(rb, "en");
  const auto& sheets = t.workbook.sheets;
  REQUIRE(sheets.size() == rb.tables.size() + 3);
  CHECK(sheets[t.metadata_sheet].name == "Metadata");
  CHECK(sheets[t.sources_sheet].name == "Sources");
  CHECK(sheets[t.codes_sheet].name == "Codes");
  CHECK(t.codes_sheet == sheets.size() - 1);
  REQUIRE(t.tables.size() == rb.tables.size());
  for (std::size_t i = 0; i < rb.tables.size(); ++i) CHECK(sheets[t.tables[i].sheet].name == rb.tables[i].id);

  // POP_CTZ: 5 citizenship aggregates x 20 ages x 4 sexes, the last dimension varying fastest.
  const auto& pop = t.tables[0];
  CHECK(pop.table == "POP_CTZ");
  CHECK(pop.rows.size() == 5 * 20 * 4);
  CHECK(pop.columns == std::vector<std::string>{"CITIZENSHIP", "AGE", "SEX", "OBS_VALUE", "CONF_STATUS", "NOTE",
                                                "OBS_STATUS"});
  const auto& s = sheets[pop.sheet];
  CHECK(s.cells.at({0, 0}).text == "Usually resident population by citizenship, age and sex");
  CHECK(s.cells.at({1, 0}).text == "Citizenship");
  CHECK(s.cells.at({1, 3}).text == "Number of persons");
  CHECK(s.cells.at({2, 2}).text == "Male");
  CHECK(s.cells.at({3, 2}).text == "Female");
  CHECK(s.cells.at({2, 1}).text == "0-4 years");
  CHECK(s.cells.count({2, 3}) == 0);  // values are the user's
  CHECK(s.frozen_rows == 2);
  CHECK(pop.rows.front() == std::vector<std::string>{"NAT", "Y0T4", "M"});
  CHECK(pop.rows.back() == std::vector<std::string>{"_T", "_T", "_T"});
  // A drop-down of the code list's labels on every dimension column.
  REQUIRE(s.validations.size() == 5);  // 3 dimensions, 2 coded attributes
  CHECK(s.validations[0].first_row == 2);
  CHECK(s.validations[0].last_row == migcheck::xlsx::kMaxRows - 1);
  CHECK(s.validations[0].source.rfind("'Codes'!$C$", 0) == 0);

  // PERMITS: 2 types x 7 reasons x 4 durations x 5 citizenship aggregates.
  CHECK(t.tables[10].table == "PERMITS");
  CHECK(t.tables[10].rows.size() == 2 * 7 * 4 * 5);

  // Sources: one row per table, the table named.
  CHECK(t.sources_rows.size() == rb.tables.size());
  CHECK(sheets[t.sources_sheet].cells.at({1, 0}).text == "POP_CTZ");
  // Codes: every code of every list.
  std::size_t codes = 0;
  for (const auto& l : rb.codelists) codes += l.codes.size();
  CHECK(sheets[t.codes_sheet].cells.size() == 3 * (codes + 1));
}

TEST_CASE("template: read back, every sheet is recognised and every header mapped", "[template]") {
  const auto& rb = bundled();
  for (const char* lang : {"en", "fr", "ar"}) {
    INFO("language " << lang);
    const TemplateWorkbook t = migcheck::templates::build_template(rb, lang);
    // Arabic is written right to left: every sheet shows column A on the right, as Excel shows an Arabic sheet.
    for (const auto& sheet : t.workbook.sheets) CHECK(sheet.right_to_left == (std::string(lang) == "ar"));
    const std::string bytes = migcheck::return_template(rb, lang);
    CHECK(bytes == write(t.workbook));
    const auto wb = read(bytes);
    migcheck::RecogniseOptions options;
    options.language = lang;
    const auto rec = migcheck::recognise(wb, rb, options);
    INFO(findings_text(rec.findings));

    const auto* metadata = sheet_rec(rec, t.workbook.sheets[t.metadata_sheet].name);
    REQUIRE(metadata != nullptr);
    CHECK(metadata->role == migcheck::SheetRole::metadata);
    const auto* sources = sheet_rec(rec, t.workbook.sheets[t.sources_sheet].name);
    REQUIRE(sources != nullptr);
    CHECK(sources->role == migcheck::SheetRole::sources);
    CHECK(rec.sources.size() == rb.tables.size());  // one row per table, the table named
    for (const auto& layout : t.tables) {
      INFO("table " << layout.table);
      const auto* s = sheet_rec(rec, layout.table);
      REQUIRE(s != nullptr);
      CHECK(s->role == migcheck::SheetRole::table);
      CHECK(s->table == layout.table);
      CHECK(s->layout == migcheck::Layout::long_format);
      CHECK(s->header_rows == std::vector<std::uint32_t>{layout.header_row});
      REQUIRE(s->columns.size() == layout.columns.size());
      for (std::size_t c = 0; c < layout.columns.size(); ++c) {
        CHECK(s->columns[c].target == layout.columns[c]);
        CHECK(s->columns[c].role != "unknown");
      }
    }
    // A blank template lacks only what the user must give; nothing is unknown.
    std::multiset<std::string> rules;
    for (const auto& f : rec.findings) rules.insert(f.rule);
    CHECK(rules.count("header.unknown") == 0);
    CHECK(rules.count("label.unknown") == 0);
    CHECK(rules.count("label.ambiguous") == 0);
    CHECK(rules.count("table.missing") == 0);
    CHECK(rules.count("metadata.missing") == 2);  // reporting country and reference year
    // Its required tables are there but empty (an error each: no silent pass); the optional ones are left blank (info).
    std::size_t required = 0, optional = 0;
    for (const auto& table : rb.tables) (table.required ? required : optional) += 1;
    CHECK(rules.count("table.empty") == required);
    CHECK(rules.count("table.blank") == optional);
    // The Codes sheet is the rulebook's codes_sheet: recognised as such, no table, no warning.
    const auto* codes = sheet_rec(rec, t.workbook.sheets[t.codes_sheet].name);
    REQUIRE(codes != nullptr);
    CHECK(codes->role == migcheck::SheetRole::codes);
    for (const auto& f : rec.findings)
      CHECK(f.severity == (f.rule == "table.blank" ? migcheck::Severity::info : migcheck::Severity::error));
  }
}

TEST_CASE("template: the same rulebook and language give the same bytes", "[template]") {
  const auto& rb = bundled();
  const std::string en = migcheck::return_template(rb, "en");
  REQUIRE_FALSE(en.empty());
  CHECK(en == migcheck::return_template(rb, "en"));
  const std::string fr = migcheck::return_template(rb, "fr");
  CHECK(fr == migcheck::return_template(rb, "fr"));
  CHECK(fr != en);
  CHECK(migcheck::return_template(rb, "pt") == en);  // a language the rulebook lacks: its first one
  const auto wb = read(fr);
  CHECK(wb.sheets.front().name == "Métadonnées");
  CHECK(cell_text(wb, wb.sheets[2], 1, 0) == "Nationalité");
  CHECK(cell_text(wb, wb.sheets[2], 2, 2) == "Hommes");
  CHECK(cell_text(wb, wb.sheets[2], 2, 1) == "0 à 4 ans");
}

TEST_CASE("template: filled with zeros, it validates with no error", "[template]") {
  const auto& rb = bundled();
  for (const char* lang : {"en", "fr", "ar"}) {
    INFO("language " << lang);
    TemplateWorkbook t = migcheck::templates::build_template(rb, lang);
    fill_metadata_and_sources(t, rb, "Kenya", 2024);
    std::size_t filled = 0;
    for (const auto& layout : t.tables) {
      auto& s = t.workbook.sheets[layout.sheet];
      for (std::size_t r = 0; r < layout.rows.size(); ++r, ++filled)
        s.number(layout.first_row + static_cast<std::uint32_t>(r), layout.measure_column, 0);
    }
    const std::string bytes = write(t.workbook);
    const auto report = validate_bytes(bytes, "ken-2024.xlsx");
    INFO(findings_text(report.findings));
    CHECK(report.errors == 0);
    REQUIRE(report.files.size() == 1);
    const auto& rec = report.files[0].recognition;
    CHECK(rec.reporting_country == "KEN");
    CHECK(rec.reference_year == "2024");

    // Every pre-filled label read back as the code it stands for, row by row.
    std::size_t observations = 0;
    for (const auto& layout : t.tables) {
      INFO("table " << layout.table);
      const migcheck::RecognisedTable* table = nullptr;
      for (const auto& rt : rec.tables)
        if (rt.table == layout.table) table = &rt;
      REQUIRE(table != nullptr);
      REQUIRE(table->size() == layout.rows.size());
      for (std::size_t i = 0; i < table->size(); ++i) {
        const std::size_t r = table->row[i] - layout.first_row;
        REQUIRE(r < layout.rows.size());
        for (std::size_t d = 0; d < layout.rows[r].size(); ++d)
          if (table->code(i, d) != layout.rows[r][d]) FAIL_CHECK("row " << table->row[i] + 1 << ": " << table->code(i, d));
      }
      observations += table->size();
      const auto* s = sheet_rec(rec, layout.table);
      REQUIRE(s != nullptr);
      for (const auto& label : s->labels) CHECK_FALSE(label.code.empty());
    }
    CHECK(observations == filled);
    for (const auto& f : report.findings) CHECK(f.severity == migcheck::Severity::info);  // no warning, not even the Codes sheet
  }
}

namespace {

// Numbers that add up along every hierarchy and agree across the tables of
// one population: each dimension's codes get weights (leaves 1-3, unknowns
// and codes an exclusion rule forbids 0, totals the sum of their parts), an
// observation is the product of its codes' weights, scaled so that every
// table's grand total is the same number.
struct AdditiveFill {
  const migcheck::Rulebook& rb;
  std::string reporting_country;
  bool unknowns = false;  // unknown categories get numbers too (else 0: left blank)

  // Codes an exclusion rule forbids in this table's dimension.
  std::set<std::string> excluded(const std::string& table, const std::string& dimension) const {
    std::set<std::string> out;
    for (const auto& rule : rb.rules) {
      const auto* params = std::get_if<migcheck::ExclusionParams>(&rule.params);
      if (!params || params->dimension != dimension || !rule.applies_to(table) || rule.tables.empty()) continue;
      for (const auto& code : params->codes) out.insert(code == "reporting_country" ? reporting_country : code);
    }
    return out;
  }

  // Weight of every code of `codes` (the codes the column carries).
  std::map<std::string, long long> weights(const migcheck::CodeList& list, const std::set<std::string>& codes,
                                           const std::set<std::string>& excluded) const {
    std::string group;
    for (const auto& id : codes)
      if (const auto* c = list.find(id); c && !c->group.empty()) group = c->group;
    std::map<std::string, long long> w;
    std::function<long long(const std::string&)> weight = [&](const std::string& id) -> long long {
      if (auto it = w.find(id); it != w.end()) return it->second;
      long long value = 0;
      bool total = false;
      for (const auto& h : list.hierarchies) {
        if (h.total != id || (!h.group.empty() && h.group != group)) continue;
        total = true;
        if (h.all_individual_codes) {
          for (const auto& c : list.codes)
            if (c.role == migcheck::CodeRole::individual && codes.count(c.id) &&
                !(h.except_reporting_country && c.id == reporting_country) &&
                std::find(h.excluded.begin(), h.excluded.end(), c.id) == h.excluded.end())
              value += weight(c.id);
        } else {
          for (const auto& p : h.parts)
            if (codes.count(p)) value += weight(p);
        }
        break;
      }
      if (!total) {
        const auto* c = list.find(id);
        const auto index = c ? static_cast<long long>(c - list.codes.data()) : 0;
        value = excluded.count(id) || (!unknowns && c && c->role == migcheck::CodeRole::unknown) ? 0 : 1 + index % 3;
      }
      return w[id] = value;
    };
    for (const auto& id : codes) weight(id);
    return w;
  }
};

// The template filled as a user would: numbers that add up on the
// pre-filled rows, and a foreign country's rows added below them, typed as
// codes. With `unknowns`, the rows of unknown categories (age, sex, country
// unknown) get numbers too; without, they stay blank.
std::string fill_additively(const migcheck::Rulebook& rb, bool unknowns) {
  TemplateWorkbook t = migcheck::templates::build_template(rb, "en");
  fill_metadata_and_sources(t, rb, "KEN", 2024);
  const AdditiveFill fill{rb, "KEN", unknowns};
  const std::string added_country = "UGA";

  struct Plan {
    std::vector<const migcheck::CodeList*> lists;
    std::vector<std::set<std::string>> codes;
    std::vector<std::map<std::string, long long>> weights;
    long long product_of_totals = 1;
  };
  std::vector<Plan> plans;
  long long scale = 1;
  for (const auto& layout : t.tables) {
    Plan plan;
    const auto* table = rb.table(layout.table);
    REQUIRE(table != nullptr);
    for (std::size_t d = 0; d < table->dimensions.size(); ++d) {
      const auto* dim = rb.dimension(table->dimensions[d]);
      const auto* list = rb.codelist(dim->codelist);
      std::set<std::string> codes;
      for (const auto& row : layout.rows) codes.insert(row[d]);
      for (const auto& h : list->hierarchies)
        if (h.all_individual_codes) codes.insert(added_country);
      auto w = fill.weights(*list, codes, fill.excluded(table->id, dim->id));
      long long total = 1;
      for (const auto& id : codes)
        if (list->find(id)->role == migcheck::CodeRole::total) total = w[id];
      REQUIRE(total > 0);
      plan.product_of_totals *= total;
      plan.lists.push_back(list);
      plan.codes.push_back(std::move(codes));
      plan.weights.push_back(std::move(w));
    }
    scale = std::lcm(scale, plan.product_of_totals);
    plans.push_back(std::move(plan));
  }
  REQUIRE(scale < (1LL << 50));

  std::size_t added_rows = 0;
  for (std::size_t i = 0; i < t.tables.size(); ++i) {
    const auto& layout = t.tables[i];
    const Plan& plan = plans[i];
    auto& s = t.workbook.sheets[layout.sheet];
    auto value = [&](const std::vector<std::string>& key) {
      long long v = scale / plan.product_of_totals;
      for (std::size_t d = 0; d < key.size(); ++d) v *= plan.weights[d].at(key[d]);
      return static_cast<double>(v);
    };
    auto blank = [&](const std::vector<std::string>& key) {
      for (std::size_t d = 0; d < key.size(); ++d)
        if (!unknowns && plan.lists[d]->find(key[d])->role == migcheck::CodeRole::unknown) return true;
      return false;
    };
    std::set<std::vector<std::string>> prefilled(layout.rows.begin(), layout.rows.end());
    for (std::size_t r = 0; r < layout.rows.size(); ++r)
      if (!blank(layout.rows[r]))
        s.number(layout.first_row + static_cast<std::uint32_t>(r), layout.measure_column, value(layout.rows[r]));
    // The rows the user adds: every combination with the country, codes typed as codes.
    auto row = layout.first_row + static_cast<std::uint32_t>(layout.rows.size());
    std::vector<std::vector<std::string>> keys = {{}};
    for (const auto& codes : plan.codes) {
      std::vector<std::vector<std::string>> next;
      for (const auto& k : keys)
        for (const auto& c : codes) {
          next.push_back(k);
          next.back().push_back(c);
        }
      keys = std::move(next);
    }
    for (const auto& key : keys) {
      if (prefilled.count(key) || blank(key)) continue;
      for (std::uint32_t d = 0; d < key.size(); ++d) s.text(row, d, key[d], CellStyle::text);
      s.number(row, layout.measure_column, value(key));
      ++row;
      ++added_rows;
    }
  }
  CHECK(added_rows > 0);
  return write(t.workbook);
}

// No error, and the level 1 and 2 rules really checked the numbers.
void validates_without_error(const std::string& bytes) {
  const auto report = validate_bytes(bytes, "ken-2024.xlsx");
  INFO(findings_text(report.findings));
  CHECK(report.errors == 0);
  for (const auto& s : report.rules) {
    INFO("rule " << s.rule);
    CHECK(s.error.empty());
    if (s.rule == "ADDITIVITY" || s.rule == "COMPLETE" || s.rule == "SAME_TOTALS") {
      CHECK(s.checked > 0);
      CHECK(s.failed == 0);
    }
  }
}

}  // namespace

TEST_CASE("template: filled with numbers that add up, and a country added, it validates with no error",
          "[template]") {
  validates_without_error(fill_additively(bundled(), false));
}

// This found a bug, now fixed: ADDITIVITY ignored a hierarchy's group, so a
// table of 5-year bands with an "Unknown" age row was also checked against
// the broad bands, where only _U is present (AGE _T == _U).
TEST_CASE("template: filled with numbers that add up, unknown categories included, it validates with no error",
          "[template]") {
  validates_without_error(fill_additively(bundled(), true));
}

TEST_CASE("template: a label that would not read back as its code is written as the code", "[template]") {
  migcheck::Rulebook rb = bundled();
  // Make "Male" ambiguous: two codes of CL_SEX claim it.
  for (auto& list : rb.codelists)
    if (list.id == "CL_SEX")
      for (auto& code : list.codes)
        if (code.id == "F")
          for (auto& [lang, text] : code.label.texts)
            if (lang == "en") text = "Male";
  const TemplateWorkbook t = migcheck::templates::build_template(rb, "en");
  const auto& s = t.workbook.sheets[t.tables[0].sheet];
  CHECK(s.cells.at({2, 2}).text == "M");
  CHECK(s.cells.at({3, 2}).text == "F");
  CHECK(s.cells.at({4, 2}).text == "Unknown");
}

TEST_CASE("template: a sheet name Excel would cut is replaced by one that still names the table", "[template]") {
  migcheck::Rulebook rb = bundled();
  rb.tables[0].id = "USUALLY_RESIDENT_POPULATION_BY_CITIZENSHIP";  // 43 characters; sheet names have 31 at most
  const TemplateWorkbook t = migcheck::templates::build_template(rb, "en");
  // Not the cut id, nor the long label: the first synonym that fits.
  CHECK(t.workbook.sheets[t.tables[0].sheet].name == "Population by citizenship");
  const auto rec = migcheck::recognise(read(write(t.workbook)), rb);
  const auto* s = sheet_rec(rec, "Population by citizenship");
  REQUIRE(s != nullptr);
  CHECK(s->table == "USUALLY_RESIDENT_POPULATION_BY_CITIZENSHIP");
}
