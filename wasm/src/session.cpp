#include "session.hpp"

#include <cmath>

#include "rulebook_info.hpp"
#include "migcheck/json_writer.hpp"

namespace migcheck_wasm {

Session::Session(std::string_view rulebook_json)
    : load_(migcheck::load_rulebook(rulebook_json.empty() ? migcheck::bundled_rulebook_json() : rulebook_json)) {}

std::string Session::problems_json() const { return usable() ? std::string() : rulebook_problems_json(load_); }

std::string Session::rulebook_info_json() const {
  return usable() ? migcheck_wasm::rulebook_info_json(*load_.rulebook) : std::string();
}

std::string Session::validate(const std::vector<SessionInput>& inputs, const SessionOptions& options) {
  report_.reset();
  if (!usable()) return problems_json();
  std::vector<migcheck::Input> core_inputs;
  core_inputs.reserve(inputs.size());
  for (const auto& in : inputs) {
    migcheck::Input input{in.name, in.bytes};
    input.previous = in.previous;
    core_inputs.push_back(std::move(input));
  }
  std::optional<migcheck::Mapping> mapping;
  if (!options.mapping_json.empty()) {
    auto load = migcheck::load_mapping(options.mapping_json, *load_.rulebook);
    if (!load.ok()) return problems_json_of("mapping_problems", load.problems);
    mapping = std::move(load.mapping);
  }
  migcheck::ValidationOptions vo;
  vo.language = options.language;
  vo.mapping = mapping ? &*mapping : nullptr;
  vo.max_findings_per_file = options.max_findings_per_file;
  if (options.browser_limits) vo.limits = migcheck::Limits::browser();
  vo.progress = options.progress;
  report_ = migcheck::validate(core_inputs, *load_.rulebook, vo);
  return migcheck::report_json(*report_);
}

std::string Session::format(std::string_view name, bool strict) const {
  if (!report_ || !usable()) return {};
  const migcheck::Report& r = *report_;
  const migcheck::Rulebook& rb = *load_.rulebook;
  if (name == "json") return migcheck::report_json(r);
  if (name == "text") return migcheck::report_text(r);
  if (name == "junit") return migcheck::report_junit(r, strict);
  if (name == "sarif") return migcheck::report_sarif(r, rb);
  if (name == "html") return migcheck::report_html(r, rb);
  if (name == "sdmx-csv") return migcheck::report_sdmx_csv(r, rb);
  return {};
}

std::string Session::template_xlsx(std::string_view language) const {
  return usable() ? migcheck::return_template(*load_.rulebook, language) : std::string();
}

std::string Session::table_json(std::size_t file, std::size_t table) const {
  if (!report_ || file >= report_->files.size()) return {};
  const migcheck::Recognition& rec = report_->files[file].recognition;
  if (table >= rec.tables.size()) return {};
  const migcheck::RecognisedTable& t = rec.tables[table];
  std::string out;
  migcheck::util::JsonWriter w(out);
  auto integers = [&](const char* key, const std::vector<std::uint32_t>& values) {
    w.key(key).begin_array();
    for (auto v : values) w.integer(v);
    w.end_array();
  };
  w.begin_object();
  w.key("file").string(report_->files[file].file);
  w.key("table").string(t.table);
  w.key("dimensions").begin_array();
  for (const auto& d : t.dimensions) w.string(d);
  w.end_array();
  w.key("symbols").begin_array();
  for (const auto& s : t.symbols) w.string(s);
  w.end_array();
  w.key("sheet_names").begin_array();
  for (const auto& s : rec.sheets) w.string(s.sheet);
  w.end_array();
  integers("keys", t.keys);
  w.key("values").begin_array();
  for (double v : t.values) {
    if (std::isnan(v)) w.null();
    else w.number(v);
  }
  w.end_array();
  integers("obs_status", t.obs_status);
  integers("conf_status", t.conf_status);
  integers("sheet", t.sheet);
  integers("row", t.row);
  integers("column", t.column);
  w.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace migcheck_wasm
