// A recursive-descent parser for the rule expression language. Grammar
// (docs/rules.md):
//   rule      = sum cmp sum              cmp = == | != | <= | >= | < | >
//   sum       = product { (+|-) product }
//   product   = unary { (*|/) unary }
//   unary     = - unary | primary
//   primary   = NUMBER | FUNCTION ( sum {, sum} ) | ( sum ) | slice
//   slice     = TABLE [ [ selector {, selector} ] ]
//   selector  = DIMENSION = ( CODE | * | t [ (+|-) INTEGER ] )
#include "rulebook/expression.hpp"

#include <cctype>
#include <cstdlib>

#include "migcheck/rulebook.hpp"

namespace migcheck::expr {

bool Slice::has_wildcard() const noexcept {
  for (const auto& s : selectors)
    if (s.wildcard) return true;
  return false;
}

const char* comparison_text(Comparison c) noexcept {
  switch (c) {
    case Comparison::equal: return "==";
    case Comparison::not_equal: return "!=";
    case Comparison::less_equal: return "<=";
    case Comparison::greater_equal: return ">=";
    case Comparison::less: return "<";
    case Comparison::greater: return ">";
  }
  return "?";
}

std::string describe(const ExpressionError& error) {
  return "at character " + std::to_string(error.position + 1) + ": " + error.message;
}

namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { out_.text = std::string(text); }

  ParsedExpression run(bool operand_only) {
    ParsedExpression result;
    if (text_.size() > kMaxLength) {
      fail(kMaxLength, "the expression is longer than " + std::to_string(kMaxLength) + " characters");
    } else if (operand_only) {
      out_.left = out_.right = sum();
      skip_space();
      if (ok() && pos_ < text_.size()) fail(pos_, "unexpected " + found() + " after the expression");
    } else {
      out_.left = sum();
      if (ok()) comparison();
      if (ok()) out_.right = sum();
      skip_space();
      if (ok() && pos_ < text_.size()) fail(pos_, "unexpected " + found() + " after the right-hand side");
    }
    if (ok()) result.expression = std::move(out_);
    else result.error = error_;
    return result;
  }

