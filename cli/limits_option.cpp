#include "cli/limits_option.hpp"

#include <cstdint>
#include <cstdlib>

namespace migcheck::cli {

bool apply_limit(const std::string& assignment, Limits& limits, std::string& error) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos) {
    error = "--limit takes NAME=VALUE";
    return false;
  }
  const std::string name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') {
    error = "--limit " + name + " needs a whole number";
    return false;
  }
  auto set32 = [&](std::uint32_t& field) {
    if (value > UINT32_MAX) return false;
    field = static_cast<std::uint32_t>(value);
    return true;
  };
  bool ok = true;
  if (name == "max_input_bytes") limits.max_input_bytes = value;
  else if (name == "max_zip_entries") ok = set32(limits.max_zip_entries);
  else if (name == "max_entry_bytes") limits.max_entry_bytes = value;
  else if (name == "max_total_bytes") limits.max_total_bytes = value;
  else if (name == "max_expansion_ratio") ok = set32(limits.max_expansion_ratio);
  else if (name == "expansion_grace_bytes") limits.expansion_grace_bytes = value;
  else if (name == "max_xml_depth") ok = set32(limits.max_xml_depth);
  else if (name == "max_cell_text") ok = set32(limits.max_cell_text);
  else if (name == "max_csv_fields") ok = set32(limits.max_csv_fields);
  else if (name == "max_total_cells") limits.max_total_cells = value;
  else {
    error = "unknown limit " + name + " (see docs/limits.md)";
    return false;
  }
  if (!ok) error = "--limit " + name + " is too large";
  return ok;
}

}  // namespace migcheck::cli
