// The WebAssembly boundary (Embind): thin, typed, never throws into JavaScript.
// Bytes arrive as a Uint8Array and are copied once into the wasm heap, into
// memory C++ owns; every call returns a status with a payload,
// {ok: true, value} or {ok: false, error: {id, message, problems?}}, which
// web/engine/engine.mjs turns into a value or a MigcheckError. CLI documents
// (dump, inspect, report) stay JSON text, byte-equal to the CLI's; a table's
// columns cross as typed arrays. The API is docs/web.md.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "migcheck/messages.hpp"
#include "migcheck/migcheck.hpp"
#include "src/rulebook_info.hpp"
#include "src/session.hpp"
#include "src/workbook_view.hpp"

namespace {

using emscripten::val;
using migcheck_wasm::Failure;
using migcheck_wasm::Outcome;

// ---- The status and its payload.

val ok(val value) {
  val out = val::object();
  out.set("ok", true);
  out.set("value", value);
  return out;
}

val failed(const Failure& failure) {
  val error = val::object();
  error.set("id", failure.id);
  error.set("message", failure.message);
  if (!failure.problems_json.empty()) error.set("problems", val::global("JSON").call<val>("parse", failure.problems_json));
  if (!failure.params.empty()) {
    val params = val::object();
    for (const auto& [name, value] : failure.params) params.set(name, value);
    error.set("params", params);
  }
  val out = val::object();
  out.set("ok", false);
  out.set("error", error);
  return out;
}

const Failure kOutOfMemory{"out_of_memory", "the browser has no memory left for this file", "", {}};

// Runs fn; an allocation that fails anywhere below becomes the out_of_memory status.
template <class Fn>
val guarded(Fn&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return failed(kOutOfMemory);
  }
}

val text_result(const Outcome<std::string>& outcome) {
  return outcome.value ? ok(val(*outcome.value)) : failed(outcome.failure);
}

// ---- What JavaScript passes.

// The one copy of a Uint8Array into the wasm heap, into memory C++ owns.
migcheck_wasm::Bytes bytes_of(const val& array) {
  const auto length = array["length"].as<std::size_t>();
  migcheck_wasm::Bytes bytes(length);
  if (length) val(emscripten::typed_memory_view(length, reinterpret_cast<std::uint8_t*>(bytes.data()))).call<void>("set", array);
  return bytes;
}

template <class T>
T option(const val& options, const char* name, T fallback) {
  if (options.isUndefined() || options.isNull()) return fallback;
  val v = options[name];
  return v.isUndefined() || v.isNull() ? fallback : v.as<T>();
}

migcheck::ReadOptions read_options(const val& options) {
  migcheck::ReadOptions read;
  if (option<bool>(options, "browserLimits", false)) read.limits = migcheck::Limits::browser();
  return read;
}

// ---- Typed arrays out.

template <class T>
val typed_copy(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(emscripten::typed_memory_view(values.size(), values.data()));  // a copy: the view dies with C++'s vector
}

val strings(const std::vector<std::string>& values) {
  val out = val::array();
  for (const auto& s : values) out.call<void>("push", s);
  return out;
}

// ---- Stateless functions: one call, one CLI document (Node tests, benchmark).

// The file of a stateless call: its bytes copied in, read with options' limits.
struct ReadFile {
  std::string name;
  migcheck::Result<migcheck::Workbook> read;
};
ReadFile read_file(const val& bytes, const val& options) {
  auto name = option<std::string>(options, "fileName", "");
  const migcheck_wasm::Bytes data = bytes_of(bytes);
  auto read = migcheck::read_workbook(data.view(), name, read_options(options));
  return {std::move(name), std::move(read)};
}

// options: {fileName, sheet, browserLimits}. The JSON of `migcheck dump --json`
// (an unreadable file gives the CLI's document about it, as the CLI does).
val dump(const val& bytes, const val& options) {
  return guarded([&] {
    auto [file_name, read] = read_file(bytes, options);
    if (!read) return ok(val(migcheck::dump_error_json(file_name, read.error())));
    migcheck::DumpOptions dump;
    dump.sheet = option<std::string>(options, "sheet", "");
    return ok(val(migcheck::dump_json(read.value(), dump)));
  });
}

// Reads without dumping, for the benchmark: {cells, sheetXmlBytes, sheets}; a
// file that cannot be read fails with its error id.
val read_stats(const val& bytes, const val& options) {
  return guarded([&] {
    auto [file_name, read] = read_file(bytes, options);
    if (!read)
      return failed({migcheck::error_id(read.error().code), migcheck::render_diagnostic(read.error(), "en"), "",
                     read.error().params});
    const auto& stats = read.value().stats;
    val out = val::object();
    out.set("cells", static_cast<double>(stats.cells));
    out.set("sheetXmlBytes", static_cast<double>(stats.sheet_xml_bytes));
    out.set("sheets", static_cast<double>(read.value().sheets.size()));
    return ok(out);
  });
}

