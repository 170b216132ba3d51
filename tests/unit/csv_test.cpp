#include <catch2/catch.hpp>

#include "migcheck/read.hpp"
#include "zip_builder.hpp"

using migcheck::CellKind;
using migcheck::ErrorCode;

namespace {
migcheck::Workbook ok(migcheck::Result<migcheck::Workbook> r) {
  if (!r.ok()) FAIL(r.error().message);
  return std::move(r).value();
}
std::string text_at(const migcheck::Workbook& wb, std::uint32_t row, std::uint32_t col) {
  const auto* c = wb.sheets[0].find(row, col);
  REQUIRE(c != nullptr);
  REQUIRE(c->kind == CellKind::text);
  return std::string(wb.text(*c));
}
}  // namespace

TEST_CASE("csv: delimiters are sniffed", "[csv]") {
  CHECK(ok(migcheck::read_csv("a,b,c\n1,2,3\n", "x.csv")).csv.delimiter == ',');
  CHECK(ok(migcheck::read_csv("Titre du tableau\nPAYS;SEXE;VALEUR\nKEN;M;1,5\nKEN;F;2,5\n", "x.csv")).csv.delimiter == ';');
  CHECK(ok(migcheck::read_csv("a\tb\n1\t2\n", "x.csv")).csv.delimiter == '\t');
  CHECK(ok(migcheck::read_csv("a|b|c\n1|2|3\n", "x.csv")).csv.delimiter == '|');
  CHECK(ok(migcheck::read_csv("\"a,b\";c\n\"d,e\";f\n", "x.csv")).csv.delimiter == ';');
}

TEST_CASE("csv: RFC 4180 quoting and line endings", "[csv]") {
  const auto wb = ok(migcheck::read_csv("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\r\n\"multi\nline\",x\r\n", "q.csv"));
  CHECK(text_at(wb, 1, 0) == "Smith, J");
  CHECK(text_at(wb, 1, 1) == "said \"hi\"");
  CHECK(text_at(wb, 2, 0) == "multi\nline");
  CHECK(text_at(wb, 2, 1) == "x");
  CHECK(wb.sheets[0].name == "q");
  CHECK(wb.sheets[0].row_count == 3);
}

TEST_CASE("csv: only plain numbers become numbers", "[csv]") {
  const auto wb = ok(migcheck::read_csv("12,-3,1.5,2e3,007,1 234,\"42\",1.,+5\n", "n.csv"));
  const auto& s = wb.sheets[0];
  CHECK(s.find(0, 0)->kind == CellKind::number);
  CHECK(s.find(0, 1)->number == -3);
  CHECK(s.find(0, 2)->number == 1.5);
  CHECK(s.find(0, 3)->number == 2000);
  CHECK(text_at(wb, 0, 4) == "007");
  CHECK(text_at(wb, 0, 5) == "1 234");
  CHECK(text_at(wb, 0, 6) == "42");  // quoted: the writer said text
  CHECK(text_at(wb, 0, 7) == "1.");
  CHECK(text_at(wb, 0, 8) == "+5");
}

