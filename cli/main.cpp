// The migcheck command line. Thin: argument parsing and file I/O only; all
// behaviour lives in the core.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/limits_option.hpp"
#include "cli/progress.hpp"
#include "cli/template_command.hpp"
#include "migcheck/messages.hpp"
#include "migcheck/migcheck.hpp"

namespace {

constexpr const char* kUsage =
    "usage: migcheck <command> [options]\n"
    "\n"
    "commands:\n"
    "  dump FILE [--sheet NAME] [--json]   show how migcheck reads FILE (sheets, cells, merges)\n"
    "  inspect FILE [--rulebook PATH] [--lang LANG] [--mapping FILE] [--json] [--observations]\n"
    "                                      show what migcheck recognised: tables, layout, header and\n"
    "                                      label mappings, observation counts, what was skipped\n"
    "  validate [--rulebook PATH] [--lang LANG] [--mapping FILE] [--format text|json|junit|sarif|html]\n"
    "           [--output FILE] [--strict] [--part] [--max-findings N] [--previous FILE]... FILE...\n"
    "                                      check returns against the rulebook; exit 1 on errors\n"
    "                                      (with --strict, on warnings too); html is a standalone page;\n"
    "                                      --previous: last year's return, for changes and revisions;\n"
    "                                      --part: the FILEs are one agency's part of the return, the\n"
    "                                      tables other agencies send are awaited (docs/agencies.md)\n"
    "  export --format sdmx-csv [--rulebook PATH] [--lang LANG] [--mapping FILE] [--output FILE] FILE...\n"
    "                                      validate, then write the recognised observations of every\n"
    "                                      readable file as SDMX-CSV 2.0; exit 1 when a file could\n"
    "                                      not be read\n"
    "  annotate [--rulebook PATH] [--lang LANG] [--mapping FILE] -o OUT FILE\n"
    "                                      write FILE (an .xlsx) again as OUT with each faulty cell\n"
    "                                      highlighted and commented, and a first sheet \"migcheck\"\n"
    "                                      listing the problems with links to their cells\n"
    "  assemble [--rulebook PATH] [--lang LANG] [--mapping FILE] -o OUT FILE...\n"
    "                                      write the agencies' FILEs as one return OUT (.xlsx) in the\n"
    "                                      template's shape, Sources merged; refused when two FILEs\n"
    "                                      give one table (docs/agencies.md)\n"
    "  template [--rulebook PATH] [--lang LANG] -o FILE\n"
    "                                      write a blank return (XLSX) from the rulebook: Metadata,\n"
    "                                      Sources, one sheet per table with its code rows, Codes\n"
    "  rulebook check [FILE]               check a rulebook (the bundled one without FILE): its schema,\n"
    "                                      cross-references, rule parameters, and rules that contradict\n"
    "                                      each other; every problem with its JSON path; exit 1 if any\n"
    "  version                             print the version\n"
    "\n"
    "options for every command that reads files:\n"
    "  --lang LANG          the language of messages, reports and the template: one of the rulebook's\n"
    "                       languages (the bundled rulebook: en, fr, ar); default en\n"
    "  --limit NAME=VALUE   change an input limit (docs/limits.md), e.g. --limit max_entry_bytes=2147483648\n"
    "  --mapping FILE       what sheets, columns and labels mean where recognition cannot tell\n"
    "                       (docs/mapping.md); the page writes one\n"
    "\n"
    "exit status: 0 success, 1 the file could not be read (template: written), 2 bad usage or an unusable\n"
    "rulebook or mapping\n";

int usage_error(const std::string& message) {
  std::cerr << "migcheck: " << message << "\n\n" << kUsage;
  return 2;
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {  // opens on Linux, then reports a size of 2^63
    error = "cannot read " + path + ": it is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) {
    error = "cannot read " + path;
    return false;
  }
  try {
    out.resize(static_cast<std::size_t>(size));
  } catch (const std::exception&) {  // std::length_error, std::bad_alloc
    error = "cannot read " + path + ": " + std::to_string(static_cast<long long>(size)) + " bytes do not fit in memory";
    return false;
  }
  in.seekg(0);
  in.read(out.data(), size);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  return true;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Reads FILE as a workbook; an unreadable file prints its error (as JSON
// with --json) on stdout, where a pipeline looks for the result.
std::optional<migcheck::Workbook> read_input(const std::string& file, const migcheck::ReadOptions& options,
                                             bool json) {
  std::string bytes, error;
  if (!read_file(file, bytes, error)) {
    std::cerr << "migcheck: " << error << "\n";
    return std::nullopt;
  }
  const std::string name = base_name(file);
  auto read = migcheck::read_workbook(bytes, name, options);
  if (!read) {
    std::cout << (json ? migcheck::dump_error_json(name, read.error()) : migcheck::dump_error_text(name, read.error()));
    return std::nullopt;
  }
  return std::move(read).value();
}

int run_dump(const std::vector<std::string>& args) {
  std::string file, sheet;
  bool json = false;
  migcheck::ReadOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--sheet") {
      if (++i >= args.size()) return usage_error("--sheet needs a sheet name");
      sheet = args[i];
    } else if (a == "--limit") {
      if (++i >= args.size()) return usage_error("--limit needs NAME=VALUE");
      std::string error;
      if (!migcheck::cli::apply_limit(args[i], options.limits, error)) return usage_error(error);
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("dump reads one file");
    }
  }
  if (file.empty()) return usage_error("dump needs a FILE");
  const std::string name = base_name(file);
  auto read = read_input(file, options, json);
  if (!read) return 1;
  migcheck::DumpOptions dump;
  dump.sheet = sheet;
  if (!sheet.empty() && !read->sheet(sheet)) {
    std::cerr << "migcheck: " << name << " has no sheet named \"" << sheet << "\"\n";
    return 1;
  }
  std::cout << (json ? migcheck::dump_json(*read, dump) : migcheck::dump_text(*read, dump));
  return 0;
}

// The bundled rulebook, or the one at `path`, which must speak `language`;
// prints every problem and fails (exit status 2).
std::optional<migcheck::Rulebook> load_rulebook(const std::string& path, const std::string& language) {
  std::string text, error;
  if (path.empty()) {
    text = std::string(migcheck::bundled_rulebook_json());
  } else if (!read_file(path, text, error)) {
    std::cerr << "migcheck: " << error << "\n";
    return std::nullopt;
  }
  auto load = migcheck::load_rulebook(text);
  if (!load.ok()) {
    const std::string name = path.empty() ? std::string("bundled rulebook") : path;
    std::cerr << "migcheck: " << name << " is not a usable rulebook (" << load.problems.size() << " problem"
              << (load.problems.size() == 1 ? "" : "s") << "):\n";
    for (const auto& p : load.problems) std::cerr << "  " << (p.path.empty() ? "/" : p.path) << ": " << p.message << "\n";
    return std::nullopt;
  }
  const auto& languages = load.rulebook->languages;
  if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
    usage_error("the rulebook has no language \"" + language + "\"");
    return std::nullopt;
  }
  return std::move(load.rulebook);
}

