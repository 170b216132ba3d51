#include "cli/template_command.hpp"

#include <fstream>
#include <iostream>

#include "migcheck/template.hpp"

namespace migcheck::cli {

int run_template(const std::vector<std::string>& args, RulebookLoader load_rulebook, UsageError usage_error) {
  std::string rulebook_path, lang = "en", output;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--rulebook" || a == "--lang" || a == "--output" || a == "-o") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--rulebook") rulebook_path = v;
      else if (a == "--lang") lang = v;
      else output = v;
    } else {
      return usage_error(a.size() > 1 && a[0] == '-' ? "unknown option " + a : "template takes no FILE; use -o FILE");
    }
  }
  if (output.empty()) return usage_error("template needs -o FILE (the .xlsx to write; - for standard output)");
  auto rulebook = load_rulebook(rulebook_path, lang);
  if (!rulebook) return 2;
  const std::string bytes = return_template(*rulebook, lang);
  if (bytes.empty()) {
    std::cerr << "migcheck: the rulebook's template is too large to be written as XLSX\n";
    return 1;
  }
  if (output == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "migcheck: cannot write to standard output\n";
      return 1;
    }
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "migcheck: cannot write " << output << "\n";
    return 1;
  }
  return 0;
}

}  // namespace migcheck::cli
