// A pull scanner for the XML of workbook parts. No tree, no DTD, no
// allocation per token: names, attribute values and text are views into the
// document, decoded (entities, character references) only on request.
// Rejects <!DOCTYPE, unknown entities and nesting deeper than the limit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/error.hpp"

namespace migcheck::io {

struct XmlAttribute {
  std::string_view name;       // qualified ("r:id")
  std::string_view raw_value;  // undecoded
  bool needs_decoding;         // holds '&' or a CR (end-of-line handling)
  std::string_view local_name() const noexcept {
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }
};

class XmlScanner {
 public:
  enum class Token : std::uint8_t { start, end, text, eof, error };

  XmlScanner(std::string_view document, std::string part, std::uint32_t max_depth);

  // Self-closing elements produce a start token with self_closing() true and
  // no end token.
  Token next();

  std::string_view name() const noexcept { return name_; }
  std::string_view local_name() const noexcept { return local_name_; }
  bool self_closing() const noexcept { return self_closing_; }
  struct Attributes {
    const XmlAttribute* first;
    std::size_t count;
    const XmlAttribute* begin() const noexcept { return first; }
    const XmlAttribute* end() const noexcept { return first + count; }
    std::size_t size() const noexcept { return count; }
  };
  Attributes attributes() const noexcept { return {attributes_.data(), attribute_count_}; }
  // Raw value of the first attribute whose local name matches; empty if absent.
  std::string_view attribute(std::string_view local) const noexcept;
  const XmlAttribute* find_attribute(std::string_view local) const noexcept;

  std::string_view text_raw() const noexcept { return text_; }
  bool text_needs_decoding() const noexcept { return text_needs_decoding_; }

  // Depth of open elements (after a start token, including it unless it is self-closing).
  std::size_t depth() const noexcept { return stack_.size(); }
  // Depth of the element just started, self-closing or not (the root is 1).
  std::size_t element_depth() const noexcept { return stack_.size() + (self_closing_ ? 1 : 0); }
  std::uint64_t offset() const noexcept { return token_start_; }
  // Where the current token ends (just after its '>' or its text).
  std::uint64_t end_offset() const noexcept { return pos_; }

  // Collects the decoded text of the element just started, up to its end tag
  // (text of nested elements included). Returns a view of the document when
  // nothing needed decoding, else of scratch.
  Result<std::string_view> element_text(std::string& scratch);
  // Skips the element just started, with its content.
  Status skip_element();

  // Appends the decoded form of raw (text or attribute value) to out: entities
  // replaced, CR LF and a lone CR read as LF.
  Status decode_append(std::string_view raw, std::string& out) const;
  static void append_line_ends_normalised(std::string_view raw, std::string& out);
  Result<std::string_view> decoded(const XmlAttribute& a, std::string& scratch) const;

  using Params = std::vector<std::pair<std::string, std::string>>;
  const Diagnostic& error() const noexcept { return error_; }
  // An error at `offset` of this part: the message gets " (in PART, line N)"
  // and the params start with part and line, then `params`.
  Diagnostic error_at(ErrorCode code, std::string message, std::uint64_t offset, std::string_view variant = {},
                      Params params = {}) const;
  const std::string& part() const noexcept { return part_; }

 private:
  Token fail(ErrorCode code, std::string message, std::uint64_t offset, std::string_view variant = {},
             Params params = {});
  Token scan_start_tag();
  Token scan_end_tag();

  std::string_view doc_;
  std::string part_;
  std::uint32_t max_depth_;
  std::size_t pos_ = 0;
  std::uint64_t token_start_ = 0;
  std::string_view name_;
  std::string_view local_name_;
  std::string_view text_;
  bool text_needs_decoding_ = false;
  bool text_is_cdata_ = false;
  bool self_closing_ = false;
  bool seen_root_ = false;
  std::vector<std::string_view> stack_;
  std::vector<XmlAttribute> attributes_;  // reused; the first attribute_count_ are current
  std::size_t attribute_count_ = 0;
  Diagnostic error_;
};

}  // namespace migcheck::io