// The mapping at `path` for `rulebook`; prints every problem and fails (exit status 2).
std::optional<migcheck::Mapping> load_mapping(const std::string& path, const migcheck::Rulebook& rulebook) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << "migcheck: " << error << "\n";
    return std::nullopt;
  }
  auto load = migcheck::load_mapping(text, rulebook);
  if (!load.ok()) {
    std::cerr << "migcheck: " << path << " is not a usable mapping (" << load.problems.size() << " problem"
              << (load.problems.size() == 1 ? "" : "s") << "):\n";
    for (const auto& p : load.problems) std::cerr << "  " << (p.path.empty() ? "/" : p.path) << ": " << p.message << "\n";
    return std::nullopt;
  }
  return std::move(load.mapping);
}

// migcheck rulebook check [FILE]: the loader's problems, contradictions included, and nothing else.
int run_rulebook(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "check") return usage_error("rulebook takes the subcommand check");
  if (args.size() > 2) return usage_error("rulebook check reads one FILE");
  std::string text, error;
  const std::string path = args.size() == 2 ? args[1] : std::string();
  if (path.empty()) {
    text = std::string(migcheck::bundled_rulebook_json());
  } else if (!read_file(path, text, error)) {
    std::cerr << "migcheck: " << error << "\n";
    return 1;
  }
  const auto load = migcheck::load_rulebook(text);
  const std::string name = path.empty() ? std::string("bundled rulebook") : path;
  if (load.ok()) {
    std::cout << name << ": no problem (" << load.rulebook->rules.size() << " rules, " << load.rulebook->tables.size()
              << " tables, " << load.rulebook->codelists.size() << " code lists)\n";
    return 0;
  }
  std::cout << name << ": " << load.problems.size() << " problem" << (load.problems.size() == 1 ? "" : "s") << "\n";
  for (const auto& p : load.problems) std::cout << "  " << (p.path.empty() ? "/" : p.path) << ": " << p.message << "\n";
  return 1;
}

