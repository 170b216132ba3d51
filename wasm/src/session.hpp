// A validation session for the page: one rulebook, the last report, and the
// writers of that report (JSON, HTML, SARIF, SDMX-CSV...). Keeping the report
// here lets the page download it in any format, and draw the recognised data,
// without validating again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/migcheck.hpp"

namespace migcheck_wasm {

// A file's bytes in memory C++ owns, left uninitialised until they are copied
// in (a std::string would first write zeros over a 20 MB file).
class Bytes {
 public:
  explicit Bytes(std::size_t size) : data_(new char[size == 0 ? 1 : size]), size_(size) {}
  char* data() noexcept { return data_.get(); }
  std::string_view view() const noexcept { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_;
};

struct SessionInput {
  std::string name;
  Bytes bytes;            // the file, copied once from JavaScript into the wasm heap
  bool previous = false;  // last year's return (migcheck::Input::previous)
};

// Why a call gave no value: a stable id (docs/web.md lists them), an English
// message for the developer, and for an unusable rulebook or mapping its
// problems ([{"path","message"}...] as JSON). JavaScript gets it as a MigcheckError.
struct Failure {
  std::string id;
  std::string message;
  std::string problems_json;
  std::vector<std::pair<std::string, std::string>> params;  // a reader's error's facts (limit, value...)
};

// A value, or the failure that stopped it.
template <class T>
struct Outcome {
  std::optional<T> value;
  Failure failure;
  static Outcome of(T v) { return {std::move(v), {}}; }
  static Outcome failed(Failure f) { return {std::nullopt, std::move(f)}; }
};

struct SessionOptions {
  std::string language = "en";
  bool browser_limits = true;
  std::size_t max_findings_per_file = 10'000;
  std::string mapping_json;  // a mapping file's text (docs/mapping.md); "" for none
  bool part = false;         // one agency's part of a return (docs/agencies.md)
  std::function<void(const migcheck::Progress&)> progress;
};

class Session {
 public:
  // An empty text means the bundled rulebook.
  explicit Session(std::string_view rulebook_json);

  bool usable() const noexcept { return load_.ok(); }
  // The loaded rulebook; only when usable().
  const migcheck::Rulebook& rulebook() const { return *load_.rulebook; }
  // rulebook_info_json of the loaded rulebook ("" when unusable).
  std::string rulebook_info_json() const;

  // Validates the inputs as one return: the JSON of `migcheck validate
  // --format json` (docs/report.md); fails with rulebook.unusable or mapping.unusable.
  Outcome<std::string> validate(const std::vector<SessionInput>& inputs, const SessionOptions& options);

  // The last report as "json", "text", "junit", "sarif", "html" or "sdmx-csv";
  // fails with report.none or format.unknown.
  Outcome<std::string> format(std::string_view name, bool strict) const;

  // A blank return for the loaded rulebook (migcheck::return_template), its
  // texts in `language`; fails with rulebook.unusable.
  Outcome<std::string> template_xlsx(std::string_view language) const;

  // File `file` of the last report, annotated (migcheck::annotate_xlsx): `bytes`
  // must be that file again (the page keeps the File, not its bytes). Fails
  // with report.none, or the annotation's error in the report's language
  // (annotate.not_xlsx, a limit).
  Outcome<std::string> annotate(std::size_t file, std::string_view bytes) const;

  // The last report's files as one return (migcheck::assemble_return), its
  // texts in `language`; fails with report.none, or assemble.refused in the
  // report's language (two versions of a table, several returns, nothing).
  Outcome<std::string> assemble(std::string_view language) const;

  // The last report's table `table` of file `file`, and the file's sheet
  // names; fails with table.none when out of range.
  struct TableView {
    const migcheck::FileReport* file;
    const migcheck::RecognisedTable* table;
  };
  Outcome<TableView> table(std::size_t file, std::size_t table) const;

  // The rulebook's problems as a failure (rulebook.unusable).
  Failure unusable() const;

 private:
  migcheck::RulebookLoad load_;
  std::optional<migcheck::Report> report_;
  migcheck::Limits limits_;  // of the last validation
};

}  // namespace migcheck_wasm
