// A validation session for the page: one rulebook, the last report, and the
// writers of that report (JSON, HTML, SARIF, SDMX-CSV...). Keeping the report
// here lets the page download it in any format, and draw the recognised data,
// without validating again.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/migcheck.hpp"

namespace migcheck_wasm {

struct SessionInput {
  std::string name;
  std::string_view bytes;  // in the wasm heap, owned by the caller
  bool previous = false;   // last year's return (migcheck::Input::previous)
};

struct SessionOptions {
  std::string language = "en";
  bool browser_limits = true;
  std::size_t max_findings_per_file = 10'000;
  std::string mapping_json;  // a mapping file's text (docs/mapping.md); "" for none
  std::function<void(const migcheck::Progress&)> progress;
};

class Session {
 public:
  // An empty text means the bundled rulebook.
  explicit Session(std::string_view rulebook_json);

  bool usable() const noexcept { return load_.ok(); }
  // "" when the rulebook is usable, else {"rulebook_problems": [...]}.
  std::string problems_json() const;
  // rulebook_info_json of the loaded rulebook ("" when unusable).
  std::string rulebook_info_json() const;

  // Validates the inputs as one return: the JSON of `migcheck validate
  // --format json` (docs/report.md), or problems_json() for an unusable rulebook,
  // or {"mapping_problems": [...]} for an unusable mapping.
  std::string validate(const std::vector<SessionInput>& inputs, const SessionOptions& options);

  // The last report as "json", "text", "junit", "sarif", "html" or "sdmx-csv";
  // "" when there is no report or the format is unknown.
  std::string format(std::string_view name, bool strict) const;

  // A blank return for the loaded rulebook (migcheck::return_template), its
  // texts in `language`; "" for an unusable rulebook.
  std::string template_xlsx(std::string_view language) const;

  // The observations of the last report's table `table` of file `file`,
  // column-wise (docs/web.md); "" when out of range.
  std::string table_json(std::size_t file, std::size_t table) const;

 private:
  migcheck::RulebookLoad load_;
  std::optional<migcheck::Report> report_;
};

}  // namespace migcheck_wasm