int run_inspect(const std::vector<std::string>& args) {
  std::string file, rulebook_path, mapping_path, lang = "en";
  bool json = false;
  migcheck::InspectOptions inspect;
  migcheck::ReadOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--observations") {
      inspect.observations = true;
    } else if (a == "--rulebook" || a == "--lang" || a == "--limit" || a == "--mapping") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--rulebook") rulebook_path = v;
      else if (a == "--mapping") mapping_path = v;
      else if (a == "--lang") lang = v;
      else {
        std::string error;
        if (!migcheck::cli::apply_limit(v, options.limits, error)) return usage_error(error);
      }
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("inspect reads one file");
    }
  }
  if (file.empty()) return usage_error("inspect needs a FILE");
  auto rulebook = load_rulebook(rulebook_path, lang);
  if (!rulebook) return 2;
  std::optional<migcheck::Mapping> mapping;
  if (!mapping_path.empty() && !(mapping = load_mapping(mapping_path, *rulebook))) return 2;
  const std::string name = base_name(file);
  auto read = read_input(file, options, json);
  if (!read) return 1;
  migcheck::RecogniseOptions recognise;
  recognise.language = lang;
  recognise.mapping = mapping ? &*mapping : nullptr;
  const auto recognition = migcheck::recognise(*read, *rulebook, recognise);
  std::cout << (json ? migcheck::inspect_json(recognition, *rulebook, inspect)
                     : migcheck::inspect_text(recognition, *rulebook, lang));
  return 0;
}

// Reads every FILE and validates them; a file that cannot be opened is still
// reported, as an unreadable input.
// PREVIOUS files are last year's returns (Input::previous).
migcheck::Report validate_files(const std::vector<std::string>& files, const migcheck::Rulebook& rulebook,
                                const migcheck::ValidationOptions& options,
                                const std::vector<std::string>& previous = {}) {
  std::vector<std::string> all = files;
  all.insert(all.end(), previous.begin(), previous.end());
  std::vector<std::string> contents(all.size());
  std::vector<migcheck::Input> inputs;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string error;
    if (!read_file(all[i], contents[i], error)) {
      std::cerr << "migcheck: " << error << "\n";
      contents[i].clear();
    }
    inputs.push_back({base_name(all[i]), contents[i], i >= files.size()});
  }
  return migcheck::validate(inputs, rulebook, options);
}

// Writes text to OUTPUT, or to standard output when OUTPUT is empty.
bool write_output(const std::string& output, const std::string& text) {
  if (output.empty()) {
    std::cout << text;
    return true;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "migcheck: cannot write " << output << "\n";
    return false;
  }
  return true;
}

// The arguments of validate and export: FILEs, --rulebook, --lang, --format,
// --output/-o and --limit for both; --strict, --max-findings and --previous for
// validate only. Returns "" or the usage error.
struct RunArgs {
  std::vector<std::string> files, previous;
  std::string rulebook_path, lang = "en", format, output, mapping_path;
  bool strict = false;
  migcheck::ValidationOptions options;
};

