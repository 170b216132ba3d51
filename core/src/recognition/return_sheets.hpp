// The return's own sheets: Metadata (reporting country, reference year and
// the other fields) and Sources (one row per table).
#pragma once

#include <string>

#include "recognition/sheet_context.hpp"

namespace migcheck::recognition {

// A value of a Metadata or Sources field, with its code when its field has a code list or names a table.
FieldValue field_value(const Context& ctx, const SheetField& field, const std::string& text, const std::string& sheet,
                       std::string cell);
// Key/value rows: the first text that names a field, then the next non-empty cell.
void read_metadata(Context& ctx, const Sheet& sheet);
// A header row naming source fields, then one row per table.
void read_sources(Context& ctx, const Sheet& sheet);

}  // namespace migcheck::recognition
