#include "annotate/sheet.hpp"

#include <array>

#include "migcheck/workbook.hpp"
#include "xlsx/parts.hpp"

namespace migcheck::annotate {
namespace {

constexpr std::string_view kRelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The worksheet's children that come after <legacyDrawing> (ECMA-376, CT_Worksheet).
constexpr std::array<std::string_view, 8> kAfterLegacyDrawing = {
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"};

std::uint32_t parse_number(std::string_view s, bool& ok) {
  std::uint64_t v = 0;
  ok = !s.empty() && s.size() <= 10;
  for (char c : s) {
    if (c < '0' || c > '9') ok = false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  ok = ok && v <= 0xFFFFFFFFu;
  return static_cast<std::uint32_t>(v);
}

}  // namespace

Status SheetEditor::mark(const CellMarks& marks, StyleBook& styles) {
  io::XmlScanner x(xml_, part_, limits_.max_xml_depth);
  CellMarks pending = marks;  // marked cells not met yet
  auto empty_cell = [&](std::uint32_t row, std::uint32_t column, Mark mark) {
    return "<" + prefix_ + "c r=\"" + a1(row, column) + "\" s=\"" + std::to_string(styles.marked(0, mark)) + "\"/>";
  };
  // The pending cells of `row` before `column` (all of them when column is past the grid).
  auto cells_before = [&](std::uint32_t row, std::uint64_t column) {
    std::string out;
    for (auto it = pending.lower_bound({row, 0}); it != pending.end() && it->first.first == row && it->first.second < column;)
      out += empty_cell(row, it->first.second, it->second), it = pending.erase(it);
    return out;
  };
  // Whole rows of pending cells before `row`.
  auto rows_before = [&](std::uint64_t row) {
    std::string out;
    while (!pending.empty() && pending.begin()->first.first < row) {
      const std::uint32_t r = pending.begin()->first.first;
      out += "<" + prefix_ + "row r=\"" + std::to_string(r + 1) + "\">" + cells_before(r, UINT64_MAX) + "</" + prefix_ + "row>";
    }
    return out;
  };
  bool in_data = false;
  std::int64_t row = -1, column = -1;
  bool past_data = false;
  for (;;) {
    const auto t = x.next();
    if (t == io::XmlScanner::Token::error) return x.error();
    if (t == io::XmlScanner::Token::eof) break;
    if (t == io::XmlScanner::Token::start) {
      const std::size_t depth = x.element_depth();
      const auto name = x.local_name();
      if (depth == 1) prefix_ = prefix_of(x.name());
      if (depth == 2) {
        if (name == "sheetData") {
          if (x.self_closing()) {  // <sheetData/>: every marked cell is new
            const std::string rows = rows_before(UINT64_MAX);
            if (!rows.empty())
              edits_.replace(x.offset(), x.end_offset(), "<" + prefix_ + "sheetData>" + rows + "</" + prefix_ + "sheetData>");
            past_data = true;
          } else {
            in_data = true;
          }
        } else if (name == "legacyDrawing") {
          if (const auto* id = x.find_attribute("id")) legacy_drawing_ = std::string(id->raw_value);
        } else if (past_data && !drawing_at_) {
          for (std::string_view after : kAfterLegacyDrawing)
            if (name == after) drawing_at_ = x.offset();
        }
      } else if (depth == 3 && in_data && name == "row") {
        bool ok = false;
        const auto r = x.attribute("r");
        const std::uint32_t n = r.empty() ? 0 : parse_number(r, ok);
        row = ok && n > 0 ? static_cast<std::int64_t>(n) - 1 : row + 1;
        column = -1;
        edits_.insert(x.offset(), rows_before(static_cast<std::uint64_t>(row)));
        if (x.self_closing()) {  // <row r="5"/>: its marked cells go inside it
          const std::string cells = cells_before(static_cast<std::uint32_t>(row), UINT64_MAX);
          if (!cells.empty()) {
            const std::string_view tag = xml_.substr(x.offset(), x.end_offset() - x.offset());
            edits_.replace(x.offset(), x.end_offset(),
                           std::string(tag.substr(0, tag.size() - 2)) + ">" + cells + "</" + prefix_ + "row>");
          }
        }
      } else if (depth == 4 && in_data && name == "c" && row >= 0) {
        std::uint32_t r = 0, c = 0;
        const auto ref = x.attribute("r");
        if (!ref.empty() && xlsx::parse_cell_reference(ref, r, c, limits_)) column = c;
        else ++column;
        const auto at = std::make_pair(static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(column));
        edits_.insert(x.offset(), cells_before(at.first, at.second));
        if (auto it = pending.find(at); it != pending.end()) {
          const io::XmlAttribute* s = x.find_attribute("s");
          bool ok = false;
          const std::uint32_t base = s ? parse_number(s->raw_value, ok) : 0;
          const std::string index = std::to_string(styles.marked(ok ? base : 0, it->second));
          if (s) edits_.replace(value_begin(xml_, *s), value_begin(xml_, *s) + s->raw_value.size(), index);
          else edits_.insert(x.offset() + 1 + x.name().size(), " s=\"" + index + "\"");
          pending.erase(it);
        }
      }
    } else if (t == io::XmlScanner::Token::end) {
      const std::size_t depth = x.depth();  // after the end tag
      if (depth == 2 && in_data && x.local_name() == "row" && row >= 0) {
        edits_.insert(x.offset(), cells_before(static_cast<std::uint32_t>(row), UINT64_MAX));
      } else if (depth == 1 && in_data && x.local_name() == "sheetData") {
        edits_.insert(x.offset(), rows_before(UINT64_MAX));
        in_data = false;
        past_data = true;
      } else if (depth == 0 && !drawing_at_) {
        drawing_at_ = x.offset();  // before </worksheet>
      }
    }
  }
  return ok_status();
}

void SheetEditor::add_legacy_drawing(const std::string& id) {
  edits_.insert(drawing_at_, "<" + prefix_ + "legacyDrawing xmlns:r=\"" + std::string(kRelationshipsNs) + "\" r:id=\"" +
                                 escaped(id) + "\"/>");
}

}  // namespace migcheck::annotate
