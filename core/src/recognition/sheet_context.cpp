#include "recognition/sheet_context.hpp"

#include <algorithm>

#include "migcheck/json_writer.hpp"
#include "util/text.hpp"

namespace migcheck::recognition {

std::string cell_text(const Workbook& wb, const Cell* c) {
  if (!c) return {};
  switch (c->kind) {
    case CellKind::text:
    case CellKind::error: return std::string(wb.text(*c));
    case CellKind::boolean: return c->number != 0 ? "TRUE" : "FALSE";
    case CellKind::date: return date_serial_to_iso(c->number, wb.date1904);
    case CellKind::number: {
      std::string s;
      util::append_json_number(s, c->number);
      return s;
    }
  }
  return {};
}

void Context::finding(std::string rule, Severity severity, FindingPlace place,
                      std::vector<std::pair<std::string, std::string>> params, std::string wording) {
  Finding f;
  f.message_key = wording.empty() ? rule : std::move(wording);
  f.rule = std::move(rule);
  f.severity = severity;
  f.level = 0;
  f.file = workbook.file_name;
  f.table = std::move(place.table);
  f.sheet = std::move(place.sheet);
  f.cell = std::move(place.cell);
  f.related_cells = std::move(place.related);
  util::clip_quoted_params(params);
  f.params = std::move(params);
  f.message = render_message(rulebook, options.language, f.message_key, f.params);
  out.findings.push_back(std::move(f));
}

namespace {
// Candidates looked at per tree node when ranges overlap (never in a valid sheet).
constexpr std::size_t kOverlapCandidates = 32;
}  // namespace

MergeIndex::MergeIndex(const std::vector<CellRange>& merged) {
  if (merged.empty()) return;
  bounds_.reserve(merged.size() * 2);
  for (const CellRange& m : merged) {
    bounds_.push_back(m.first_row);
    bounds_.push_back(m.last_row + 1);  // last_row < 2^20: no overflow
  }
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
  leaves_ = bounds_.size() - 1;
  nodes_.resize(4 * leaves_);
  for (std::uint32_t i = 0; i < merged.size(); ++i) {
    const CellRange& m = merged[i];
    const auto from = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), m.first_row) - bounds_.begin());
    const auto to = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), m.last_row + 1) - bounds_.begin());
    insert(1, 0, leaves_, from, to, Entry{m.first_column, m.last_column, i, 0});
  }
  for (auto& node : nodes_) {
    std::sort(node.begin(), node.end(), [](const Entry& a, const Entry& b) {
      return a.first_column < b.first_column || (a.first_column == b.first_column && a.index < b.index);
    });
    std::uint32_t reach = 0;
    for (Entry& e : node) e.reach = reach = std::max(reach, e.last_column);
  }
}

void MergeIndex::insert(std::size_t node, std::size_t lo, std::size_t hi, std::size_t from, std::size_t to,
                        const Entry& e) {
  if (to <= lo || hi <= from) return;
  if (from <= lo && hi <= to) {
    nodes_[node].push_back(e);
    return;
  }
  const std::size_t mid = lo + (hi - lo) / 2;
  insert(2 * node, lo, mid, from, to, e);
  insert(2 * node + 1, mid, hi, from, to, e);
}

std::int64_t MergeIndex::covering(std::uint32_t row, std::uint32_t column) const {
  if (leaves_ == 0 || row < bounds_.front() || row >= bounds_.back()) return -1;
  const auto leaf = static_cast<std::size_t>(std::upper_bound(bounds_.begin(), bounds_.end(), row) - bounds_.begin()) - 1;
  std::int64_t best = -1;
  std::size_t node = 1, lo = 0, hi = leaves_;
  for (;;) {
    const auto& entries = nodes_[node];
    // Entries starting at or before the column, latest first, while one of them may still reach it.
    auto it = std::upper_bound(entries.begin(), entries.end(), column,
                               [](std::uint32_t c, const Entry& e) { return c < e.first_column; });
    for (std::size_t seen = 0; it != entries.begin() && seen < kOverlapCandidates; ++seen) {
      --it;
      if (it->reach < column) break;
      if (it->last_column >= column && (best < 0 || it->index < best)) best = it->index;
    }
    if (hi - lo == 1) break;
    const std::size_t mid = lo + (hi - lo) / 2;
    if (leaf < mid) node = 2 * node, hi = mid;
    else node = 2 * node + 1, lo = mid;
  }
  return best;
}

const Cell* SheetView::at(std::uint32_t row, std::uint32_t column) const {
  if (const Cell* c = sheet_.find(row, column)) return c;
  const std::int64_t m = merges_.covering(row, column);
  if (m < 0) return nullptr;
  const CellRange& range = sheet_.merged[static_cast<std::size_t>(m)];
  return sheet_.find(range.first_row, range.first_column);
}

}  // namespace migcheck::recognition
