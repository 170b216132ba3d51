// The comments of one sheet: a new comments part and its VML shapes (the
// "legacy" notes every spreadsheet program shows), or the sheet's own parts
// with migcheck's comments added (a cell that has a comment already gets
// migcheck's text after the user's, since a cell holds one comment).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::annotate {

using CellComments = std::map<std::pair<std::uint32_t, std::uint32_t>, std::string>;  // (row, column) -> text

// A new comments part.
std::string comments_part(const CellComments& comments);
// The sheet's comments part with migcheck's added; `merged` gets the cells
// that already had a comment (their shapes exist).
Result<std::string> add_to_comments_part(std::string_view xml, const std::string& part, const CellComments& comments,
                                         std::map<std::pair<std::uint32_t, std::uint32_t>, bool>& merged,
                                         const Limits& limits);

// A new VML drawing with a hidden note shape per cell; `block` keeps shape ids
// apart from other drawings' (o:idmap).
std::string vml_part(const CellComments& comments, std::uint32_t block);
// The sheet's VML drawing with shapes for the cells not in `skip`.
std::string add_to_vml_part(std::string_view vml, const CellComments& comments,
                            const std::map<std::pair<std::uint32_t, std::uint32_t>, bool>& skip, std::uint32_t block);

}  // namespace migcheck::annotate
