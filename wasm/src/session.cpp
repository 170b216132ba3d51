#include "session.hpp"

#include "rulebook_info.hpp"
#include "migcheck/annotate.hpp"
#include "migcheck/assemble.hpp"
#include "migcheck/json_writer.hpp"
#include "migcheck/messages.hpp"

namespace migcheck_wasm {

Session::Session(std::string_view rulebook_json)
    : load_(migcheck::load_rulebook(rulebook_json.empty() ? migcheck::bundled_rulebook_json() : rulebook_json)) {}

std::string Session::rulebook_info_json() const {
  return usable() ? migcheck_wasm::rulebook_info_json(*load_.rulebook) : std::string();
}

Failure Session::unusable() const {
  return {"rulebook.unusable", "the rulebook is not usable (" + std::to_string(load_.problems.size()) + " problems)",
          problems_array_json(load_.problems)};
}

Outcome<std::string> Session::validate(const std::vector<SessionInput>& inputs, const SessionOptions& options) {
  report_.reset();
  if (!usable()) return Outcome<std::string>::failed(unusable());
  std::vector<migcheck::Input> core_inputs;
  core_inputs.reserve(inputs.size());
  for (const auto& in : inputs) {
    migcheck::Input input{in.name, in.bytes.view()};
    input.previous = in.previous;
    core_inputs.push_back(std::move(input));
  }
  std::optional<migcheck::Mapping> mapping;
  if (!options.mapping_json.empty()) {
    auto load = migcheck::load_mapping(options.mapping_json, *load_.rulebook);
    if (!load.ok())
      return Outcome<std::string>::failed({"mapping.unusable",
                                           "the mapping is not usable (" + std::to_string(load.problems.size()) + " problems)",
                                           problems_array_json(load.problems)});
    mapping = std::move(load.mapping);
  }
  migcheck::ValidationOptions vo;
  vo.language = options.language;
  vo.mapping = mapping ? &*mapping : nullptr;
  vo.max_findings_per_file = options.max_findings_per_file;
  vo.part = options.part;
  if (options.browser_limits) vo.limits = migcheck::Limits::browser();
  limits_ = vo.limits;
  vo.progress = options.progress;
  report_ = migcheck::validate(core_inputs, *load_.rulebook, vo);
  return Outcome<std::string>::of(migcheck::report_json(*report_));
}

Outcome<std::string> Session::format(std::string_view name, bool strict) const {
  using O = Outcome<std::string>;
  if (!report_ || !usable()) return O::failed({"report.none", "there is no report: validate first", ""});
  const migcheck::Report& r = *report_;
  const migcheck::Rulebook& rb = *load_.rulebook;
  if (name == "json") return O::of(migcheck::report_json(r));
  if (name == "text") return O::of(migcheck::report_text(r));
  if (name == "junit") return O::of(migcheck::report_junit(r, strict));
  if (name == "sarif") return O::of(migcheck::report_sarif(r, rb));
  if (name == "html") return O::of(migcheck::report_html(r, rb));
  if (name == "sdmx-csv") return O::of(migcheck::report_sdmx_csv(r, rb));
  return O::failed({"format.unknown",
                    "unknown format \"" + std::string(name) + "\" (json, text, junit, sarif, html or sdmx-csv)", ""});
}

Outcome<std::string> Session::template_xlsx(std::string_view language) const {
  if (!usable()) return Outcome<std::string>::failed(unusable());
  return Outcome<std::string>::of(migcheck::return_template(*load_.rulebook, language));
}

Outcome<std::string> Session::annotate(std::size_t file, std::string_view bytes) const {
  using O = Outcome<std::string>;
  if (!report_ || !usable()) return O::failed({"report.none", "there is no report: validate first", ""});
  auto annotated = migcheck::annotate_xlsx(bytes, *report_, file, *load_.rulebook, limits_);
  if (!annotated) {
    const migcheck::Diagnostic& d = annotated.error();
    return O::failed({migcheck::error_id(d.code), migcheck::render_diagnostic(d, report_->language), "", d.params});
  }
  return O::of(std::move(annotated).value());
}

Outcome<std::string> Session::assemble(std::string_view language) const {
  using O = Outcome<std::string>;
  if (!report_ || !usable()) return O::failed({"report.none", "there is no report: validate first", ""});
  auto assembled = migcheck::assemble_return(*report_, *load_.rulebook, language);
  if (!assembled) {
    const migcheck::Diagnostic& d = assembled.error();
    return O::failed({migcheck::error_id(d.code), migcheck::render_diagnostic(d, report_->language), "", d.params});
  }
  return O::of(std::move(assembled).value());
}

Outcome<Session::TableView> Session::table(std::size_t file, std::size_t table) const {
  using O = Outcome<TableView>;
  if (!report_ || file >= report_->files.size() || table >= report_->files[file].recognition.tables.size())
    return O::failed({"table.none", "no table " + std::to_string(table) + " of file " + std::to_string(file) +
                                        " in the last report", ""});
  const migcheck::FileReport& f = report_->files[file];
  return O::of({&f, &f.recognition.tables[table]});
}

}  // namespace migcheck_wasm
