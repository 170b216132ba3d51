#include "annotate/styles.hpp"

#include "annotate/xml_edits.hpp"
#include "io/xml_scanner.hpp"

namespace migcheck::annotate {
namespace {

// What a workbook without a styles part gets: Excel's defaults.
constexpr std::string_view kMinimalStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

// Light red, amber and blue, as spreadsheet programs' own "bad", "neutral" and note fills.
constexpr const char* kFillColours[] = {"FFDDEBF7", "FFFFEB9C", "FFFFC7CE"};  // by Mark

}  // namespace

Result<StyleBook> StyleBook::parse(std::string xml, std::string part, const Limits& limits) {
  StyleBook book;
  book.xml_ = xml.empty() ? std::string(kMinimalStyles) : std::move(xml);
  const std::string_view doc = book.xml_;
  io::XmlScanner x(doc, part, limits.max_xml_depth);
  Counted* open = nullptr;  // the counted element whose children are being counted
  Format* format = nullptr;
  for (;;) {
    const auto t = x.next();
    if (t == io::XmlScanner::Token::error) return x.error();
    if (t == io::XmlScanner::Token::eof) break;
    const std::size_t depth = x.element_depth();
    if (t == io::XmlScanner::Token::start) {
      if (depth == 1) book.prefix_ = prefix_of(x.name());
      if (depth == 2) {
        const auto name = x.local_name();
        open = name == "fonts" ? &book.fonts_ : name == "fills" ? &book.fills_ : name == "cellXfs" ? &book.cell_formats_ : nullptr;
        if (open && !x.self_closing()) {
          open->found = true;
          const auto* count = x.find_attribute("count");
          open->count_begin = open->count_end = x.end_offset() - 1;
          if (count) {
            open->count_begin = value_begin(doc, *count);
            open->count_end = open->count_begin + count->raw_value.size();
          }
        } else {
          open = nullptr;
        }
      } else if (depth == 3 && open) {
        ++open->children;
        if (open == &book.cell_formats_) {
          Format f;
          const std::size_t start = x.offset();
          f.name_end = 1 + x.name().size();
          if (const auto* a = x.find_attribute("fillId")) f.fill_id = {value_begin(doc, *a) - start, a->raw_value.size()};
          if (const auto* a = x.find_attribute("applyFill")) f.apply_fill = {value_begin(doc, *a) - start, a->raw_value.size()};
          f.start = start;
          book.formats_.push_back(std::move(f));
          format = &book.formats_.back();
          if (x.self_closing()) {
            format->raw = std::string(doc.substr(start, x.end_offset() - start));
            format = nullptr;
          }
        }
      }
    } else if (t == io::XmlScanner::Token::end) {
      if (x.depth() == 2 && format) {  // the end of an <xf> with children
        format->raw = std::string(doc.substr(format->start, x.end_offset() - format->start));
        format = nullptr;
      } else if (x.depth() == 1 && open) {
        open->close = x.offset();
        open = nullptr;
      }
    }
  }
  if (!book.fonts_.found || !book.fills_.found || !book.cell_formats_.found)
    return make_error(ErrorCode::xlsx_missing_part,
                      "The workbook's styles (" + part + ") have no fonts, fills or cell formats to extend.",
                      {part, "", ""}, {{"part", part}});
  book.first_fill_ = book.fills_.children;
  book.first_font_ = book.fonts_.children;
  const std::string p = book.prefix_;
  book.header_ = book.add_format("<" + p + "xf numFmtId=\"0\" fontId=\"" + std::to_string(book.first_font_) +
                                 "\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>");
  book.wrapped_ = book.add_format("<" + p + "xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                                  "applyAlignment=\"1\"><" + p + "alignment vertical=\"top\" wrapText=\"1\"/></" + p + "xf>");
  book.link_ = book.add_format("<" + p + "xf numFmtId=\"0\" fontId=\"" + std::to_string(book.first_font_ + 1) +
                               "\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><" + p +
                               "alignment vertical=\"top\"/></" + p + "xf>");
  return book;
}

std::uint32_t StyleBook::add_format(std::string xf) {
  new_formats_.push_back(std::move(xf));
  return cell_formats_.children + static_cast<std::uint32_t>(new_formats_.size()) - 1;
}

std::uint32_t StyleBook::marked(std::uint32_t base, Mark mark) {
  if (auto it = marked_.find({base, mark}); it != marked_.end()) return it->second;
  const std::string fill = std::to_string(first_fill_ + static_cast<std::uint32_t>(mark));
  std::string xf;
  if (base < formats_.size()) {
    // The cell's own format with the fill changed: its number format, font, borders and alignment stay.
    const Format& f = formats_[base];
    XmlEdits edits;
    if (f.fill_id.second || f.fill_id.first) edits.replace(f.fill_id.first, f.fill_id.first + f.fill_id.second, fill);
    else edits.insert(f.name_end, " fillId=\"" + fill + "\"");
    if (f.apply_fill.second || f.apply_fill.first) edits.replace(f.apply_fill.first, f.apply_fill.first + f.apply_fill.second, "1");
    else edits.insert(f.name_end, " applyFill=\"1\"");
    xf = edits.apply(f.raw);
  } else {
    xf = "<" + prefix_ + "xf numFmtId=\"0\" fontId=\"0\" fillId=\"" + fill + "\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>";
  }
  const std::uint32_t index = add_format(std::move(xf));
  marked_.emplace(std::make_pair(base, mark), index);
  return index;
}

std::string StyleBook::finish() const {
  const std::string& p = prefix_;
  XmlEdits edits;
  auto append = [&](const Counted& c, std::uint32_t added, std::string children) {
    const std::string count = std::to_string(c.children + added);
    if (c.count_begin == c.count_end) edits.insert(c.count_end, " count=\"" + count + "\"");
    else edits.replace(c.count_begin, c.count_end, count);
    edits.insert(c.close, std::move(children));
  };
  std::string fills;
  for (const char* colour : kFillColours)
    fills += "<" + p + "fill><" + p + "patternFill patternType=\"solid\"><" + p + "fgColor rgb=\"" + colour + "\"/><" + p +
             "bgColor indexed=\"64\"/></" + p + "patternFill></" + p + "fill>";
  append(fills_, 3, fills);
  append(fonts_, 2,
         "<" + p + "font><" + p + "b/><" + p + "sz val=\"11\"/></" + p + "font><" + p + "font><" + p + "u/><" + p +
             "sz val=\"11\"/><" + p + "color rgb=\"FF0563C1\"/></" + p + "font>");
  std::string formats;
  for (const std::string& xf : new_formats_) formats += xf;
  append(cell_formats_, static_cast<std::uint32_t>(new_formats_.size()), formats);
  return edits.apply(xml_);
}

}  // namespace migcheck::annotate
