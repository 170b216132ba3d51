// The cells a reader may keep in all sheets together (Limits::max_total_cells),
// shared by the XLSX and CSV readers. Internal to the core.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"

namespace migcheck::readers {

// True while one more cell fits: `kept` counts every cell read so far,
// in earlier sheets and this one.
inline bool cell_fits(std::uint64_t kept, const Limits& limits) noexcept { return kept < limits.max_total_cells; }

inline Diagnostic too_many_cells(const Limits& limits, std::string_view sheet, Location where = {}) {
  const std::string limit = std::to_string(limits.max_total_cells), name(sheet);
  where.sheet = name;
  return make_error(ErrorCode::file_too_many_cells,
                    "The file holds more than " + limit + " cells in all (the limit was reached on sheet \"" + name +
                        "\"). Split the data over several files.",
                    std::move(where), {{"limit", limit}, {"sheet", name}});
}

}  // namespace migcheck::readers
