#include "annotate/xml_edits.hpp"

#include <algorithm>

#include "util/markup.hpp"

namespace migcheck::annotate {

std::string XmlEdits::apply(std::string_view document) const {
  std::vector<const Edit*> order;
  order.reserve(edits_.size());
  for (const Edit& e : edits_) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const Edit* a, const Edit* b) { return a->begin < b->begin; });
  std::string out;
  std::size_t extra = 0;
  for (const Edit* e : order) extra += e->text.size();
  out.reserve(document.size() + extra);
  std::size_t at = 0;
  for (const Edit* e : order) {
    if (e->begin < at) continue;  // overlapping edits never happen; never write twice
    out.append(document.data() + at, e->begin - at);
    out += e->text;
    at = e->end;
  }
  out.append(document.data() + at, document.size() - at);
  return out;
}

std::string prefix_of(std::string_view qualified_name) {
  const auto colon = qualified_name.find(':');
  return colon == std::string_view::npos ? std::string() : std::string(qualified_name.substr(0, colon + 1));
}

std::string escaped(std::string_view text) {
  std::string out;
  util::append_escaped(out, text, util::Markup::xml);
  return out;
}

}  // namespace migcheck::annotate