std::string parse_run_args(const std::vector<std::string>& args, bool validate, RunArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool validate_only = a == "--max-findings" || a == "--previous";
    if (validate && a == "--strict") {
      out.strict = true;
    } else if (validate && a == "--part") {
      out.options.part = true;
    } else if (a == "--rulebook" || a == "--lang" || a == "--format" || a == "--output" || a == "-o" ||
               a == "--limit" || a == "--mapping" || (validate && validate_only)) {
      if (i + 1 >= args.size()) return a + " needs a value";
      const std::string& v = args[++i];
      if (a == "--previous") out.previous.push_back(v);
      else if (a == "--rulebook") out.rulebook_path = v;
      else if (a == "--mapping") out.mapping_path = v;
      else if (a == "--lang") out.lang = v;
      else if (a == "--format") out.format = v;
      else if (a == "--output" || a == "-o") out.output = v;
      else if (a == "--max-findings") {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0') return "--max-findings needs a whole number";
        out.options.max_findings_per_file = static_cast<std::size_t>(n);
      } else {
        std::string error;
        if (!migcheck::cli::apply_limit(v, out.options.limits, error)) return error;
      }
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option " + a;
    } else {
      out.files.push_back(a);
    }
  }
  return {};
}

// The rulebook and mapping of validate, export, annotate and assemble, and the
// options they share; false (the problem said on standard error) when unusable.
struct Loaded {
  std::optional<migcheck::Rulebook> rulebook;
  std::optional<migcheck::Mapping> mapping;
};

bool load(RunArgs& run, Loaded& out) {
  out.rulebook = load_rulebook(run.rulebook_path, run.lang);
  if (!out.rulebook) return false;
  if (!run.mapping_path.empty() && !(out.mapping = load_mapping(run.mapping_path, *out.rulebook))) return false;
  run.options.mapping = out.mapping ? &*out.mapping : nullptr;
  run.options.language = run.lang;
  run.options.progress = migcheck::cli::terminal_progress();
  return true;
}

int run_validate(const std::vector<std::string>& args) {
  RunArgs run;
  run.format = "text";
  if (const std::string error = parse_run_args(args, true, run); !error.empty()) return usage_error(error);
  auto& [files, previous, rulebook_path, lang, format, output, mapping_path, strict, options] = run;
  if (files.empty()) return usage_error("validate needs at least one FILE");
  if (format != "text" && format != "json" && format != "junit" && format != "sarif" && format != "html")
    return usage_error("--format takes text, json, junit, sarif or html");
  Loaded loaded;
  if (!load(run, loaded)) return 2;
  const auto& rulebook = loaded.rulebook;
  const auto report = validate_files(files, *rulebook, options, previous);
  const std::string text = format == "json"    ? migcheck::report_json(report)
                           : format == "junit" ? migcheck::report_junit(report, strict)
                           : format == "sarif" ? migcheck::report_sarif(report, *rulebook)
                           : format == "html"  ? migcheck::report_html(report, *rulebook)
                                               : migcheck::report_text(report);
  if (!write_output(output, text)) return 2;
  return report.errors > 0 || (strict && report.warnings > 0) ? 1 : 0;
}

int run_export(const std::vector<std::string>& args) {
  RunArgs run;
  if (const std::string error = parse_run_args(args, false, run); !error.empty()) return usage_error(error);
  auto& [files, previous, rulebook_path, lang, format, output, mapping_path, strict, options] =
      run;  // previous, strict: validate's
  if (format.empty()) return usage_error("export needs --format sdmx-csv");
  if (format != "sdmx-csv") return usage_error("--format of export takes sdmx-csv");
  if (files.empty()) return usage_error("export needs at least one FILE");
  Loaded loaded;
  if (!load(run, loaded)) return 2;
  const auto& rulebook = loaded.rulebook;
  const auto report = validate_files(files, *rulebook, options);
  if (!write_output(output, migcheck::report_sdmx_csv(report, *rulebook))) return 2;
  // Unreadable files are left out of the export; say which.
  bool unreadable = false;
  for (const auto& f : report.files)
    if (f.read_error) {
      unreadable = true;
      std::cerr << "migcheck: "
                << migcheck::fill_placeholders(migcheck::builtin_word(run.lang, "text.left_out"),
                                               {{"file", f.file}, {"why", migcheck::render_diagnostic(*f.read_error, run.lang)}},
                                               run.lang)
                << "\n";
    }
  return unreadable ? 1 : 0;
}

