// The WebAssembly boundary (Embind): thin, never throws into JavaScript. Bytes
// arrive once through _malloc + HEAPU8.set, as a pointer and a length; results
// leave as JSON strings, the same documents as the CLI's (docs/dump.md,
// docs/inspect.md, docs/report.md). The page's API is docs/web.md.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "migcheck/migcheck.hpp"
#include "src/rulebook_info.hpp"
#include "src/session.hpp"
#include "src/workbook_view.hpp"

namespace {

using emscripten::val;

// What the page shows when the heap cannot grow any more (a C++ allocation failed).
const char* const kOutOfMemory =
    "{\"fatal\":{\"id\":\"out_of_memory\",\"message\":\"The browser has no memory left for this file.\"}}\n";

migcheck::ReadOptions options_for(bool browser_limits) {
  migcheck::ReadOptions options;
  if (browser_limits) options.limits = migcheck::Limits::browser();
  return options;
}

std::string_view bytes_at(std::uintptr_t pointer, std::size_t length) {
  return std::string_view(reinterpret_cast<const char*>(pointer), length);
}

migcheck::RulebookLoad load(const std::string& rulebook_json) {
  return migcheck::load_rulebook(rulebook_json.empty() ? migcheck::bundled_rulebook_json()
                                                       : std::string_view(rulebook_json));
}

// ---- Stateless functions: one call, one CLI document (Node tests, benchmark).

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
  auto rulebook = load(rulebook_json);
  if (!rulebook.ok()) return migcheck_wasm::rulebook_problems_json(rulebook);
  auto read = migcheck::read_workbook(bytes_at(pointer, length), file_name, options_for(browser_limits));
  if (!read) return migcheck::dump_error_json(file_name, read.error());
  migcheck::RecogniseOptions recognise;
  recognise.language = language;
  migcheck::InspectOptions inspect;
  inspect.observations = observations;
  return migcheck::inspect_json(migcheck::recognise(read.value(), *rulebook.rulebook, recognise), *rulebook.rulebook,
                                inspect);
}

// The same JSON as `migcheck validate --format json FILE` for one file.
std::string validate_json(std::uintptr_t pointer, std::size_t length, const std::string& file_name,
                          const std::string& rulebook_json, const std::string& language, bool browser_limits) {
  migcheck_wasm::Session session(rulebook_json);
  migcheck_wasm::SessionOptions options;
  options.language = language;
  options.browser_limits = browser_limits;
  return session.validate({{file_name, bytes_at(pointer, length)}}, options);
}

// Rulebook information (docs/web.md), or {"rulebook_problems": [...]}.
std::string rulebook_info_json(const std::string& rulebook_json) {
  auto rulebook = load(rulebook_json);
  if (!rulebook.ok()) return migcheck_wasm::rulebook_problems_json(rulebook);
  return migcheck_wasm::rulebook_info_json(*rulebook.rulebook);
}

std::string version() { return migcheck::kVersion; }

// ---- Classes for the page: state kept between calls.

template <class T>
T option(const val& options, const char* name, T fallback) {
  if (options.isUndefined() || options.isNull()) return fallback;
  val v = options[name];
  return v.isUndefined() || v.isNull() ? fallback : v.as<T>();
}

// new Module.Session(rulebookJson): one rulebook, the last report.
class Session {
 public:
  explicit Session(const std::string& rulebook_json) : session_(rulebook_json) {}
  std::string problemsJson() const { return session_.problems_json(); }
  std::string rulebookInfoJson() const { return session_.rulebook_info_json(); }

