// Reading a spreadsheet: bytes in, Workbook out.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "migcheck/error.hpp"
#include "migcheck/limits.hpp"
#include "migcheck/workbook.hpp"

namespace migcheck {

// Called now and then while sheets are parsed (about every 256 KiB of sheet
// text, never per cell): bytes parsed so far of all sheets' text, and the
// total. Both grow monotonically; done == total at the end.
using ReadProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct ReadOptions {
  Limits limits;
  ReadProgress progress;  // optional
};

// Sniffs the format (XLSX, CSV, or a known non-spreadsheet format, which is a
// clear error), then reads it. The bytes are not copied and not modified;
// file_name is used for messages and to tell CSV from other text.
// Errors: every file_*, zip_*, xml_*, xlsx_* and csv_* ErrorCode.
Result<Workbook> read_workbook(std::string_view bytes, std::string_view file_name,
                               const ReadOptions& options = {});

Result<Workbook> read_xlsx(std::string_view bytes, std::string_view file_name,
                           const ReadOptions& options = {});
Result<Workbook> read_csv(std::string_view bytes, std::string_view file_name,
                          const ReadOptions& options = {});

}  // namespace migcheck
