// The catalogue of words: every message of the readers and every interface
// word of the outputs, the template, the web page and the embedded element, in
// every language migcheck speaks, as data: one file per language
// (core/messages/<language>.json), compiled in. A new file is a new language.
//
// Keys are error ids ("zip.ratio_exceeded") and, for codes with several
// messages, "<error id>.<variant>" (see message_key in error.hpp); interface
// words are grouped by where they appear ("html.", "text.", "template.",
// "annotated." (the annotated workbook), "page.", "element."); "number.group" and "number.decimal" say how the
// language writes large numbers. "{name}" placeholders are filled by
// fill_placeholders, the one filler (web/js/words.js follows the same rules,
// tested on the same cases: tests/fixtures/words/fill-cases.json).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck {

using MessageParams = std::vector<std::pair<std::string, std::string>>;

// One embedded catalogue file: its language (the file's name) and its JSON.
struct CatalogueFile {
  std::string_view language;
  std::string_view json;
};
const std::vector<CatalogueFile>& builtin_catalogue_files();

// The languages of the catalogue, sorted ("en", "fr").
std::vector<std::string> builtin_languages();

// The template of `key` in `language`, or nullptr when the catalogue has no
// such key or language. The catalogue is parsed once, on first use
// (thread-safe); the pointer stays valid for the program's life.
const std::string* builtin_message(std::string_view language, std::string_view key);

// The word of `key` in `language`, else in English, else the key itself: for
// interface words, which every language has (the catalogue test proves it).
const std::string& builtin_word(std::string_view language, std::string_view key);

// The words of one place that shows words ("html", "text", "template"), in one
// language: Words(language, "html")("title") is the catalogue's "html.title".
class Words {
 public:
  Words(std::string_view language, std::string_view group) : language_(language), prefix_(std::string(group) + ".") {}
  const std::string& operator()(std::string_view key) const { return builtin_word(language_, prefix_ + std::string(key)); }
  const std::string& language() const noexcept { return language_; }

 private:
  std::string language_, prefix_;
};

// Whether `language` is written right to left (its catalogue's "language.direction" is "rtl").
bool right_to_left(std::string_view language);

// A number as `language` writes it: "2078862" -> "2,078,862" in English,
// "2 078 862" (narrow no-break spaces) in French, with the language's decimal
// mark. Numbers of four digits or fewer (years, versions such as 2026.1, small
// counts) and anything not a plain number stay as they are.
std::string readable_number(std::string_view value, std::string_view language);

// How fill_placeholders writes a param that is a plain number: as `language`
// writes it (rule messages, interface words), or as written (a reader's
// diagnostic quotes the file: "Cell reference \"1048577\"" must stay so).
enum class Numbers { readable, as_written };

// Fills each "{name}" of tmpl with the value of param `name`; a placeholder
// without a param stays as written, and a name runs to the nearest brace
// ("{a{b}" keeps "{a" and fills "{b}"). Values are inserted, never expanded again.
// In a right-to-left language each value is wrapped in U+2068..U+2069 (an
// isolate), so that numbers, cell references and codes read as written.
std::string fill_placeholders(std::string_view tmpl, const MessageParams& params, std::string_view language,
                              Numbers numbers = Numbers::readable);

// The diagnostic's params, followed by those of its location that they do not
// name already: part, sheet, cell, line (when known).
MessageParams message_params(const Diagnostic& d);

// The diagnostic's message in `language`: the catalogue's template for
// message_key(d) (else for error_id(d.code)) filled from message_params(d);
// d.message (English) when the catalogue has neither.
std::string render_diagnostic(const Diagnostic& d, std::string_view language);

// Every key of the catalogue in any language, sorted (for tests and tools).
std::vector<std::string> builtin_message_keys();

}  // namespace migcheck
