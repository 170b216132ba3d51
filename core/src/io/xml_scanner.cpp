#include "io/xml_scanner.hpp"

#include <array>
#include <initializer_list>
#include <cstring>

#include "util/text.hpp"

namespace migcheck::io {
namespace {

// Characters that end a name: white space, '/', '>', '=', and the end of the buffer.
constexpr std::array<bool, 256> make_name_end() {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\r', '\n', '/', '>', '=', '<', '"', '\''}) t[c] = true;
  return t;
}
constexpr auto kNameEnd = make_name_end();

// Bytes that stop a scan of text content or of an attribute value. Short
// values dominate sheet XML, so a table loop beats a memchr call per value.
constexpr std::array<bool, 256> make_stops(std::initializer_list<unsigned char> chars) {
  std::array<bool, 256> t{};
  for (unsigned char c : chars) t[c] = true;
  return t;
}
// '\r' stops too: XML reads CR LF and a lone CR as one LF (XML 1.0, 2.11 end-of-line
// handling), so text holding a CR is decoded like text holding an entity.
constexpr auto kTextStop = make_stops({'<', '&', '\r'});
constexpr auto kValueStop = make_stops({'"', '\'', '<', '&', '\r'});

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// "x:c" -> "c": the name without its namespace prefix.
std::string_view local_part(std::string_view name) noexcept {
  for (std::size_t k = name.size(); k-- > 0;)
    if (name[k] == ':') return name.substr(k + 1);
  return name;
}

std::uint32_t line_of(std::string_view doc, std::uint64_t offset) {
  std::uint32_t line = 1;
  const std::size_t end = offset < doc.size() ? static_cast<std::size_t>(offset) : doc.size();
  for (std::size_t i = 0; i < end; ++i)
    if (doc[i] == '\n') ++line;
  return line;
}


}  // namespace

XmlScanner::XmlScanner(std::string_view document, std::string part, std::uint32_t max_depth)
    : doc_(document), part_(std::move(part)), max_depth_(max_depth) {
  stack_.reserve(16);
  attributes_.reserve(16);
  // A UTF-8 byte order mark before the declaration (.NET writers put one) is no text.
  if (doc_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

const XmlAttribute* XmlScanner::find_attribute(std::string_view local) const noexcept {
  for (std::size_t k = 0; k < attribute_count_; ++k)
    if (attributes_[k].local_name() == local) return &attributes_[k];
  return nullptr;
}

std::string_view XmlScanner::attribute(std::string_view local) const noexcept {
  const XmlAttribute* a = find_attribute(local);
  return a ? a->raw_value : std::string_view();
}

Diagnostic XmlScanner::error_at(ErrorCode code, std::string message, std::uint64_t offset,
                                std::string_view variant, Params params) const {
  Location where;
  where.part = part_;
  where.offset = offset;
  where.line = line_of(doc_, offset);
  const std::string line = std::to_string(where.line);
  params.insert(params.begin(), {{"part", part_}, {"line", line}});
  return make_error(code, std::move(message) + " (in " + part_ + ", line " + line + ")", std::move(where),
                    std::move(params), variant);
}

XmlScanner::Token XmlScanner::fail(ErrorCode code, std::string message, std::uint64_t offset,
                                   std::string_view variant, Params params) {
  error_ = error_at(code, std::move(message), offset, variant, std::move(params));
  pos_ = doc_.size();
  return Token::error;
}

XmlScanner::Token XmlScanner::next() {
  for (;;) {
    token_start_ = pos_;
    if (pos_ >= doc_.size()) {
      if (!stack_.empty())
        return fail(ErrorCode::xml_malformed,
                    "The XML ends before element <" + std::string(stack_.back()) + "> is closed", pos_,
                    "element_not_closed", {{"element", std::string(stack_.back())}});
      if (!seen_root_) return fail(ErrorCode::xml_malformed, "The XML part has no root element", pos_, "no_root");
      return Token::eof;
    }
    const char* p = doc_.data() + pos_;
    const std::size_t left = doc_.size() - pos_;
    if (*p != '<') {
      std::size_t len = 0;
      bool amp = false;
      for (;;) {
        while (len < left && !kTextStop[static_cast<unsigned char>(p[len])]) ++len;
        if (len < left && (p[len] == '&' || p[len] == '\r')) {
          amp = true;
          ++len;
          continue;
        }
        break;
      }
      text_ = std::string_view(p, len);
      text_needs_decoding_ = amp;
      text_is_cdata_ = false;
      if (stack_.empty() && text_.find_first_not_of(" \t\r\n") != std::string_view::npos)
        return fail(ErrorCode::xml_malformed, "The XML has text outside its root element", pos_, "text_outside_root");
      pos_ += len;
      return Token::text;
    }
    if (left < 2) return fail(ErrorCode::xml_malformed, "The XML ends inside a tag", pos_, "ends_in_tag");
    const char c = p[1];
    if (c == '/') return scan_end_tag();
    if (c == '?') {
      const auto close = doc_.find("?>", pos_ + 2);
      if (close == std::string_view::npos)
        return fail(ErrorCode::xml_malformed, "A processing instruction is not closed", pos_, "pi_not_closed");
      pos_ = close + 2;
      continue;
    }
    if (c == '!') {
      const std::string_view rest = doc_.substr(pos_);
      if (rest.substr(0, 4) == "<!--") {
        const auto close = doc_.find("-->", pos_ + 4);
        if (close == std::string_view::npos)
          return fail(ErrorCode::xml_malformed, "A comment is not closed", pos_, "comment_not_closed");
        pos_ = close + 3;
        continue;
      }
      if (rest.substr(0, 9) == "<![CDATA[") {
        const auto close = doc_.find("]]>", pos_ + 9);
        if (close == std::string_view::npos)
          return fail(ErrorCode::xml_malformed, "A CDATA section is not closed", pos_, "cdata_not_closed");
        text_ = doc_.substr(pos_ + 9, close - pos_ - 9);
        text_needs_decoding_ = false;
        text_is_cdata_ = true;
        pos_ = close + 3;
        return Token::text;
      }
      if (rest.substr(0, 9) == "<!DOCTYPE")
        return fail(ErrorCode::xml_doctype,
                    "The XML declares a DOCTYPE, which workbook parts never need; it is refused "
                    "because DTDs allow entity-expansion attacks",
                    pos_);
      return fail(ErrorCode::xml_malformed, "Unexpected markup declaration", pos_, "unexpected_declaration");
    }
    return scan_start_tag();
  }
}

XmlScanner::Token XmlScanner::scan_start_tag() {
  const std::size_t n = doc_.size();
  std::size_t i = pos_ + 1;
  const std::size_t name_begin = i;
  while (i < n && !kNameEnd[static_cast<unsigned char>(doc_[i])]) ++i;
  if (i == name_begin) return fail(ErrorCode::xml_malformed, "A tag has no name", pos_, "tag_without_name");
  name_ = doc_.substr(name_begin, i - name_begin);
  local_name_ = local_part(name_);
  attribute_count_ = 0;
  for (;;) {
    while (i < n && is_space(doc_[i])) ++i;
    if (i >= n)
      return fail(ErrorCode::xml_malformed, "The XML ends inside tag <" + std::string(name_) + ">", pos_,
                  "ends_in_named_tag", {{"element", std::string(name_)}});
    if (doc_[i] == '>') {
      self_closing_ = false;
      ++i;
      break;
    }
    if (doc_[i] == '/') {
      if (i + 1 >= n || doc_[i + 1] != '>')
        return fail(ErrorCode::xml_malformed, "Stray '/' in tag <" + std::string(name_) + ">", i, "stray_slash",
                    {{"element", std::string(name_)}});
      self_closing_ = true;
      i += 2;
      break;
    }
    const std::size_t attr_begin = i;
    while (i < n && !kNameEnd[static_cast<unsigned char>(doc_[i])]) ++i;
    if (i == attr_begin)
      return fail(ErrorCode::xml_malformed, "Malformed attribute in tag <" + std::string(name_) + ">", i,
                  "bad_attribute", {{"element", std::string(name_)}});
    const std::string_view attr_name = doc_.substr(attr_begin, i - attr_begin);
    while (i < n && is_space(doc_[i])) ++i;
    if (i >= n || doc_[i] != '=')
      return fail(ErrorCode::xml_malformed, "Attribute " + std::string(attr_name) + " has no value", i,
                  "attribute_without_value", {{"attribute", std::string(attr_name)}});
    ++i;
    while (i < n && is_space(doc_[i])) ++i;
    if (i >= n || (doc_[i] != '"' && doc_[i] != '\''))
      return fail(ErrorCode::xml_malformed, "Attribute " + std::string(attr_name) + " is not quoted", i,
                  "attribute_not_quoted", {{"attribute", std::string(attr_name)}});
    const char quote = doc_[i++];
    const std::size_t value_begin = i;
    bool amp = false;
    for (;;) {
      while (i < n && !kValueStop[static_cast<unsigned char>(doc_[i])]) ++i;
      if (i >= n)
        return fail(ErrorCode::xml_malformed, "Attribute " + std::string(attr_name) + " is not closed", attr_begin,
                    "attribute_not_closed", {{"attribute", std::string(attr_name)}});
      const char c = doc_[i];
      if (c == quote) break;
      if (c == '<')
        return fail(ErrorCode::xml_malformed, "Attribute " + std::string(attr_name) + " contains '<'", i,
                    "attribute_with_lt", {{"attribute", std::string(attr_name)}});
      amp = amp || c == '&' || c == '\r';
      ++i;  // '&', '\r', or the other quote character
    }
    const std::string_view value = doc_.substr(value_begin, i - value_begin);
    if (attribute_count_ < attributes_.size()) attributes_[attribute_count_] = {attr_name, value, amp};
    else attributes_.push_back({attr_name, value, amp});
    ++attribute_count_;
    ++i;
  }
  pos_ = i;
  if (stack_.size() + 1 > max_depth_)
    return fail(ErrorCode::xml_too_deep, "Elements are nested more than " + std::to_string(max_depth_) + " deep",
                token_start_, {},
                {{"limit", std::to_string(max_depth_)}, {"value", std::to_string(stack_.size() + 1)}});
  if (stack_.empty() && seen_root_)
    return fail(ErrorCode::xml_malformed, "The XML has more than one root element", token_start_, "several_roots");
  seen_root_ = true;
  if (!self_closing_) stack_.push_back(name_);
  return Token::start;
}

XmlScanner::Token XmlScanner::scan_end_tag() {
  const std::size_t n = doc_.size();
  // Fast path: the expected name, then '>'.
  if (!stack_.empty()) {
    const std::string_view open = stack_.back();
    const std::size_t close = pos_ + 2 + open.size();
    if (close < n && doc_[close] == '>' && doc_.compare(pos_ + 2, open.size(), open) == 0) {
      name_ = open;
      local_name_ = local_part(open);
      stack_.pop_back();
      self_closing_ = false;
      pos_ = close + 1;
      return Token::end;
    }
  }
  std::size_t i = pos_ + 2;
  const std::size_t name_begin = i;
  while (i < n && !kNameEnd[static_cast<unsigned char>(doc_[i])]) ++i;
  name_ = doc_.substr(name_begin, i - name_begin);
  local_name_ = local_part(name_);
  while (i < n && is_space(doc_[i])) ++i;
  if (i >= n || doc_[i] != '>')
    return fail(ErrorCode::xml_malformed, "Malformed end tag </" + std::string(name_) + ">", pos_, "bad_end_tag",
                {{"element", std::string(name_)}});
  if (stack_.empty())
    return fail(ErrorCode::xml_malformed, "End tag </" + std::string(name_) + "> has no start tag", pos_,
                "end_tag_unopened", {{"element", std::string(name_)}});
  if (stack_.back() != name_)
    return fail(ErrorCode::xml_malformed,
                "End tag </" + std::string(name_) + "> does not close <" + std::string(stack_.back()) + ">", pos_,
                "end_tag_mismatch", {{"element", std::string(name_)}, {"open", std::string(stack_.back())}});
  stack_.pop_back();
  self_closing_ = false;
  pos_ = i + 1;
  return Token::end;
}

void XmlScanner::append_line_ends_normalised(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  for (;;) {
    const std::size_t cr = raw.find('\r', i);
    if (cr == std::string_view::npos) {
      out.append(raw.data() + i, raw.size() - i);
      return;
    }
    out.append(raw.data() + i, cr - i);
    out.push_back('\n');
    i = cr + 1;
    if (i < raw.size() && raw[i] == '\n') ++i;
  }
}

Status XmlScanner::decode_append(std::string_view raw, std::string& out) const {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t a = raw.find_first_of("&\r", i);
    if (a == std::string_view::npos) {
      out.append(raw.data() + i, raw.size() - i);
      break;
    }
    out.append(raw.data() + i, a - i);
    if (raw[a] == '\r') {  // CR LF or a lone CR is one LF; a CR written as &#13; stays a CR
      out.push_back('\n');
      i = a + 1;
      if (i < raw.size() && raw[i] == '\n') ++i;
      continue;
    }
    const std::size_t semi = raw.find(';', a);
    const std::uint64_t where = static_cast<std::uint64_t>(raw.data() + a - doc_.data());
    if (semi == std::string_view::npos || semi - a > 12)
      return error_at(ErrorCode::xml_bad_entity, "An '&' does not start a valid entity", where, "bare_ampersand");
    const std::string_view ent = raw.substr(a + 1, semi - a - 1);
    if (ent == "lt") out.push_back('<');
    else if (ent == "gt") out.push_back('>');
    else if (ent == "amp") out.push_back('&');
    else if (ent == "quot") out.push_back('"');
    else if (ent == "apos") out.push_back('\'');
    else if (ent.size() >= 2 && ent[0] == '#') {
      std::uint32_t cp = 0;
      const bool hex = ent[1] == 'x';
      const std::string_view digits = ent.substr(hex ? 2 : 1);
      bool valid = !digits.empty() && digits.size() <= 8;
      for (char d : digits) {
        if (!valid) break;
        int v;
        if (d >= '0' && d <= '9') v = d - '0';
        else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
        else { valid = false; break; }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
        if (cp > 0x10FFFF) valid = false;
      }
      if (!valid || !util::is_xml_char(cp))
        return error_at(ErrorCode::xml_bad_entity, "Invalid character reference &" + std::string(ent) + ";", where,
                        "invalid_character_reference", {{"entity", std::string(ent)}});
      util::append_utf8(out, cp);
    } else {
      return error_at(ErrorCode::xml_bad_entity,
                      "Unknown entity &" + std::string(ent) +
                          "; (only &lt; &gt; &amp; &quot; &apos; and character references are allowed)",
                      where, "unknown_entity", {{"entity", std::string(ent)}});
    }
    i = semi + 1;
  }
  return ok_status();
}

Result<std::string_view> XmlScanner::decoded(const XmlAttribute& a, std::string& scratch) const {
  if (!a.needs_decoding) return a.raw_value;
  scratch.clear();
  MIGCHECK_TRY(decode_append(a.raw_value, scratch));
  return std::string_view(scratch);
}

Result<std::string_view> XmlScanner::element_text(std::string& scratch) {
  if (self_closing_) return std::string_view();
  const std::size_t base = stack_.size() - 1;
  std::string_view single;
  int pieces = 0;
  bool decoding = false;
  for (;;) {
    const Token t = next();
    if (t == Token::error) return error_;
    if (t == Token::eof) return error_;  // unreachable: eof with open elements is an error
    if (t == Token::end && stack_.size() == base) break;
    if (t != Token::text) continue;
    const bool cdata_with_cr = text_is_cdata_ && text_.find('\r') != std::string_view::npos;
    if (pieces == 0 && !text_needs_decoding_ && !cdata_with_cr) {
      single = text_;
    } else {
      if (!decoding) {
        scratch.assign(single.data(), single.size());
        decoding = true;
      }
      if (text_needs_decoding_) MIGCHECK_TRY(decode_append(text_, scratch));
      else if (cdata_with_cr) append_line_ends_normalised(text_, scratch);
      else scratch.append(text_.data(), text_.size());
    }
    ++pieces;
  }
  if (decoding) return std::string_view(scratch);
  return single;
}

Status XmlScanner::skip_element() {
  if (self_closing_) return ok_status();
  const std::size_t base = stack_.size() - 1;
  for (;;) {
    const Token t = next();
    if (t == Token::error || t == Token::eof) return error_;
    if (t == Token::end && stack_.size() == base) return ok_status();
  }
}

}  // namespace migcheck::io
