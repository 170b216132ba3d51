// The expression language of `expression` rules (docs/rules.md): a
// comparison of two arithmetic expressions over table slices, e.g.
//   REF[PROT_STATUS=REF] <= POP_CTZ[CITIZENSHIP=FOR]
//   POP_CTZ[TIME_PERIOD=t+1] == POP_CTZ + IMM_CTZ - EMI_CTZ - ACQ
// Parsing never throws and stops at the first problem with its position.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {
class Rulebook;
}

namespace migcheck::expr {

constexpr std::size_t kMaxLength = 4096;  // characters of one expression
constexpr std::size_t kMaxDepth = 64;     // nesting of parentheses, functions and signs

// DIMENSION=CODE, DIMENSION=* (every code but totals, inside sum()), or for
// the time dimension t, t+N, t-N (the evaluated year, shifted).
struct Selector {
  std::string dimension;
  std::string code;
  bool wildcard = false;
  bool relative_time = false;
  int time_offset = 0;
  std::size_t position = 0;
};

struct Slice {
  std::string table;
  std::vector<Selector> selectors;
  std::size_t position = 0;
  bool has_wildcard() const noexcept;
};

enum class Op : std::uint8_t { number, slice, add, subtract, multiply, divide, negate, sum, abs, min, max };

struct Node {
  Op op = Op::number;
  double number = 0;
  std::uint32_t slice = 0;           // into Expression::slices, for Op::slice
  std::vector<std::uint32_t> args;   // into Expression::nodes
  std::size_t position = 0;
};

enum class Comparison : std::uint8_t { equal, not_equal, less_equal, greater_equal, less, greater };
const char* comparison_text(Comparison c) noexcept;

struct Expression {
  std::string text;
  std::vector<Node> nodes;
  std::vector<Slice> slices;
  std::uint32_t left = 0, right = 0;  // into nodes
  Comparison comparison = Comparison::equal;
};

struct ExpressionError {
  std::size_t position = 0;  // 0-based character offset into the text
  std::string message;       // says what was expected and what was found
};

struct ParsedExpression {
  std::optional<Expression> expression;
  ExpressionError error;  // when !expression
};

ParsedExpression parse_expression(std::string_view text);
// One side alone (no comparison), e.g. a balance rule's stock or flows; the
// result's left and right are the same node.
ParsedExpression parse_operand(std::string_view text);

// Checks every slice against the rulebook: the table exists, each selector's
// dimension is one of the table's (or the time / reporting-country
// dimension), each code is in the dimension's code list, a dimension is
// selected once, and wildcards appear only inside sum().
std::optional<ExpressionError> check_expression(const Expression& expression, const Rulebook& rulebook);

// "at character 12: ..." (1-based, as people count).
std::string describe(const ExpressionError& error);

}  // namespace migcheck::expr
