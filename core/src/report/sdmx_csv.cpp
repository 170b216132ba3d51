// SDMX-CSV 2.0 export of the recognised observations (docs/report.md,
// domain.md §6): one row per observation, codes only, every table of every
// readable file in one message, each row naming its structure.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "migcheck/report_formats.hpp"

namespace migcheck {
namespace {

// RFC 4180: a field holding a comma, a double quote or a line break is
// quoted, with its double quotes doubled.
void append_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// The shortest decimal that reads back as exactly v, in plain notation:
// no exponent, no trailing ".0" ("1000000", "0.25", "-3", "0.000012").
void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) return;  // never an observation value; written empty
  if (v == 0) {
    out.push_back('0');  // also for -0
    return;
  }
  char buf[40];
  int precision = 15;
  for (; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  // buf is "[-]d.ddddde[+-]xx": split into sign, digits and exponent.
  std::string_view s(buf);
  const bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  const std::size_t e = s.find('e');
  std::string digits;
  for (char c : s.substr(0, e))
    if (c != '.') digits.push_back(c);
  const int exponent = std::atoi(std::string(s.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  // The value is 0.digits × 10^(exponent + 1).
  const int point = exponent + 1;  // digits before the decimal point
  if (negative) out.push_back('-');
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(point), std::string::npos);
  }
}

// The attributes recognition keeps for each observation: its status and its
// confidentiality. The rulebook loader and the recogniser bind the statuses
// of markers, flags and status columns to the attributes OBS_STATUS and
// CONF_STATUS; a column is written for each of them the rulebook declares,
// in that order (the observation's status first, as SDMX does). Text
// attributes (NOTE) are not kept by recognition, so not exported.
enum class StatusSource { obs, conf };

struct AttributeColumn {
  std::string id;
  StatusSource source;
};

std::vector<AttributeColumn> attribute_columns(const Rulebook& rulebook) {
  std::vector<AttributeColumn> out;
  if (const Attribute* a = rulebook.attribute(AttributeRole::observation_status)) out.push_back({a->id, StatusSource::obs});
  if (const Attribute* a = rulebook.attribute(AttributeRole::confidentiality)) out.push_back({a->id, StatusSource::conf});
  return out;
}

}  // namespace

std::string report_sdmx_csv(const Report& report, const Rulebook& rulebook) {
  // The union of the tables' dimensions, as SDMX-CSV 2.0 orders several
  // structures in one message: the dimensions of the first structure, then
  // those of the next one that are not there yet, and so on.
  std::vector<std::string> dimensions;
  for (const FileReport& f : report.files) {
    if (f.read_error) continue;
    for (const RecognisedTable& t : f.recognition.tables)
      for (const std::string& d : t.dimensions)
        if (std::find(dimensions.begin(), dimensions.end(), d) == dimensions.end()) dimensions.push_back(d);
  }
  const std::vector<AttributeColumn> attributes = attribute_columns(rulebook);
  const std::string& measure = rulebook.measure.id.empty() ? std::string("OBS_VALUE") : rulebook.measure.id;

  std::string out = "STRUCTURE,STRUCTURE_ID,ACTION";
  for (const std::string& d : dimensions) {
    out.push_back(',');
    append_field(out, d);
  }
  out.push_back(',');
  append_field(out, measure);
  for (const AttributeColumn& a : attributes) {
    out.push_back(',');
    append_field(out, a.id);
  }
  out += "\r\n";

  // The rulebook has no agency: its id stands for the maintaining agency,
  // and each table template is a dataflow of it.
  const std::string& agency = rulebook.id.empty() ? report.rulebook_id : rulebook.id;
  const std::string& version = rulebook.version.empty() ? report.rulebook_version : rulebook.version;
  for (const FileReport& f : report.files) {
    if (f.read_error) continue;
    for (const RecognisedTable& t : f.recognition.tables) {
      std::string prefix = "dataflow,";
      append_field(prefix, agency + ":" + t.table + "(" + version + ")");
      prefix += ",I";
      // Where each column of the union is in this table (npos: absent).
      std::vector<std::size_t> slot(dimensions.size());
      for (std::size_t d = 0; d < dimensions.size(); ++d) {
        const std::size_t i = t.dimension_index(dimensions[d]);
        slot[d] = i < t.dimensions.size() ? i : std::string::npos;
      }
      for (std::size_t i = 0; i < t.size(); ++i) {
        out += prefix;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
          out.push_back(',');
          if (slot[d] != std::string::npos) append_field(out, t.code(i, slot[d]));
        }
        out.push_back(',');
        append_number(out, t.values[i]);
        for (const AttributeColumn& a : attributes) {
          out.push_back(',');
          const auto& statuses = a.source == StatusSource::obs ? t.obs_status : t.conf_status;
          if (i < statuses.size()) append_field(out, t.symbols[statuses[i]]);
        }
        out += "\r\n";
      }
    }
  }
  return out;
}

}  // namespace migcheck
