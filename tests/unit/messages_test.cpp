// The built-in message catalogue (core/messages/<language>.json): every reader
// error and diagnostic renders in English and French from data, with every
// placeholder filled by what the reader actually reports.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "io/xml_scanner.hpp"
#include "io/zip.hpp"
#include "migcheck/annotate.hpp"
#include "migcheck/assemble.hpp"
#include "migcheck/messages.hpp"
#include "migcheck/validate.hpp"
#include "migcheck/read.hpp"
#include "test_support.hpp"
#include "zip_builder.hpp"

using migcheck::Diagnostic;
using migcheck::ErrorCode;
using testing::build_zip;
using testing::put16;
using testing::put32;
using testing::workbook_items;
using testing::ZipItem;

namespace {

const char* const kLanguages[] = {"en", "fr", "ar"};

// A word of one place that shows words (the HTML and text reports, the
// template, the page, the element), not a reader's message.
bool interface_word(const std::string& key) {
  for (const char* group : {"html.", "text.", "template.", "annotated.", "page.", "element.", "number.", "language.", "punctuation."})
    if (key.rfind(group, 0) == 0) return true;
  return false;
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex re("\\{([a-z_]+)\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) names.insert((*it)[1]);
  return names;
}

bool has_param(const std::vector<std::pair<std::string, std::string>>& params, const std::string& name) {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

// Placeholders a template may take from the diagnostic's location rather than
// its params (kept out of params so that documented JSON stays as it is).
bool from_location(const std::string& key, const std::string& name) {
  return key == "csv.unterminated_quote" && name == "cell";
}

// The checks every diagnostic a reader produces must pass.
void check_renders(const Diagnostic& d) {
  const std::string key = migcheck::message_key(d);
  INFO("key " << key << ": " << d.message);
  for (const char* language : kLanguages) {
    INFO("language " << language);
    const std::string* tmpl = migcheck::builtin_message(language, key);
    REQUIRE(tmpl != nullptr);
    for (const std::string& name : placeholders(*tmpl)) {
      INFO("placeholder {" << name << "}");
      if (from_location(key, name)) CHECK(has_param(migcheck::message_params(d), name));
      else CHECK(has_param(d.params, name));
    }
    const std::string text = migcheck::render_diagnostic(d, language);
    CHECK(placeholders(text).empty());
    CHECK_FALSE(text.empty());
    if (std::string(language) == "en") CHECK(text == d.message);  // the catalogue says what the C++ said
    else CHECK(text != d.message);
  }
}

struct Collected {
  std::vector<Diagnostic> diagnostics;
  std::set<std::string> keys;
  void add(const Diagnostic& d) {
    diagnostics.push_back(d);
    keys.insert(migcheck::message_key(d));
  }
  template <class T>
  void add(const migcheck::Result<T>& r) {
    REQUIRE_FALSE(r.ok());
    add(r.error());
  }
  void add_read(const std::string& bytes, const std::string& name, const migcheck::Limits& limits = {}) {
    migcheck::ReadOptions options;
    options.limits = limits;
    INFO("file " << name);
    auto r = migcheck::read_workbook(bytes, name, options);
    if (r.ok()) {
      REQUIRE_FALSE(r.value().diagnostics.empty());
      for (const auto& d : r.value().diagnostics) add(d);
    } else {
      add(r.error());
    }
  }
};

std::string read_fixture(const std::string& relative) {
  const std::string bytes = slurp(std::string(MIGCHECK_FIXTURES) + "/" + relative);
  REQUIRE_FALSE(relative.empty());
  return bytes;
}

Diagnostic read_error(const std::string& relative) {
  const auto slash = relative.find_last_of('/');
  auto r = migcheck::read_workbook(read_fixture(relative), relative.substr(slash + 1));
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// Every committed hostile fixture, read as the CLI reads it.
Collected hostile_fixtures() {
  Collected c;
  const std::filesystem::path dir = std::filesystem::path(MIGCHECK_FIXTURES) / "hostile";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string bytes = slurp(file.string());
    auto r = migcheck::read_workbook(bytes, file.filename().string());
    if (!r.ok()) c.add(r.error());
    else
      for (const auto& d : r.value().diagnostics) c.add(d);
  }
  return c;
}

// Crafted inputs for the messages no committed fixture produces.
Collected crafted() {
  Collected c;
  using migcheck::io::XmlScanner;
  using Token = XmlScanner::Token;
  // XML: one document per way of being malformed.
  const std::vector<std::pair<std::string, std::uint32_t>> documents = {
      {"<a>", 256},       {"", 256},          {"<a><", 256},          {"<?xml", 256},        {"<a><!-- x", 256},
      {"<a><![CDATA[x", 256}, {"<a><!FOO>", 256}, {"<a>< b/>", 256}, {"<a", 256},           {"<a/ >", 256},
      {"<a =\"1\">", 256}, {"<a b>", 256},      {"<a b=1>", 256},       {"<a b=\"1>", 256},    {"<a b=\"<\">", 256},
      {"<a/><b/>", 256},  {"<a></a x>", 256},  {"<a/></b>", 256},      {"<a>\n</b>", 256},    {"<a><b><c/></b></a>", 2},
      {"<!DOCTYPE a><a/>", 256}, {"text<a/>", 256}};
  for (const auto& [doc, depth] : documents) {
    XmlScanner s(doc, "xl/worksheets/sheet1.xml", depth);
    Token t;
    do t = s.next();
    while (t != Token::error && t != Token::eof);
    INFO("document " << doc);
    REQUIRE(t == Token::error);
    c.add(s.error());
  }
  for (const std::string doc : {"<t>&foo;</t>", "<t>&#0;</t>", "<t>a & b</t>"}) {
    XmlScanner s(doc, "xl/sharedStrings.xml", 256);
    REQUIRE(s.next() == Token::start);
    std::string scratch;
    c.add(s.element_text(scratch));
  }

  // Zip containers.
  const migcheck::Limits limits;
  auto open = [&](const std::string& bytes) { return migcheck::io::ZipArchive::open(bytes, limits); };
  auto read_first = [&](const std::string& bytes) {
    auto zip = open(bytes);
    REQUIRE(zip.ok());
    c.add(zip.value().read(zip.value().entries()[0]));
  };
  const std::string plain = build_zip({{"a.xml", std::string(300, 'a')}});
  const std::size_t eocd = plain.size() - 22, central = plain.find("PK\x01\x02");
  auto patch32 = [](std::string bytes, std::size_t at, std::uint32_t v) {
    std::string le;
    put32(le, v);
    bytes.replace(at, 4, le);
    return bytes;
  };
  auto patch16 = [](std::string bytes, std::size_t at, std::uint32_t v) {
    std::string le;
    put16(le, v);
    bytes.replace(at, 2, le);
    return bytes;
  };
  c.add(open(std::string("PK\x05\x06", 4) + "short"));                           // too_short
  c.add(open(patch32(plain, eocd + 16, 0x7FFFFFF0)));                            // directory beyond the end
  read_first(patch32(plain, central + 42, 0x7FFFFFF0));                          // entry beyond the end
  read_first(patch32(plain, central + 20, 0x00FFFFFF));                          // entry data cut short
  c.add(open(patch16(patch16(plain, eocd + 8, 50), eocd + 10, 50)));             // directory too small
  c.add(open(patch32(plain, central, 0x12345678)));                              // directory entry damaged
  c.add(open(patch16(plain, central + 28, 0xFFFF)));                             // entry overruns the directory
  c.add(open(patch32(plain, central + 24, 0xFFFFFFFF)));                         // ZIP64 sizes missing
  c.add(open(patch32(patch16(patch16(plain, eocd + 8, 0xFFFF), eocd + 10, 0xFFFF), eocd + 12, 0xFFFFFFFF)));
  {
    std::string locator;
    put32(locator, 0x07064b50);
    put32(locator, 0);
    put32(locator, 0x7FFFFF);  // record offset (low), nowhere near a record
    put32(locator, 0);
    put32(locator, 1);
    std::string bytes = plain;
    bytes.insert(eocd, locator);
    c.add(open(bytes));  // ZIP64 record missing
  }
  read_first(patch32(plain, 0, 0x12345678));                                     // local header missing
  read_first(patch16(plain, 8, 0));                                              // local header disagrees
  c.add(open(patch16(plain, central + 34, 1)));                                  // entry on another disk
  {
    ZipItem stored{"s.xml", "0123456789", false};
    stored.declared_size = 4;
    read_first(build_zip({stored}));
    ZipItem garbage{"g.xml", std::string(64, '\xFF'), false};
    garbage.method = 8;
    read_first(build_zip({garbage}));
  }

  // Whole files through read_workbook.
  c.add_read(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "doc.doc");
  c.add_read(std::string("PK\x07\x08", 4) + "part", "a.z01");
  {
    migcheck::Limits small;
    small.max_input_bytes = 3;
    c.add_read("a,b\n", "big.csv", small);
  }
  {
    auto items = workbook_items("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    items.erase(std::remove_if(items.begin(), items.end(), [](const ZipItem& i) { return i.name == "xl/worksheets/sheet1.xml"; }),
                items.end());
    c.add_read(build_zip(items), "nosheetpart.xlsx");
  }
  {
    auto items = workbook_items("");
    for (auto& i : items)
      if (i.name == "xl/workbook.xml")
        i.data = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>";
    c.add_read(build_zip(items), "nosheets.xlsx");
  }
  {
    migcheck::Limits narrow;
    narrow.max_columns = 2;
    c.add_read(build_zip(workbook_items("<row r=\"1\"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>")),
               "implicit.xlsx", narrow);
    migcheck::Limits short_text;
    short_text.max_cell_text = 3;
    c.add_read(build_zip(workbook_items("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", "<si><t>abcdef</t></si>")),
               "sst.xlsx", short_text);
    migcheck::Limits few_rows;
    few_rows.max_rows = 2;
    c.add_read("a\nb\nc\n", "rows.csv", few_rows);
  }
  {
    std::string formulas = "<row r=\"1\">";
    for (int i = 0; i < 105; ++i) formulas += "<c><f>1+1</f></c>";
    formulas += "</row><row r=\"2\"><c r=\"A2\" t=\"zz\"><v>7</v></c></row>";
    c.add_read(build_zip(workbook_items(formulas)), "formulas.xlsx");
  }
  {
    migcheck::Limits few_cells;
    few_cells.max_total_cells = 1;
    c.add_read("a,b\n", "cells.csv", few_cells);
    auto items = workbook_items("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    for (auto& i : items) {
      if (i.name == "xl/workbook.xml")
        i.data = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                 "<sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Two\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
    }
    c.add_read(build_zip(items), "shared.xlsx");
  }
  c.add_read(std::string("\xFF\xFE" "a\0" "\x3D\xD8", 6), "cut.csv");
  c.add_read(std::string("\xFF\xFE" "a\0" "\x3D\xD8" "b\0", 8), "unpaired.csv");
  c.add_read("Pays,Valeur\nComores,1\nC\xF4te d'Ivoire,2\n", "latin1.csv");
  c.add_read("\xC7\xE1\xCC\xE4\xD3\xED\xC9,\xC7\xE1\xDA\xCF\xCF\n\xE3\xD5\xD1,1\n", "arabic1256.csv");  // الجنسية,العدد / مصر

  // Annotation: a CSV, and a Strict OOXML workbook.
  {
    const std::string csv = "SEX,OBS_VALUE\nM,1\n";
    const auto report = migcheck::validate({{"a.csv", csv}}, bundled());
    c.add(migcheck::annotate_xlsx(csv, report, 0, bundled()));
    auto items = workbook_items("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    for (auto& i : items)
      if (i.name == "xl/workbook.xml")
        i.data = "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
                 "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\"><sheets>"
                 "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const std::string strict = build_zip(items);
    const auto strict_report = migcheck::validate({{"strict.xlsx", strict}}, bundled());
    c.add(migcheck::annotate_xlsx(strict, strict_report, 0, bundled()));
  }
  // Assembly: nothing recognised, two versions of one table, two years.
  {
    const std::string header = "REF_AREA,TIME_PERIOD,CITIZENSHIP,AGE,SEX,OBS_VALUE\n";
    const std::string y2024 = header + "KEN,2024,KEN,_T,_T,5\n", y2023 = header + "KEN,2023,KEN,_T,_T,5\n";
    c.add(migcheck::assemble_return(migcheck::validate({{"a.csv", "SEX,OBS_VALUE\nM,1\n"}}, bundled()), bundled(), "en"));
    c.add(migcheck::assemble_return(
        migcheck::validate({{"ken-pop_ctz.csv", y2024}, {"ken-pop_ctz-again.csv", y2024}}, bundled()), bundled(), "en"));
    c.add(migcheck::assemble_return(
        migcheck::validate({{"ken-2024-pop_ctz.csv", y2024}, {"ken-2023-pop_ctz.csv", y2023}}, bundled()), bundled(), "en"));
  }
  return c;
}

}  // namespace

TEST_CASE("messages: every language's catalogue has the keys and placeholders of every other", "[messages]") {
  const auto& files = migcheck::builtin_catalogue_files();
  REQUIRE(files.size() >= 2);
  std::set<std::string> ids;
  for (ErrorCode code : migcheck::kAllErrorCodes) ids.insert(migcheck::error_id(code));
  // A key is an error id, or an error id and a variant, or an interface word.
  auto known = [&](const std::string& key) {
    return interface_word(key) || ids.count(key) > 0 || std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
             return key.size() > id.size() + 1 && key.compare(0, id.size(), id) == 0 && key[id.size()] == '.' &&
                    key.find('.', id.size() + 1) == std::string::npos;
           });
  };
  std::map<std::string, std::map<std::string, std::set<std::string>>> all;  // language -> key -> placeholders
  for (const auto& file : files) {
    INFO("language " << file.language);
    const auto json = nlohmann::json::parse(file.json);
    REQUIRE(json.is_object());
    std::map<std::string, std::set<std::string>> mine;
    for (const auto& [key, text] : json.items()) {
      INFO("key " << key);
      CHECK(known(key));
      REQUIRE(text.is_string());
      const std::string value = text;
      CHECK_FALSE(value.empty());
      // Braces only around placeholders.
      CHECK(std::regex_replace(value, std::regex("\\{[A-Za-z_]+\\}"), "").find_first_of("{}") == std::string::npos);
      mine[key] = placeholders(value);
      const std::string* stored = migcheck::builtin_message(std::string(file.language), key);
      REQUIRE(stored != nullptr);
      CHECK(*stored == value);
    }
    all[std::string(file.language)] = mine;
  }
  REQUIRE(all.count("en"));
  const auto& english = all["en"];
  for (const auto& [language, mine] : all) {
    INFO("language " << language);
    for (const auto& [key, names] : english) {
      INFO("key " << key << " is in English");
      REQUIRE(mine.count(key));
      CHECK(mine.at(key) == names);
    }
    for (const auto& entry : mine) {
      INFO("key " << entry.first);
      CHECK(english.count(entry.first));
    }
  }
  CHECK(english.size() == migcheck::builtin_message_keys().size());
  CHECK(migcheck::builtin_languages() == std::vector<std::string>{"ar", "en", "fr"});
}

TEST_CASE("messages: every error code has a message in every language", "[messages]") {
  REQUIRE(std::size(migcheck::kAllErrorCodes) == static_cast<std::size_t>(ErrorCode::csv_windows1256_fallback));
  for (ErrorCode code : migcheck::kAllErrorCodes) {
    const std::string id = migcheck::error_id(code);
    INFO("id " << id);
    CHECK(id != "unknown");
    CHECK(id != "ok");
    for (const char* language : kLanguages) CHECK(migcheck::builtin_message(language, id) != nullptr);
  }
}

TEST_CASE("messages: French follows French typography", "[messages]") {
  for (const std::string& key : migcheck::builtin_message_keys()) {
    const std::string* fr = migcheck::builtin_message("fr", key);
    REQUIRE(fr != nullptr);
    INFO(key << ": " << *fr);
    CHECK(fr->find('"') == std::string::npos);  // « » instead
    // « and » with an inner space; a space before ; : ? ! (XML entities such as &lt; aside).
    // A no-break space (U+00A0) is a space.
    const std::string text = std::regex_replace(
        std::regex_replace(std::regex_replace(*fr, std::regex("\xC2\xA0"), " "), std::regex("\\{[a-z_]+\\}"), "x"),
        std::regex("&[#a-z0-9{}_]+;"), "E");
    CHECK_FALSE(std::regex_search(text, std::regex("«[^ ]|[^ ]»")));
    CHECK_FALSE(std::regex_search(text, std::regex("[^ .][;:?!](\\s|$)")));
  }
}

TEST_CASE("messages: builtin_message", "[messages]") {
  CHECK(migcheck::builtin_message("fr", "no.such_key") == nullptr);
  CHECK(migcheck::builtin_message("sw", "file.empty") == nullptr);
  CHECK(migcheck::builtin_message("", "file.empty") == nullptr);
  REQUIRE(migcheck::builtin_message("fr", "file.empty") != nullptr);
  CHECK(migcheck::builtin_message("fr", "file.empty") == migcheck::builtin_message("fr", "file.empty"));

}

// The cases web/js/words.js passes too (tests/node/words.test.mjs): one filler's rules, in C++ and JavaScript.
TEST_CASE("messages: fill_placeholders on the shared cases", "[messages]") {
  const auto cases = nlohmann::json::parse(slurp(std::string(MIGCHECK_FIXTURES) + "/words/fill-cases.json"));
  REQUIRE(cases.size() >= 15);
  for (const auto& c : cases) {
    INFO(c["note"].get<std::string>());
    migcheck::MessageParams params;
    for (const auto& p : c["params"]) params.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
    const auto numbers = c.value("numbers", "readable") == "as_written" ? migcheck::Numbers::as_written : migcheck::Numbers::readable;
    CHECK(migcheck::fill_placeholders(c["template"].get<std::string>(), params, c["language"].get<std::string>(), numbers) ==
          c["expected"].get<std::string>());
  }
}

TEST_CASE("messages: every hostile fixture renders in English and French, placeholders filled", "[messages]") {
  const Collected c = hostile_fixtures();
  CHECK(c.diagnostics.size() >= 30);
  for (const Diagnostic& d : c.diagnostics) check_renders(d);
  // The fixtures cover these messages at least.
  for (const char* key : {"file.empty", "file.legacy_xls", "file.encrypted", "file.encrypted.entry", "file.ods",
                          "file.pdf", "file.image", "file.not_spreadsheet", "zip.ratio_exceeded",
                          "zip.entry_too_large", "zip.total_too_large", "zip.crc_mismatch", "zip.truncated",
                          "zip.duplicate_entry", "zip.unsupported_method", "zip.too_many_entries", "xml.doctype",
                          "xml.too_deep", "xlsx.missing_part", "xlsx.shared_string_out_of_range",
                          "xlsx.text_too_long", "xlsx.formula_without_value", "csv.unterminated_quote",
                          "csv.too_many_fields", "csv.field_too_long"})
    CHECK(c.keys.count(key) == 1);
}

TEST_CASE("messages: crafted inputs reach every message of the catalogue", "[messages]") {
  Collected c = crafted();
  for (const Diagnostic& d : c.diagnostics) check_renders(d);
  for (const Diagnostic& d : hostile_fixtures().diagnostics) c.keys.insert(migcheck::message_key(d));
  // Fallbacks for a code whose every message has a variant, and running out of memory.
  const std::set<std::string> unreached = {"zip.malformed", "xml.malformed", "xml.bad_entity", "zip.size_mismatch",
                                           "zip.inflate_failed", "csv.invalid_utf16", "zip.inflate_failed.out_of_memory",
                                           "zip.inflate_failed.out_of_memory_inflater"};
  for (const std::string& key : migcheck::builtin_message_keys()) {
    if (interface_word(key)) continue;  // tests/unit/html_test.cpp, tests/node/words.test.mjs
    INFO("key " << key);
    CHECK(c.keys.count(key) + unreached.count(key) == 1);
  }
}

TEST_CASE("messages: a diagnostic without a catalogue entry falls back", "[messages]") {
  Diagnostic d = migcheck::make_error(ErrorCode::xml_malformed, "Original (in p, line 2)", {}, {{"part", "p"}, {"line", "2"}},
                                      "no_such_variant");
  CHECK(migcheck::message_key(d) == "xml.malformed.no_such_variant");
  CHECK(migcheck::render_diagnostic(d, "fr") ==
        "Dans p, ligne 2 : le XML est mal formé. Enregistrez de nouveau le classeur au format .xlsx depuis votre tableur.");
  CHECK(migcheck::render_diagnostic(d, "sw") == "Original (in p, line 2)");
  d.code = ErrorCode::ok;
  d.variant = {};
  CHECK(migcheck::message_key(d) == "ok");
  CHECK(migcheck::render_diagnostic(d, "fr") == "Original (in p, line 2)");
}

TEST_CASE("messages: exact French for hostile files", "[messages]") {
  CHECK(migcheck::render_diagnostic(read_error("hostile/zip-bomb.xlsx"), "fr") ==
        "L'élément « xl/worksheets/sheet1.xml » grossirait 1028 fois à la décompression (150 Mio) : cela "
        "ressemble à une bombe de décompression. Le maximum accepté est 200 fois. Demandez à l'expéditeur de "
        "renvoyer le fichier d'origine.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/truncated.xlsx"), "fr") ==
        "Le fichier n'est pas une archive zip complète (l'enregistrement de fin du répertoire central manque) : "
        "il a sans doute été coupé pendant une copie ou un téléchargement. Envoyez de nouveau le fichier d'origine.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/legacy.xls"), "fr") ==
        "Ce fichier est un ancien classeur Excel 97-2003 (.xls). Ouvrez-le et enregistrez-le au format Classeur "
        "Excel (.xlsx), puis réessayez.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/unterminated-quote.csv"), "fr") ==
        "Le champ entre guillemets qui commence à la ligne 3 (cellule A3) n'est jamais fermé. Ajoutez le guillemet "
        "fermant, ou retirez le guillemet ouvrant.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/total-too-large.xlsx"), "fr") ==
        "Une fois décompressés, les éléments de l'archive occuperaient plus de 2048 Mio au total (limite atteinte "
        "à « xl/worksheets/sheet3.xml »). Répartissez les données sur plusieurs fichiers.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/malformed-xml.xlsx"), "fr") ==
        "Dans xl/worksheets/sheet1.xml, ligne 2 : la balise de fermeture </row> ne ferme pas <c>. Enregistrez de "
        "nouveau le classeur au format .xlsx depuis votre tableur.");
  CHECK(migcheck::render_diagnostic(read_error("hostile/bad-utf16.csv"), "fr") ==
        "Le fichier commence par un indicateur d'ordre des octets (BOM) UTF-16, mais il contient un caractère "
        "UTF-16 incomplet (octet 16). Enregistrez-le de nouveau au format CSV UTF-8.");
  // The same through the catalogue's two functions, as a caller holding only key and params would.
  const Diagnostic bomb = read_error("hostile/zip-bomb.xlsx");
  CHECK(migcheck::message_key(bomb) == "zip.ratio_exceeded");
  CHECK(migcheck::fill_placeholders(*migcheck::builtin_message("en", "zip.ratio_exceeded"), bomb.params, "en", migcheck::Numbers::as_written) ==
        "Entry \"xl/worksheets/sheet1.xml\" would expand 1028 times (150 MiB): this looks like a zip bomb; at most "
        "200 times is allowed.");
}
