// libFuzzer target: any text as a rule expression must parse or give one
// error with a position inside the text, never a crash or a stack overflow;
// a parsed expression is also checked against the bundled rulebook.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "migcheck/rulebook.hpp"
#include "rulebook/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto load = migcheck::load_rulebook(migcheck::bundled_rulebook_json());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto parsed : {migcheck::expr::parse_expression(text), migcheck::expr::parse_operand(text)}) {
    if (!parsed.expression) {
      if (parsed.error.position > text.size() || parsed.error.message.empty()) std::abort();
      continue;
    }
    if (load.ok()) (void)migcheck::expr::check_expression(*parsed.expression, *load.rulebook);
  }
  return 0;
}
