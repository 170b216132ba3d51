// The workbook's cell formats, extended for annotation: for each format a
// marked cell had, a copy with the severity's fill (so a marked date stays a
// date and a bold total stays bold), and the formats of the problems sheet.
// Existing formats keep their indices; new ones are appended.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::annotate {

enum class Mark : std::uint8_t { info, warning, error };  // ordered: the worst wins

class StyleBook {
 public:
  // xml: the styles part, or empty when the workbook has none (a minimal one is made).
  static Result<StyleBook> parse(std::string xml, std::string part, const Limits& limits);

  // The format of a cell that had format `base`, marked.
  std::uint32_t marked(std::uint32_t base, Mark mark);
  std::uint32_t header() const noexcept { return header_; }
  std::uint32_t wrapped() const noexcept { return wrapped_; }
  std::uint32_t link() const noexcept { return link_; }

  // The styles part with the new fonts, fills and formats.
  std::string finish() const;

 private:
  struct Format {
    std::string raw;  // the <xf> element as written
    std::size_t start = 0;  // its offset in the part
    std::size_t name_end = 0;
    std::pair<std::size_t, std::size_t> fill_id{0, 0}, apply_fill{0, 0};  // value ranges in raw; {0,0}: absent
  };
  struct Counted {  // an element with a count attribute and children we append to
    std::size_t count_begin = 0, count_end = 0;  // the count value; equal when absent
    std::size_t close = 0;                       // offset of its end tag
    std::uint32_t children = 0;
    bool found = false;
  };
  std::string xml_, prefix_;
  Counted fonts_, fills_, cell_formats_;
  std::vector<Format> formats_;
  std::vector<std::string> new_formats_;
  std::map<std::pair<std::uint32_t, Mark>, std::uint32_t> marked_;
  std::uint32_t first_fill_ = 0, first_font_ = 0;
  std::uint32_t header_ = 0, wrapped_ = 0, link_ = 0;

  std::uint32_t add_format(std::string xf);
};

}  // namespace migcheck::annotate
