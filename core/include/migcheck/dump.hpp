// How migcheck sees a file: the `migcheck dump` output, shared by the CLI
// and the WebAssembly module so both print byte-identical JSON.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/workbook.hpp"

namespace migcheck {

struct DumpOptions {
  std::string sheet;  // only this sheet (empty: all)
};

// JSON document, schema in docs/dump.md. One line, ending in '\n'.
std::string dump_json(const Workbook& workbook, const DumpOptions& options = {});
// The same document for a file that could not be read: {"file", "error"}.
std::string dump_error_json(std::string_view file_name, const Diagnostic& error);
// For people: one block per sheet, one line per non-empty row.
std::string dump_text(const Workbook& workbook, const DumpOptions& options = {});
std::string dump_error_text(std::string_view file_name, const Diagnostic& error);

// A JSON string literal of s, quoted and escaped.
std::string json_quote(std::string_view s);

// {"id","severity","message", location fields, "params"} of one diagnostic.
void append_diagnostic_json(std::string& out, const Diagnostic& d);

}  // namespace migcheck
