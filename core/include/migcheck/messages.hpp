// The built-in message catalogue: the readers' errors and diagnostics in
// every language migcheck speaks, as data (core/messages/messages.json,
// compiled in). Keys are error ids ("zip.ratio_exceeded") and, for codes with
// several messages, "<error id>.<variant>" (see message_key in error.hpp), and
// the interface words of the outputs ("html.title": the HTML report's);
// "{name}" placeholders are filled from the diagnostic's params.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck {

// The embedded core/messages/messages.json.
std::string_view builtin_messages_json() noexcept;

// The template of `key` in `language` ("en", "fr"), or nullptr when the
// catalogue has no such key or language. The catalogue is parsed once, on
// first use (thread-safe); the pointer stays valid for the program's life.
const std::string* builtin_message(std::string_view language, std::string_view key);

// Fills each "{name}" of tmpl with the value of param `name`; a placeholder
// without a param stays as written. Values are inserted verbatim.
std::string render_template(std::string_view tmpl, const std::vector<std::pair<std::string, std::string>>& params);

// The diagnostic's params, followed by those of its location that they do not
// name already: part, sheet, cell, line (when known).
std::vector<std::pair<std::string, std::string>> message_params(const Diagnostic& d);

// The diagnostic's message in `language`: the catalogue's template for
// message_key(d) (else for error_id(d.code)) filled from message_params(d);
// d.message (English) when the catalogue has neither.
std::string render_diagnostic(const Diagnostic& d, std::string_view language);

// Every key of the catalogue, sorted (for tests and tools).
std::vector<std::string> builtin_message_keys();

}  // namespace migcheck
