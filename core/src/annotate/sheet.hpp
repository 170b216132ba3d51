// One worksheet part, annotated: each marked cell gets the marked copy of its
// format (a marked cell the part does not hold, such as a missing value, is
// added empty, in row and column order), and a <legacyDrawing> for the comments
// when the sheet has none. Nothing else of the part changes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "annotate/styles.hpp"
#include "annotate/xml_edits.hpp"
#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::annotate {

using CellMarks = std::map<std::pair<std::uint32_t, std::uint32_t>, Mark>;  // (row, column), 0-based

class SheetEditor {
 public:
  SheetEditor(std::string_view xml, std::string part, const Limits& limits) : xml_(xml), part_(std::move(part)), limits_(limits) {}

  // Reads the part and plans the marks.
  Status mark(const CellMarks& marks, StyleBook& styles);

  // The relationship id of the sheet's <legacyDrawing> (its comments' shapes), or empty.
  const std::string& legacy_drawing() const noexcept { return legacy_drawing_; }
  // Adds <legacyDrawing r:id="id"/> where the schema's order wants it.
  void add_legacy_drawing(const std::string& id);

  std::string finish() const { return edits_.apply(xml_); }

 private:
  std::string_view xml_;
  std::string part_;
  Limits limits_;  // a copy: callers may pass a temporary
  XmlEdits edits_;
  std::string prefix_, legacy_drawing_;
  std::size_t drawing_at_ = 0;  // where a <legacyDrawing> goes
};

}  // namespace migcheck::annotate