TEST_CASE("csv: encodings", "[csv]") {
  SECTION("UTF-8 BOM") {
    const auto wb = ok(migcheck::read_csv("\xEF\xBB\xBFPays;Sexe\nC\xC3\xB4te d'Ivoire;F\xC3\xA9minin\n", "b.csv"));
    CHECK(wb.csv.encoding == "utf-8-bom");
    CHECK(text_at(wb, 0, 0) == "Pays");
    CHECK(text_at(wb, 1, 0) == "Côte d'Ivoire");
  }
  SECTION("UTF-16LE and BE") {
    const std::string le("\xFF\xFE" "a\0,\0\xE9\0\n\0", 10);
    const auto wb = ok(migcheck::read_csv(le, "le.csv"));
    CHECK(wb.csv.encoding == "utf-16le");
    CHECK(text_at(wb, 0, 1) == "é");
    const std::string be("\xFE\xFF\0a\0,\0b", 8);
    CHECK(text_at(ok(migcheck::read_csv(be, "be.csv")), 0, 1) == "b");
    const auto bad = migcheck::read_csv(std::string("\xFF\xFE" "a\0\x00\xD8", 6), "bad.csv");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::csv_invalid_utf16);
  }
  SECTION("Windows-1252 fallback is an info with the offset") {
    const auto wb = ok(migcheck::read_csv("Pays;Sexe\nC\xF4te d'Ivoire;F\xE9minin \x80\n", "w.csv"));
    CHECK(wb.csv.encoding == "windows-1252");
    CHECK(text_at(wb, 1, 0) == "Côte d'Ivoire");
    CHECK(text_at(wb, 1, 1) == "Féminin €");
    REQUIRE(wb.diagnostics.size() == 1);
    CHECK(wb.diagnostics[0].code == ErrorCode::csv_windows1252_fallback);
    CHECK(wb.diagnostics[0].severity == migcheck::Severity::info);
    CHECK(wb.diagnostics[0].where.offset == 11);
  }
  SECTION("Windows-1256: bytes that make Arabic words are read as Arabic, and the info says so") {
    // "الجنس,العدد\nذكور,١٢" as Python's cp1256 writes it (Arabic-Indic digits are not in Windows-1256:
    // its files hold Latin digits), then French letters that Windows-1256 keeps where Latin-1 has them.
    const std::string bytes = "\xC7\xE1\xCC\xE4\xD3,\xC7\xE1\xDA\xCF\xCF\n\xD0\xDF\xE6\xD1,12\nC\xF4te d'Ivoire,3\n";
    const auto wb = ok(migcheck::read_csv(bytes, "sdn.csv"));
    CHECK(wb.csv.encoding == "windows-1256");
    CHECK(text_at(wb, 0, 0) == "\u0627\u0644\u062c\u0646\u0633");  // الجنس
    CHECK(text_at(wb, 1, 0) == "\u0630\u0643\u0648\u0631");  // ذكور
    CHECK(text_at(wb, 2, 0) == "Côte d'Ivoire");
    REQUIRE(wb.diagnostics.size() == 1);
    CHECK(wb.diagnostics[0].code == ErrorCode::csv_windows1256_fallback);
    CHECK(wb.diagnostics[0].severity == migcheck::Severity::info);
    CHECK(wb.diagnostics[0].where.offset == 0);
  }
  SECTION("a French Windows-1252 file whose capitals sit alone stays Windows-1252") {
    const auto wb = ok(migcheck::read_csv("Pays;Sexe\n\xC9gypte;F\xE9minin\n\xC9rythr\xE9e;Masculin\n", "fr.csv"));
    CHECK(wb.csv.encoding == "windows-1252");
    CHECK(text_at(wb, 1, 0) == "Égypte");
  }
  SECTION("capitals side by side inside a Latin word stay Windows-1252 (POPULAÇÃO, NAÇÕES, CRÉÉ)") {
    const auto wb = ok(migcheck::read_csv("POPULA\xC7\xC3O;NA\xC7\xD5ES\nCR\xC9\xC9;1\n", "pt.csv"));
    CHECK(wb.csv.encoding == "windows-1252");
    CHECK(text_at(wb, 0, 0) == "POPULAÇÃO");
  }
}

