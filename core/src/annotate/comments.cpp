#include "annotate/comments.hpp"

#include "annotate/xml_edits.hpp"
#include "io/xml_scanner.hpp"
#include "migcheck/workbook.hpp"
#include "writers/worksheet_xml.hpp"
#include "xlsx/parts.hpp"

namespace migcheck::annotate {
namespace {

constexpr std::string_view kAuthor = "migcheck";

std::string comment_text(std::string_view text) {
  std::string out = "<r><rPr><sz val=\"9\"/></rPr><t xml:space=\"preserve\">";
  xlsx::append_text(out, text);
  return out + "</t></r>";
}

std::string shape(std::uint32_t row, std::uint32_t column, std::uint32_t id) {
  const std::string r = std::to_string(row), c = std::to_string(column);
  // The namespaces on the shape itself: it may join a drawing whose root declares none (openpyxl's).
  return "<v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\" id=\"_x0000_s" + std::to_string(id) +
         "\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:300pt;"
         "height:120pt;z-index:1;visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
         "<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>"
         "<v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div>"
         "</v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>" +
         std::to_string(column + 1) + ", 15, " + r + ", 10, " + std::to_string(column + 6) + ", 15, " +
         std::to_string(row + 8) + ", 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>" + r + "</x:Row><x:Column>" + c +
         "</x:Column></x:ClientData></v:shape>";
}

constexpr std::string_view kShapeType =
    "<v:shapetype xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\" id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
    "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";

}  // namespace

std::string comments_part(const CellComments& comments) {
  std::string out(xlsx::kDeclaration);
  out += "<comments xmlns=\"";
  out += xlsx::kMainNs;
  out += "\"><authors><author>";
  out += kAuthor;
  out += "</author></authors><commentList>";
  for (const auto& [at, text] : comments)
    out += "<comment ref=\"" + a1(at.first, at.second) + "\" authorId=\"0\"><text>" + comment_text(text) + "</text></comment>";
  return out + "</commentList></comments>";
}

Result<std::string> add_to_comments_part(std::string_view xml, const std::string& part, const CellComments& comments,
                                         std::map<std::pair<std::uint32_t, std::uint32_t>, bool>& merged,
                                         const Limits& limits) {
  io::XmlScanner x(xml, part, limits.max_xml_depth);
  XmlEdits edits;
  std::string prefix;
  std::uint32_t authors = 0;
  std::size_t authors_close = 0, list_close = 0;
  std::size_t authors_tag = 0, authors_tag_end = 0, list_tag = 0, list_tag_end = 0;  // self-closing ones
  bool in_comment_of_ours = false;
  std::pair<std::uint32_t, std::uint32_t> cell;
  for (;;) {
    const auto t = x.next();
    if (t == io::XmlScanner::Token::error) return x.error();
    if (t == io::XmlScanner::Token::eof) break;
    if (t == io::XmlScanner::Token::start) {
      const std::size_t depth = x.element_depth();
      const auto name = x.local_name();
      if (depth == 1) prefix = prefix_of(x.name());
      if (depth == 2 && name == "authors" && x.self_closing()) authors_tag = x.offset(), authors_tag_end = x.end_offset();
      if (depth == 2 && name == "commentList" && x.self_closing()) list_tag = x.offset(), list_tag_end = x.end_offset();
      if (depth == 3 && name == "author") ++authors;
      if (depth == 3 && name == "comment") {
        in_comment_of_ours = xlsx::parse_cell_reference(x.attribute("ref"), cell.first, cell.second, limits) &&
                             comments.count(cell) && !merged.count(cell);
        if (in_comment_of_ours) merged[cell] = true;
      }
    } else if (t == io::XmlScanner::Token::end) {
      const std::size_t depth = x.depth();  // after the end tag
      const auto name = x.local_name();
      if (depth == 1 && name == "authors") authors_close = x.offset();
      if (depth == 1 && name == "commentList") list_close = x.offset();
      if (depth == 3 && name == "text" && in_comment_of_ours) {
        // The cell's own comment first, then migcheck's: a cell holds one comment.
        edits.insert(x.offset(), "<" + prefix + "r><" + prefix + "t xml:space=\"preserve\">\n\n" +
                                     [&] { std::string s; xlsx::append_text(s, comments.at(cell)); return s; }() + "</" +
                                     prefix + "t></" + prefix + "r>");
      }
      if (depth == 2 && name == "comment") in_comment_of_ours = false;
    }
  }
  const std::string author_id = std::to_string(authors);
  std::string added;
  for (const auto& [at, text] : comments) {
    if (merged.count(at)) continue;
    std::string body;
    xlsx::append_text(body, text);
    added += "<" + prefix + "comment ref=\"" + a1(at.first, at.second) + "\" authorId=\"" + author_id + "\"><" + prefix +
             "text><" + prefix + "r><" + prefix + "t xml:space=\"preserve\">" + body + "</" + prefix + "t></" + prefix +
             "r></" + prefix + "text></" + prefix + "comment>";
  }
  const std::string author = "<" + prefix + "author>" + std::string(kAuthor) + "</" + prefix + "author>";
  if (authors_close) edits.insert(authors_close, author);
  else if (authors_tag_end) edits.replace(authors_tag, authors_tag_end, "<" + prefix + "authors>" + author + "</" + prefix + "authors>");
  if (list_close) edits.insert(list_close, added);
  else if (list_tag_end) edits.replace(list_tag, list_tag_end, "<" + prefix + "commentList>" + added + "</" + prefix + "commentList>");
  if ((!authors_close && !authors_tag_end) || (!list_close && !list_tag_end))
    return make_error(ErrorCode::xml_malformed, "The comments part " + part + " has no authors or no list of comments.",
                      {part, "", ""}, {{"part", part}});
  return edits.apply(xml);
}

std::string vml_part(const CellComments& comments, std::uint32_t block) {
  std::string out =
      "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
      "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"" +
      std::to_string(block) + "\"/></o:shapelayout>";
  out += kShapeType;
  std::uint32_t id = block * 1024 + 1;
  for (const auto& [at, text] : comments) out += shape(at.first, at.second, id++);
  return out + "</xml>";
}

std::string add_to_vml_part(std::string_view vml, const CellComments& comments,
                            const std::map<std::pair<std::uint32_t, std::uint32_t>, bool>& skip, std::uint32_t block) {
  std::string shapes;
  if (vml.find("_x0000_t202") == std::string_view::npos) shapes += kShapeType;
  std::uint32_t id = block * 1024 + 1;
  for (const auto& [at, text] : comments)
    if (!skip.count(at)) shapes += shape(at.first, at.second, id++);
  const auto close = vml.rfind("</xml>");
  std::string out(vml.substr(0, close == std::string_view::npos ? vml.size() : close));
  out += shapes;
  out += close == std::string_view::npos ? std::string_view() : vml.substr(close);
  return out;
}

}  // namespace migcheck::annotate
