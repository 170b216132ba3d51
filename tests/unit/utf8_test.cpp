// The one UTF-8 module (util/utf8.hpp): every reader and writer decodes,
// validates and encodes through it, so an invalid byte is treated alike
// everywhere, natively and in wasm.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "migcheck/validate.hpp"
#include "test_support.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"
#include "workbook_builder.hpp"

namespace {

std::vector<std::uint32_t> code_points(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(migcheck::util::next_code_point(s, i));
  return out;
}

}  // namespace

TEST_CASE("utf8: valid sequences of one to four bytes decode and encode back", "[utf8]") {
  const std::string text = "A\xC3\xA9\xE2\x80\xAF\xF0\x9F\x98\x80";  // A é U+202F 😀
  CHECK(code_points(text) == std::vector<std::uint32_t>{0x41, 0xE9, 0x202F, 0x1F600});
  std::string back;
  for (auto cp : code_points(text)) migcheck::util::append_utf8(back, cp);
  CHECK(back == text);
  CHECK(migcheck::util::find_invalid_utf8(text) == std::string::npos);
  CHECK(migcheck::util::valid_utf8(text) == text);
}

TEST_CASE("utf8: invalid, overlong, truncated and surrogate sequences are U+FFFD, one byte each", "[utf8]") {
  using migcheck::util::kReplacementCharacter;
  const std::uint32_t R = kReplacementCharacter;
  CHECK(code_points("\xFF") == std::vector<std::uint32_t>{R});                     // never a UTF-8 byte
  CHECK(code_points("\xC0\xAF") == std::vector<std::uint32_t>{R, R});              // overlong "/"
  CHECK(code_points("\xE0\x80\xAF") == std::vector<std::uint32_t>{R, R, R});       // overlong, three bytes
  CHECK(code_points("\xED\xA0\x80") == std::vector<std::uint32_t>{R, R, R});       // an encoded surrogate
  CHECK(code_points("\xF4\x90\x80\x80") == std::vector<std::uint32_t>{R, R, R, R});  // beyond U+10FFFF
  CHECK(code_points("\xE2\x82") == std::vector<std::uint32_t>{R, R});              // truncated
  CHECK(code_points("a\x80z") == std::vector<std::uint32_t>{'a', R, 'z'});         // a lone continuation byte
  CHECK(migcheck::util::find_invalid_utf8("ok\xC0\xAF") == 2);
  CHECK(migcheck::util::find_invalid_utf8("ok\xED\xA0\x80") == 2);
  CHECK(migcheck::util::valid_utf8("Caf\xE9") == "Caf\xEF\xBF\xBD");  // a Latin-1 byte
}

TEST_CASE("utf8: the characters XML 1.0 allows", "[utf8]") {
  using migcheck::util::is_xml_char;
  CHECK(is_xml_char('\t'));
  CHECK(is_xml_char(0xE9));
  CHECK(is_xml_char(0x1F600));
  CHECK_FALSE(is_xml_char(0x1));
  CHECK_FALSE(is_xml_char(0xFFFE));
  CHECK_FALSE(is_xml_char(0xD800));
  CHECK_FALSE(is_xml_char(0x110000));
}

TEST_CASE("utf8: an invalid byte in a cell or a Latin-1 file name never makes a report invalid", "[utf8][report]") {
  const std::string bytes = workbook({{"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
                                      {"ABR", {{"Country of residence", "Sex", "Value"}, {"Ugan\xFF" "da", "Male", "1"}}}});
  const auto report = migcheck::validate({{"ken-2024-\xE9t\xE9.xlsx", bytes}}, bundled());
  for (const std::string& text : {migcheck::report_json(report), migcheck::report_sarif(report, bundled()),
                                  migcheck::report_html(report, bundled()), migcheck::report_junit(report),
                                  migcheck::report_text(report)})
    CHECK(migcheck::util::find_invalid_utf8(text) == std::string::npos);
  bool said = false;
  for (const auto& f : report.findings) said = said || f.message.find("Ugan\xEF\xBF\xBD" "da") != std::string::npos;
  CHECK(said);  // the label as read, its bad byte shown as U+FFFD
}

TEST_CASE("utf8: characters XML cannot hold (U+FFFE, controls) never reach JUnit or HTML", "[utf8][report]") {
  const std::string nonchar = "\xEF\xBF\xBE";
  const std::string bytes = workbook({{"Metadata", {{"Reporting country", "Kenya"}, {"Reference year", "2024"}}},
                                      {"ABR", {{"Country of residence", "Sex", "Value"}, {"Ugan" + nonchar + "da\x01", "Male", "1"}}}});
  const auto report = migcheck::validate({{"ken-2024.xlsx", bytes}}, bundled());
  for (const std::string& text : {migcheck::report_junit(report), migcheck::report_html(report, bundled())}) {
    CHECK(text.find(nonchar) == std::string::npos);
    CHECK(text.find('\x01') == std::string::npos);
    CHECK(text.find("Ugan\xEF\xBF\xBD" "da") != std::string::npos);
  }
}

TEST_CASE("utf8: quoted text is clipped on a code point boundary (issue 15)", "[utf8][limits]") {
  using migcheck::util::clipped;
  CHECK(clipped("Kenya") == "Kenya");
  CHECK(clipped(std::string(200, 'x')) == std::string(200, 'x'));
  CHECK(clipped(std::string(201, 'x')) == std::string(200, 'x') + "\xE2\x80\xA6");
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "\xC3\xA9";  // é, two bytes each
  const std::string cut = clipped(accents);
  CHECK(cut.size() == 400 + 3);
  CHECK(cut.substr(0, 400) == accents.substr(0, 400));
  CHECK(migcheck::util::valid_utf8(cut) == cut);
  CHECK(clipped("\xF0\x9F\x9B\x82\xF0\x9F\x9B\x82\xF0\x9F\x9B\x82", 2) == "\xF0\x9F\x9B\x82\xF0\x9F\x9B\x82\xE2\x80\xA6");
  std::vector<std::pair<std::string, std::string>> params = {{"value", std::string(5000, 'v')}, {"cells", std::string(300, 'c')}};
  migcheck::util::clip_quoted_params(params);
  CHECK(params[0].second == std::string(200, 'v') + "\xE2\x80\xA6");
  CHECK(params[1].second.size() == 300);  // not a quote of the file: the program's own list
}
