// The package-level edits of annotation: the workbook part (the problems sheet
// first, sheet indices in defined names and views shifted), a relationships
// part with one more relationship, and [Content_Types].xml with new parts.
#pragma once

#include <string>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::annotate {

// The workbook part with <sheet name=... r:id=relationship_id/> first among its
// sheets; localSheetId, activeTab and firstSheet follow their sheets.
Result<std::string> insert_first_sheet(std::string_view xml, const std::string& part, const std::string& name,
                                       const std::string& relationship_id, const Limits& limits);

// A relationships part (xml may be empty: a new one) with one more relationship.
std::string add_relationship(std::string_view xml, const std::string& id, std::string_view type, const std::string& target);
// An id no relationship of xml has: "rIdMigcheck1", "rIdMigcheck2"...
std::string free_relationship_id(std::string_view xml);

// [Content_Types].xml with an Override for part (no leading '/'), and a
// Default for the extension when `is_default` (unless one exists).
std::string add_content_type(std::string_view xml, const std::string& part_or_extension, std::string_view type,
                             bool is_default);

}  // namespace migcheck::annotate