 private:
  bool ok() const { return error_.message.empty(); }
  void fail(std::size_t position, std::string message) {
    if (!ok()) return;
    error_.position = position;
    error_.message = std::move(message);
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  char peek() {
    skip_space();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  std::string found() {
    skip_space();
    if (pos_ >= text_.size()) return "end of expression";
    std::size_t end = pos_ + 1;
    if (is_name_char(text_[pos_]))
      while (end < text_.size() && is_name_char(text_[end]) && end - pos_ < 24) ++end;
    return "\"" + std::string(text_.substr(pos_, end - pos_)) + "\"";
  }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  std::string name() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::uint32_t add_node(Node n) {
    out_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(out_.nodes.size() - 1);
  }

  // Depth guards recursion: a hostile rulebook cannot exhaust the stack.
  struct Nesting {
    Parser& p;
    explicit Nesting(Parser& parser, std::size_t position) : p(parser) {
      if (++p.depth_ > kMaxDepth)
        p.fail(position, "the expression nests deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    ~Nesting() { --p.depth_; }
  };

  void comparison() {
    skip_space();
    const std::size_t at = pos_;
    auto two = [&](const char* op) { return text_.substr(pos_, 2) == op; };
    if (two("==")) out_.comparison = Comparison::equal, pos_ += 2;
    else if (two("!=")) out_.comparison = Comparison::not_equal, pos_ += 2;
    else if (two("<=")) out_.comparison = Comparison::less_equal, pos_ += 2;
    else if (two(">=")) out_.comparison = Comparison::greater_equal, pos_ += 2;
    else if (peek() == '<') out_.comparison = Comparison::less, ++pos_;
    else if (peek() == '>') out_.comparison = Comparison::greater, ++pos_;
    else if (peek() == '=') fail(at, "use == to compare, not =");
    else fail(at, "expected a comparison (==, !=, <=, >=, <, >), found " + found());
  }

  std::uint32_t sum() {
    std::uint32_t left = product();
    for (;;) {
      if (!ok()) return left;
      const char c = peek();
      if (c != '+' && c != '-') return left;
      Node n;
      n.position = pos_++;
      n.op = c == '+' ? Op::add : Op::subtract;
      const std::uint32_t right = product();
      n.args = {left, right};
      left = add_node(std::move(n));
    }
  }

  std::uint32_t product() {
    std::uint32_t left = unary();
    for (;;) {
      if (!ok()) return left;
      const char c = peek();
      if (c != '*' && c != '/') return left;
      Node n;
      n.position = pos_++;
      n.op = c == '*' ? Op::multiply : Op::divide;
      const std::uint32_t right = unary();
      n.args = {left, right};
      left = add_node(std::move(n));
    }
  }

  std::uint32_t unary() {
    skip_space();
    Nesting guard(*this, pos_);
    if (!ok()) return 0;
    if (peek() == '-') {
      Node n;
      n.position = pos_++;
      n.op = Op::negate;
      n.args = {unary()};
      return add_node(std::move(n));
    }
    return primary();
  }

  std::uint32_t primary() {
    const char c = peek();
    const std::size_t at = pos_;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const std::string digits = number_text();
      Node n;
      n.position = at;
      n.number = std::strtod(digits.c_str(), nullptr);
      return add_node(std::move(n));
    }
    if (c == '(') {
      ++pos_;
      const std::uint32_t inner = sum();
      if (ok() && !accept(')')) fail(pos_, "expected \")\" to close the \"(\" at character " + std::to_string(at + 1) +
                                               ", found " + found());
      return inner;
    }
    if (!is_name_start(c)) {
      fail(at, "expected a number, a table, a function or \"(\", found " + found());
      return 0;
    }
    const std::string word = name();
    if (peek() == '(') return function(word, at);
    return slice(word, at);
  }

  std::string number_text() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) ++pos_;
    const std::string digits(text_.substr(start, pos_ - start));
    if (digits == "." || digits.find('.') != digits.rfind('.')) fail(start, "malformed number \"" + digits + "\"");
    return digits;
  }

  std::uint32_t function(const std::string& word, std::size_t at) {
    Node n;
    n.position = at;
    if (word == "sum") n.op = Op::sum;
    else if (word == "abs") n.op = Op::abs;
    else if (word == "min") n.op = Op::min;
    else if (word == "max") n.op = Op::max;
    else {
      fail(at, "unknown function \"" + word + "\" (known: sum, abs, min, max)");
      return 0;
    }
    ++pos_;  // "("
    do {
      in_sum_ += n.op == Op::sum;
      n.args.push_back(sum());
      in_sum_ -= n.op == Op::sum;
    } while (ok() && accept(','));
    if (ok() && !accept(')')) fail(pos_, "expected \",\" or \")\" in " + word + "(), found " + found());
    if (ok() && n.op == Op::abs && n.args.size() != 1) fail(at, "abs() takes one argument");
    return add_node(std::move(n));
  }

  std::uint32_t slice(const std::string& table, std::size_t at) {
    Slice s;
    s.table = table;
    s.position = at;
    if (accept('[')) {
      do {
        Selector sel;
        skip_space();
        sel.position = pos_;
        sel.dimension = name();
        if (sel.dimension.empty()) {
          fail(pos_, "expected a dimension in the selector of " + table + ", found " + found());
          break;
        }
        if (!accept('=')) {
          fail(pos_, "expected \"=\" after " + sel.dimension + ", found " + found());
          break;
        }
        selector_value(sel);
        if (!ok()) break;
        for (const auto& other : s.selectors)
          if (other.dimension == sel.dimension) fail(sel.position, sel.dimension + " is selected twice in " + table);
        s.selectors.push_back(std::move(sel));
      } while (ok() && accept(','));
      if (ok() && !accept(']')) fail(pos_, "expected \",\" or \"]\" in the selector of " + table + ", found " + found());
    }
    if (ok() && s.has_wildcard() && in_sum_ == 0)
      fail(at, table + " selects several values with *: wrap it in sum()");
    out_.slices.push_back(std::move(s));
    Node n;
    n.op = Op::slice;
    n.position = at;
    n.slice = static_cast<std::uint32_t>(out_.slices.size() - 1);
    return add_node(std::move(n));
  }

  void selector_value(Selector& sel) {
    skip_space();
    const std::size_t at = pos_;
    if (accept('*')) {
      sel.wildcard = true;
      return;
    }
    const std::string word = name();
    if (word.empty()) {
      fail(at, "expected a code, * or t after " + sel.dimension + "=, found " + found());
      return;
    }
    if (word != "t") {
      sel.code = word;
      return;
    }
    sel.relative_time = true;
    const char sign = peek();
    if (sign != '+' && sign != '-') return;
    ++pos_;
    skip_space();
    const std::size_t digits_at = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) && pos_ - digits_at < 4) ++pos_;
    if (pos_ == digits_at) {
      fail(pos_, "expected a number of years after t" + std::string(1, sign) + ", found " + found());
      return;
    }
    const int years = std::atoi(std::string(text_.substr(digits_at, pos_ - digits_at)).c_str());
    sel.time_offset = sign == '+' ? years : -years;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  int in_sum_ = 0;
  Expression out_;
  ExpressionError error_;
};

}  // namespace

ParsedExpression parse_expression(std::string_view text) { return Parser(text).run(false); }
ParsedExpression parse_operand(std::string_view text) { return Parser(text).run(true); }

std::optional<ExpressionError> check_expression(const Expression& expression, const Rulebook& rulebook) {
  for (const Slice& s : expression.slices) {
    const TableTemplate* table = nullptr;
    for (const auto& t : rulebook.tables)
      if (t.id == s.table) table = &t;
    if (!table) return ExpressionError{s.position, "unknown table \"" + s.table + "\""};
    for (const Selector& sel : s.selectors) {
      const Dimension* dim = rulebook.dimension(sel.dimension);
      bool in_table = dim && (dim->kind == DimensionKind::time || dim->reporting_country);
      for (const auto& d : table->dimensions) in_table = in_table || d == sel.dimension;
      for (const auto& d : table->optional_dimensions) in_table = in_table || d == sel.dimension;
      if (!dim || !in_table)
        return ExpressionError{sel.position, "table " + s.table + " has no dimension \"" + sel.dimension + "\""};
      if (dim->kind == DimensionKind::time) {
        if (sel.wildcard) return ExpressionError{sel.position, "the time dimension cannot be *; use t, t+1, t-1"};
        bool year = !sel.relative_time;
        for (char c : sel.code) year = year && std::isdigit(static_cast<unsigned char>(c));
        if (!sel.relative_time && !year)
          return ExpressionError{sel.position, sel.dimension + " takes t, t+N, t-N or a year, not \"" + sel.code + "\""};
        continue;
      }
      if (sel.relative_time)
        return ExpressionError{sel.position, "t is for the time dimension, not " + sel.dimension};
      if (sel.wildcard) continue;
      const CodeList* list = rulebook.codelist(dim->codelist);
      if (!list || !list->find(sel.code))
        return ExpressionError{sel.position, "\"" + sel.code + "\" is not a code of " + sel.dimension + " (" +
                                                 (list ? list->id : dim->codelist) + ")"};
    }
  }
  return std::nullopt;
}

}  // namespace migcheck::expr
