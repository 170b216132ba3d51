// The WebAssembly boundary: thin, never throws. Bytes arrive once through
// _malloc + HEAPU8.set; results leave as JSON strings (docs/dump.md).
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "migcheck/migcheck.hpp"

namespace {

migcheck::ReadOptions options_for(bool browser_limits) {
  migcheck::ReadOptions options;
  if (browser_limits) options.limits = migcheck::Limits::browser();
  return options;
}

// {"rulebook_problems": [{"path", "message"}...]} for a rulebook that cannot be used.
std::string problems_json(const migcheck::RulebookLoad& load) {
  std::string out = "{\"rulebook_problems\":[";
  for (std::size_t i = 0; i < load.problems.size(); ++i)
    out += std::string(i ? "," : "") + "{\"path\":" + migcheck::json_quote(load.problems[i].path) +
           ",\"message\":" + migcheck::json_quote(load.problems[i].message) + "}";
  return out + "]}\n";
}

std::string_view bytes_at(std::uintptr_t pointer, std::size_t length) {
  return std::string_view(reinterpret_cast<const char*>(pointer), length);
}

// The same JSON as `migcheck dump --json`.
std::string dump_json(std::uintptr_t pointer, std::size_t length, const std::string& file_name,
                      const std::string& sheet, bool browser_limits) {
  auto read = migcheck::read_workbook(bytes_at(pointer, length), file_name, options_for(browser_limits));
  if (!read) return migcheck::dump_error_json(file_name, read.error());
  migcheck::DumpOptions dump;
  dump.sheet = sheet;
  return migcheck::dump_json(read.value(), dump);
}

// Reads without dumping, for the benchmark: {"cells","sheet_xml_bytes","sheets","error"}.
std::string read_stats(std::uintptr_t pointer, std::size_t length, const std::string& file_name,
                       bool browser_limits) {
  auto read = migcheck::read_workbook(bytes_at(pointer, length), file_name, options_for(browser_limits));
  if (!read) {
    std::string out = "{\"cells\":0,\"sheet_xml_bytes\":0,\"sheets\":0,\"error\":";
    migcheck::append_diagnostic_json(out, read.error());
    return out + "}";
  }
  const auto& stats = read.value().stats;
  return "{\"cells\":" + std::to_string(stats.cells) + ",\"sheet_xml_bytes\":" +
         std::to_string(stats.sheet_xml_bytes) + ",\"sheets\":" + std::to_string(read.value().sheets.size()) +
         ",\"error\":null}";
}

// The same JSON as `migcheck inspect --json`; an empty rulebook means the
// bundled one. A rulebook with problems gives {"rulebook_problems": [...]}.
std::string inspect_json(std::uintptr_t pointer, std::size_t length, const std::string& file_name,
                         const std::string& rulebook_json, const std::string& language, bool observations,
                         bool browser_limits) {
  auto load = migcheck::load_rulebook(rulebook_json.empty() ? migcheck::bundled_rulebook_json()
                                                            : std::string_view(rulebook_json));
  if (!load.ok()) return problems_json(load);
  auto read = migcheck::read_workbook(bytes_at(pointer, length), file_name, options_for(browser_limits));
  if (!read) return migcheck::dump_error_json(file_name, read.error());
  migcheck::RecogniseOptions recognise;
  recognise.language = language;
  migcheck::InspectOptions inspect;
  inspect.observations = observations;
  return migcheck::inspect_json(migcheck::recognise(read.value(), *load.rulebook, recognise), *load.rulebook, inspect);
}

// The same JSON as `migcheck validate --format json FILE` for one file.
std::string validate_json(std::uintptr_t pointer, std::size_t length, const std::string& file_name,
                          const std::string& rulebook_json, const std::string& language, bool browser_limits) {
  auto load = migcheck::load_rulebook(rulebook_json.empty() ? migcheck::bundled_rulebook_json()
                                                            : std::string_view(rulebook_json));
  if (!load.ok()) return problems_json(load);
  migcheck::ValidationOptions options;
  options.language = language;
  if (browser_limits) options.limits = migcheck::Limits::browser();
  return migcheck::report_json(migcheck::validate({{file_name, bytes_at(pointer, length)}}, *load.rulebook, options));
}

std::string version() { return migcheck::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(migcheck) {
  emscripten::function("dumpJson", &dump_json);
  emscripten::function("readStats", &read_stats);
  emscripten::function("inspectJson", &inspect_json);
  emscripten::function("validateJson", &validate_json);
  emscripten::function("version", &version);
}