// options: {fileName, rulebook (its text; "" = the bundled one), language,
// observations, browserLimits}. The JSON of `migcheck inspect --json`.
val inspect(const val& bytes, const val& options) {
  return guarded([&] {
    const migcheck_wasm::Session session(option<std::string>(options, "rulebook", ""));
    if (!session.usable()) return failed(session.unusable());
    auto [file_name, read] = read_file(bytes, options);
    if (!read) return ok(val(migcheck::dump_error_json(file_name, read.error())));
    migcheck::RecogniseOptions recognise;
    recognise.language = option<std::string>(options, "language", "en");
    migcheck::InspectOptions inspect;
    inspect.observations = option<bool>(options, "observations", false);
    const migcheck::Rulebook& rulebook = session.rulebook();
    return ok(val(migcheck::inspect_json(migcheck::recognise(read.value(), rulebook, recognise), rulebook, inspect)));
  });
}

// options: {fileName, rulebook, language, browserLimits}. The JSON of
// `migcheck validate --format json FILE` for one file.
val validate(const val& bytes, const val& options) {
  return guarded([&] {
    migcheck_wasm::Session session(option<std::string>(options, "rulebook", ""));
    migcheck_wasm::SessionOptions o;
    o.language = option<std::string>(options, "language", "en");
    o.browser_limits = option<bool>(options, "browserLimits", false);
    std::vector<migcheck_wasm::SessionInput> inputs;
    inputs.push_back({option<std::string>(options, "fileName", ""), bytes_of(bytes), false});
    return text_result(session.validate(inputs, o));
  });
}

// Rulebook information (docs/web.md) as JSON text.
val rulebook_info(const std::string& rulebook_json) {
  return guarded([&] {
    const migcheck_wasm::Session session(rulebook_json);
    return session.usable() ? ok(val(session.rulebook_info_json())) : failed(session.unusable());
  });
}

std::string version() { return migcheck::kVersion; }

// The wasm memory's size in bytes: it only grows, so it is the high-water mark (benchmark).
double heap_size() { return static_cast<double>(emscripten_get_heap_size()); }

// ---- Classes for the page: state kept between calls.

// new Module.Session(rulebookText): one rulebook, the last report.
class Session {
 public:
  explicit Session(const std::string& rulebook_json) : session_(rulebook_json) {}

  // {ok: true} for a usable rulebook, else its problems (rulebook.unusable).
  val status() const { return session_.usable() ? ok(val::undefined()) : failed(session_.unusable()); }
  val rulebookInfo() const {
    return session_.usable() ? ok(val(session_.rulebook_info_json())) : failed(session_.unusable());
  }