// migcheck annotate: the user's own workbook with each faulty cell highlighted
// and commented, and a first sheet listing the problems (docs/annotate.md).
// Exit status: 0 written (whatever it found), 1 the file could not be read or
// annotated, 2 bad usage or an unusable rulebook.
// "ken.migcheck.xlsx: 2 errors, 1 warnings, 0 infos marked", in the report's language.
std::string counts_line(const char* key, const std::string& file, const migcheck::Report& report, const std::string& lang) {
  return migcheck::fill_placeholders(migcheck::builtin_word(lang, key),
                                     {{"file", file},
                                      {"errors", std::to_string(report.error_problems)},
                                      {"warnings", std::to_string(report.warning_problems)},
                                      {"infos", std::to_string(report.info_problems)}},
                                     lang);
}

int run_annotate(const std::vector<std::string>& args) {
  RunArgs run;
  if (const std::string error = parse_run_args(args, false, run); !error.empty()) return usage_error(error);
  auto& [files, previous, rulebook_path, lang, format, output, mapping_path, strict, options] = run;
  if (!format.empty()) return usage_error("annotate writes an .xlsx and takes no --format");
  if (files.size() != 1) return usage_error("annotate reads one FILE (the .xlsx to annotate)");
  if (output.empty()) return usage_error("annotate needs -o FILE (the annotated .xlsx to write)");
  Loaded loaded;
  if (!load(run, loaded)) return 2;
  const auto& rulebook = loaded.rulebook;
  std::string bytes, error;
  if (!read_file(files[0], bytes, error)) {
    std::cerr << "migcheck: " << error << "\n";
    return 1;
  }
  const auto report = migcheck::validate({{base_name(files[0]), bytes}}, *rulebook, options);
  auto annotated = migcheck::annotate_xlsx(bytes, report, 0, *rulebook, options.limits);
  if (!annotated) {
    const auto& f = report.files.front();
    const auto& why = f.read_error ? *f.read_error : annotated.error();
    std::cerr << "migcheck: " << migcheck::render_diagnostic(why, lang) << "\n";
    return 1;
  }
  if (!write_output(output == "-" ? std::string() : output, annotated.value())) return 1;
  std::cerr << "migcheck: " << counts_line("text.annotated", output, report, lang) << "\n";
  return 0;
}

// migcheck assemble: the agencies' files as one return in the template's shape
// (docs/agencies.md). Exit status: 0 written (whatever the checks found; the
// counts go to standard error), 1 refused or unreadable, 2 bad usage or an
// unusable rulebook.
int run_assemble(const std::vector<std::string>& args) {
  RunArgs run;
  if (const std::string error = parse_run_args(args, false, run); !error.empty()) return usage_error(error);
  auto& [files, previous, rulebook_path, lang, format, output, mapping_path, strict, options] = run;
  if (!format.empty()) return usage_error("assemble writes an .xlsx and takes no --format");
  if (files.empty()) return usage_error("assemble needs the agencies' FILEs");
  if (output.empty()) return usage_error("assemble needs -o FILE (the return to write, .xlsx)");
  Loaded loaded;
  if (!load(run, loaded)) return 2;
  const auto& rulebook = loaded.rulebook;
  const auto report = validate_files(files, *rulebook, options);
  for (const auto& f : report.files)
    if (f.read_error) {
      std::cerr << "migcheck: " << f.file << ": " << migcheck::render_diagnostic(*f.read_error, lang) << "\n";
      return 1;
    }
  auto assembled = migcheck::assemble_return(report, *rulebook, lang);
  if (!assembled) {
    std::cerr << "migcheck: " << migcheck::render_diagnostic(assembled.error(), lang) << "\n";
    return 1;
  }
  if (!write_output(output == "-" ? std::string() : output, assembled.value())) return 1;
  std::cerr << "migcheck: " << counts_line("text.assembled", output, report, lang) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) return usage_error("no command given");
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "dump") return run_dump(args);
  if (command == "inspect") return run_inspect(args);
  if (command == "validate") return run_validate(args);
  if (command == "annotate") return run_annotate(args);
  if (command == "assemble") return run_assemble(args);
  if (command == "export") return run_export(args);
  if (command == "rulebook") return run_rulebook(args);
  if (command == "template") return migcheck::cli::run_template(args, load_rulebook, usage_error);
  if (command == "version" || command == "--version") {
    std::cout << "migcheck " << migcheck::kVersion << "\n";
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  return usage_error("unknown command " + command);
}