  // inputs: [{pointer, length, name, previous}] (previous: last year's return,
  // optional); options: {language, browserLimits,
  // maxFindings, mapping (a mapping file's text), onProgress(stage, file, files, fraction)}. The report JSON.
  std::string validate(val inputs, val options) {
    try {
      std::vector<migcheck_wasm::SessionInput> list;
      const unsigned n = inputs["length"].as<unsigned>();
      for (unsigned i = 0; i < n; ++i) {
        val in = inputs[i];
        const val previous = in["previous"];
        list.push_back({in["name"].as<std::string>(),
                        bytes_at(in["pointer"].as<std::uintptr_t>(), in["length"].as<std::size_t>()),
                        !previous.isUndefined() && !previous.isNull() && previous.as<bool>()});
      }
      migcheck_wasm::SessionOptions o;
      o.language = option<std::string>(options, "language", "en");
      o.browser_limits = option<bool>(options, "browserLimits", true);
      o.max_findings_per_file = static_cast<std::size_t>(option<double>(options, "maxFindings", 10'000));
      o.mapping_json = option<std::string>(options, "mapping", "");
      val on_progress = options.isUndefined() ? val::undefined() : options["onProgress"];
      if (on_progress.typeOf().as<std::string>() == "function") {
        o.progress = [&on_progress](const migcheck::Progress& p) {
          on_progress(std::string(p.stage), p.file, p.files, p.fraction);
        };
      }
      return session_.validate(list, o);
    } catch (const std::bad_alloc&) {
      return kOutOfMemory;
    }
  }

  // The last report as json, text, junit, sarif, html or sdmx-csv ("" if none).
  std::string format(const std::string& name, bool strict) const {
    try {
      return session_.format(name, strict);
    } catch (const std::bad_alloc&) {
      return {};
    }
  }

  std::string tableJson(unsigned file, unsigned table) const { return session_.table_json(file, table); }

  // A blank return (XLSX) for this session's rulebook, as a new Uint8Array
  // (empty for an unusable rulebook or when memory runs out).
  val templateXlsx(const std::string& language) const {
    std::string bytes;
    try {
      bytes = session_.template_xlsx(language);
    } catch (const std::bad_alloc&) {
      bytes.clear();
    }
    const val view(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data())));
    return val::global("Uint8Array").new_(view);  // a copy: the view dies with `bytes`
  }

 private:
  migcheck_wasm::Session session_;
};

// new Module.WorkbookView(pointer, length, name, browserLimits): a read
// workbook whose rows the sheet view asks for, a window at a time.
class WorkbookView {
 public:
  WorkbookView(std::uintptr_t pointer, std::size_t length, const std::string& name, bool browser_limits) {
    try {
      view_.emplace(bytes_at(pointer, length), name, browser_limits);
    } catch (const std::bad_alloc&) {
      view_.reset();
    }
  }
  std::string errorJson() const { return view_ ? view_->error_json() : kOutOfMemory; }
  std::string sheetsJson() const { return view_ ? view_->sheets_json() : "[]"; }
  std::string rowsJson(unsigned sheet, unsigned first_row, unsigned last_row) const {
    return view_ ? view_->rows_json(sheet, first_row, last_row) : "[]";
  }

 private:
  std::optional<migcheck_wasm::WorkbookView> view_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(migcheck) {
  emscripten::function("dumpJson", &dump_json);
  emscripten::function("readStats", &read_stats);
  emscripten::function("inspectJson", &inspect_json);
  emscripten::function("validateJson", &validate_json);
  emscripten::function("rulebookInfoJson", &rulebook_info_json);
  emscripten::function("version", &version);
  emscripten::class_<Session>("Session")
      .constructor<const std::string&>()
      .function("problemsJson", &Session::problemsJson)
      .function("rulebookInfoJson", &Session::rulebookInfoJson)
      .function("validate", &Session::validate)
      .function("format", &Session::format)
      .function("tableJson", &Session::tableJson)
      .function("templateXlsx", &Session::templateXlsx);
  emscripten::class_<WorkbookView>("WorkbookView")
      .constructor<std::uintptr_t, std::size_t, const std::string&, bool>()
      .function("errorJson", &WorkbookView::errorJson)
      .function("sheetsJson", &WorkbookView::sheetsJson)
      .function("rowsJson", &WorkbookView::rowsJson);
}