  // inputs: [{name, bytes: Uint8Array, previous}] (previous: last year's
  // return, optional); options: {language, browserLimits, maxFindings, mapping
  // (a mapping file's text), part (one agency's part of a return), onProgress(stage,
  // file, files, fraction)}. The report's JSON text.
  val validate(const val& inputs, const val& options) {
    return guarded([&] {
      std::vector<migcheck_wasm::SessionInput> list;
      const auto n = inputs["length"].as<unsigned>();
      list.reserve(n);
      for (unsigned i = 0; i < n; ++i) {
        const val in = inputs[i];
        const val previous = in["previous"];
        list.push_back({in["name"].as<std::string>(), bytes_of(in["bytes"]),
                        !previous.isUndefined() && !previous.isNull() && previous.as<bool>()});
      }
      migcheck_wasm::SessionOptions o;
      o.language = option<std::string>(options, "language", "en");
      o.browser_limits = option<bool>(options, "browserLimits", true);
      o.max_findings_per_file = static_cast<std::size_t>(option<double>(options, "maxFindings", 10'000));
      o.mapping_json = option<std::string>(options, "mapping", "");
      o.part = option<bool>(options, "part", false);
      const val on_progress = options.isUndefined() || options.isNull() ? val::undefined() : options["onProgress"];
      if (on_progress.typeOf().as<std::string>() == "function") {
        o.progress = [&on_progress](const migcheck::Progress& p) {
          on_progress(std::string(p.stage), p.file, p.files, p.fraction);
        };
      }
      return text_result(session_.validate(list, o));
    });
  }

  // The last report as json, text, junit, sarif, html or sdmx-csv.
  val format(const std::string& name, bool strict) const {
    return guarded([&] { return text_result(session_.format(name, strict)); });
  }

  // The observations of the last report's table `table` of file `file`,
  // column by column: {file, table, dimensions, symbols, sheetNames, keys
  // (Uint32Array, one row of dimensions.length per observation), values
  // (Float64Array, NaN for none), obsStatus, confStatus (into symbols), sheet, row, column}.
  val table(unsigned file, unsigned table) const {
    return guarded([&] {
      const auto outcome = session_.table(file, table);
      if (!outcome.value) return failed(outcome.failure);
      const migcheck::RecognisedTable& t = *outcome.value->table;
      std::vector<std::string> sheet_names;
      for (const auto& s : outcome.value->file->recognition.sheets) sheet_names.push_back(s.sheet);
      val out = val::object();
      out.set("file", outcome.value->file->file);
      out.set("table", t.table);
      out.set("dimensions", strings(t.dimensions));
      out.set("symbols", strings(t.symbols));
      out.set("sheetNames", strings(sheet_names));
      out.set("keys", typed_copy("Uint32Array", t.keys));
      out.set("values", typed_copy("Float64Array", t.values));
      out.set("obsStatus", typed_copy("Uint32Array", t.obs_status));
      out.set("confStatus", typed_copy("Uint32Array", t.conf_status));
      out.set("sheet", typed_copy("Uint32Array", t.sheet));
      out.set("row", typed_copy("Uint32Array", t.row));
      out.set("column", typed_copy("Uint32Array", t.column));
      return ok(out);
    });
  }

  // File `file` of the last report, annotated (XLSX), as a new Uint8Array;
  // bytes: the same file again (Uint8Array).
  val annotate(unsigned file, const val& bytes) const {
    return guarded([&] {
      const auto copy = bytes_of(bytes);
      const auto outcome = session_.annotate(file, copy.view());
      if (!outcome.value) return failed(outcome.failure);
      const std::string& out = *outcome.value;
      return ok(typed_copy("Uint8Array", std::vector<std::uint8_t>(out.begin(), out.end())));
    });
  }

  // The last report's files as one return (XLSX: migcheck assemble), as a new Uint8Array.
  val assemble(const std::string& language) const {
    return guarded([&] {
      const auto outcome = session_.assemble(language);
      if (!outcome.value) return failed(outcome.failure);
      const std::string& out = *outcome.value;
      return ok(typed_copy("Uint8Array", std::vector<std::uint8_t>(out.begin(), out.end())));
    });
  }

  // A blank return (XLSX) for this session's rulebook, as a new Uint8Array.
  val templateXlsx(const std::string& language) const {
    return guarded([&] {
      const auto outcome = session_.template_xlsx(language);
      if (!outcome.value) return failed(outcome.failure);
      const std::string& bytes = *outcome.value;
      return ok(typed_copy("Uint8Array", std::vector<std::uint8_t>(bytes.begin(), bytes.end())));
    });
  }

 private:
  migcheck_wasm::Session session_;
};

// new Module.WorkbookView(bytes, name, browserLimits): a read workbook whose
// rows the sheet view asks for, a window at a time.
class WorkbookView {
 public:
  WorkbookView(const val& bytes, const std::string& name, bool browser_limits) {
    try {
      view_.emplace(bytes_of(bytes).view(), name, browser_limits);
    } catch (const std::bad_alloc&) {
      view_.reset();
    }
  }
  // {ok: true, value: ""} when read, or the text of `migcheck dump --json` about
  // an unreadable file; out_of_memory when it could not be kept.
  val error() const { return view_ ? ok(val(view_->error_json())) : failed(kOutOfMemory); }
  std::string sheetsJson() const { return view_ ? view_->sheets_json() : "[]"; }
  std::string rowsJson(unsigned sheet, unsigned first_row, unsigned last_row) const {
    return view_ ? view_->rows_json(sheet, first_row, last_row) : "[]";
  }

 private:
  std::optional<migcheck_wasm::WorkbookView> view_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(migcheck) {
  emscripten::function("dump", &dump);
  emscripten::function("readStats", &read_stats);
  emscripten::function("inspect", &inspect);
  emscripten::function("validate", &validate);
  emscripten::function("rulebookInfo", &rulebook_info);
  emscripten::function("version", &version);
  emscripten::function("heapSize", &heap_size);
  emscripten::class_<Session>("Session")
      .constructor<const std::string&>()
      .function("status", &Session::status)
      .function("rulebookInfo", &Session::rulebookInfo)
      .function("validate", &Session::validate)
      .function("format", &Session::format)
      .function("table", &Session::table)
      .function("templateXlsx", &Session::templateXlsx)
      .function("annotate", &Session::annotate)
      .function("assemble", &Session::assemble);
  emscripten::class_<WorkbookView>("WorkbookView")
      .constructor<const val&, const std::string&, bool>()
      .function("error", &WorkbookView::error)
      .function("sheetsJson", &WorkbookView::sheetsJson)
      .function("rowsJson", &WorkbookView::rowsJson);
}