TEST_CASE("csv: limits", "[csv][limits]") {
  migcheck::ReadOptions options;
  SECTION("unterminated quote names its line") {
    auto r = migcheck::read_csv("a,b\n1,\"open\n2,3\n", "u.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::csv_unterminated_quote);
    CHECK(r.error().where.line == 2);
    CHECK(r.error().message == "The quoted field that starts on line 2 (cell B2) is never closed.");
  }
  SECTION("too many fields") {
    options.limits.max_csv_fields = 4;
    CHECK(migcheck::read_csv("a,b,c,d\n", "f.csv", options).ok());
    CHECK(migcheck::read_csv("a,b,c,d,e\n", "f.csv", options).error().code == ErrorCode::csv_too_many_fields);
  }
  SECTION("field too long, counted in characters") {
    options.limits.max_cell_text = 3;
    CHECK(migcheck::read_csv("\xC3\xA9\xC3\xA9\xC3\xA9,b\n", "l.csv", options).ok());
    CHECK(migcheck::read_csv("abcd,b\n", "l.csv", options).error().code == ErrorCode::csv_field_too_long);
  }
}

TEST_CASE("sniffing: non-spreadsheets get a message saying what they are", "[sniff]") {
  CHECK(migcheck::read_workbook("", "e.xlsx").error().code == ErrorCode::file_empty);
  CHECK(migcheck::read_workbook("%PDF-1.4\n...", "r.xlsx").error().code == ErrorCode::file_pdf);
  CHECK(migcheck::read_workbook(std::string("\x89PNG\r\n\x1A\n\0\0", 10), "p.xlsx").error().code == ErrorCode::file_image);
  CHECK(migcheck::read_workbook(std::string("\x01\x02\0\x03", 4), "b.bin").error().code == ErrorCode::file_not_spreadsheet);
  migcheck::ReadOptions small;
  small.limits.max_input_bytes = 3;
  CHECK(migcheck::read_workbook("a,b,c", "big.csv", small).error().code == ErrorCode::file_too_large);
}

TEST_CASE("sniffing: .xlsb, an .ods with a deflated mimetype, UTF-16 without a BOM (issue 15)", "[sniff]") {
  using testing::build_zip;
  // An Excel Binary Workbook used to be "The XML part has no root element (in xl/workbook.bin)".
  const std::string rels =
      "<Relationships><Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>";
  const std::string binary("\x83\x01\x00\x80\x01\x00", 6);
  CHECK(migcheck::read_workbook(build_zip({{"_rels/.rels", rels}, {"xl/workbook.bin", binary}}), "b.xlsb").error().code ==
        ErrorCode::file_xlsb);
  CHECK(migcheck::read_workbook(build_zip({{"xl/workbook.bin", binary}}), "b.xlsx").error().code == ErrorCode::file_xlsb);
  // ODS: a stored mimetype was recognised from the first bytes; a deflated one was "not an Excel workbook".
  const std::string ods_type = "application/vnd.oasis.opendocument.spreadsheet";
  for (bool deflate : {false, true}) {
    INFO("deflated " << deflate);
    CHECK(migcheck::read_workbook(build_zip({{"mimetype", ods_type, deflate}, {"content.xml", "<x/>"}}), "s.ods").error().code ==
          ErrorCode::file_ods);
  }
  CHECK(migcheck::read_workbook(build_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}}), "t.odt").error().code ==
        ErrorCode::xlsx_missing_part);
  // UTF-16 without a byte-order mark: said so, both byte orders, Arabic too.
  auto utf16 = [](const std::u16string& text, bool little) {
    std::string out;
    for (char16_t u : text) {
      const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
      out += little ? std::string{lo, hi} : std::string{hi, lo};
    }
    return out;
  };
  const std::u16string csv = u"REF_AREA,CITIZENSHIP,OBS_VALUE\r\nKEN,\u0645\u0635\u0631,12\r\n";
  for (bool little : {true, false}) {
    INFO("little-endian " << little);
    auto r = migcheck::read_workbook(utf16(csv, little), "u.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(migcheck::message_key(r.error()) == "csv.invalid_utf16.no_bom");
    CHECK(r.error().params[0].second == (little ? "UTF-16LE" : "UTF-16BE"));
    // With its byte-order mark, the same text reads.
    CHECK(migcheck::read_workbook((little ? std::string("\xFF\xFE") : std::string("\xFE\xFF")) + utf16(csv, little), "u.csv").ok());
  }
}

TEST_CASE("csv: short transcoded files (regression: fuzzer found a dangling view)", "[csv][regression]") {
  // Windows-1252 and UTF-16 text short enough for the small-string buffer.
  const auto cp1252 = migcheck::read_csv(std::string("K\x05\x06\xC6ioImmnt\xC3\n"), "s.csv");
  REQUIRE(cp1252.ok());
  CHECK(cp1252.value().csv.encoding == "windows-1252");
  CHECK(cp1252.value().text(cp1252.value().sheets[0].cells[0]) == "K\x05\x06\xC3\x86ioImmnt\xC3\x83");
  const auto utf16 = migcheck::read_csv(std::string("\xFF\xFE" "a\0;\0b\0", 8), "s.csv");
  REQUIRE(utf16.ok());
  CHECK(utf16.value().csv.delimiter == ';');
  CHECK(utf16.value().sheets[0].cells.size() == 2);
}

TEST_CASE("sniffing: short and look-alike headers (regressions found by the fuzzer)", "[sniff][regression]") {
  CHECK(migcheck::read_workbook(std::string("RIFF2\0", 6), "r.bin").error().code == ErrorCode::file_not_spreadsheet);
  // "MM" and "II*" start TIFF images only when followed by their binary bytes.
  const auto mmr = migcheck::read_workbook("MMR;KEN\n1;2\n", "codes.csv");
  REQUIRE(mmr.ok());
  CHECK(mmr.value().format == migcheck::FileFormat::csv);
  CHECK(migcheck::read_workbook("II*,x\n", "i.csv").ok());
  CHECK(migcheck::read_workbook(std::string("II*\0\x08\0\0\0", 8), "t.tif").error().code == ErrorCode::file_image);
}
