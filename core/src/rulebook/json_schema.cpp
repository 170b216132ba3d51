#include "rulebook/json_schema.hpp"

#include <regex>
#include <set>
#include <unordered_map>

#include "util/text.hpp"

namespace migcheck::rulebook {

using nlohmann::json;

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

namespace {

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    default: return "value";
  }
}

bool has_type(const json& v, const std::string& t) {
  if (t == "number") return v.is_number();
  if (t == "integer")
    return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
  return t == type_name(v);
}

std::string short_json(const json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

const std::regex& cached_regex(const std::string& pattern) {
  static std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  return it->second;
}

}  // namespace

const json* JsonSchema::resolve(const std::string& ref) const {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const json* node = &root_;
  std::size_t start = 2;
  while (start <= ref.size()) {
    const auto slash = ref.find('/', start);
    const std::string token = ref.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!node->is_object() || !node->contains(token)) return nullptr;
    node = &(*node)[token];
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return node;
}

namespace {

// The deepest nesting of arrays and objects, strings aside: checked before
// parsing, so that a hostile file never reaches a recursive walk.
std::size_t nesting(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

// Follows the parser through the document: the JSON path of where it is (for a
// number out of range, which the parser throws on) and each object's keys, so
// that a key written twice is a problem instead of the last one silently winning.
class PathTracker {
 public:
  explicit PathTracker(std::vector<RulebookProblem>& problems) : problems_(problems) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.push_back({false, 0, {}, {}}); break;
      case json::parse_event_t::array_start: frames_.push_back({true, 0, {}, {}}); break;
      case json::parse_event_t::key: {
        auto& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second)
          problems_.push_back({path(), "the key \"" + frame.key + "\" is written twice in this object; only one may be"});
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        next_element();
        break;
      case json::parse_event_t::value: next_element(); break;
    }
    return true;
  }

  // The path of the value being read: "/tables/3/level".
  std::string path() const {
    std::string out;
    for (const auto& f : frames_) out += "/" + (f.is_array ? std::to_string(f.index) : pointer_token(f.key));
    return out;
  }

 private:
  struct Frame {
    bool is_array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  void next_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  std::vector<RulebookProblem>& problems_;
  std::vector<Frame> frames_;
};

}  // namespace

std::optional<json> parse_checked(std::string_view text, const JsonSchema& schema, std::vector<RulebookProblem>& problems,
                                  std::size_t max_depth) {
  if (nesting(text) > max_depth) {
    problems.push_back({"", "the document nests deeper than " + std::to_string(max_depth) + " levels"});
    return std::nullopt;
  }
  json j;
  PathTracker tracker(problems);
  const std::size_t problems_before = problems.size();
  try {
    j = json::parse(text.begin(), text.end(),
                    [&tracker](int, json::parse_event_t event, json& parsed) { return tracker.on_event(event, parsed); });
  } catch (const json::parse_error& e) {
    // Line and column help more than a byte offset.
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') ++line, column = 1;
      else ++column;
    }
    problems.push_back({"", "not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(column)});
    return std::nullopt;
  } catch (const json::exception& e) {  // a number out of range (1e400)
    problems.push_back({tracker.path(), std::string("not usable JSON: ") + e.what()});
    return std::nullopt;
  }
  if (problems.size() > problems_before) return std::nullopt;  // keys written twice
  std::vector<SchemaViolation> violations;
  schema.validate(j, violations);
  if (violations.empty()) return j;
  for (auto& v : violations) problems.push_back({std::move(v.path), std::move(v.message)});
  return std::nullopt;
}

void JsonSchema::validate(const json& instance, std::vector<SchemaViolation>& out, std::size_t max) const {
  check(root_, instance, "", &out, max, 0);
}

// Returns whether value satisfies schema; records violations in out when
// out is not null (anyOf probes its branches with out == null).
bool JsonSchema::check(const json& schema, const json& value, const std::string& path,
                       std::vector<SchemaViolation>* out, std::size_t max, int depth) const {
  if (depth > 64) return true;
  bool ok = true;
  auto fail = [&](std::string message) {
    ok = false;
    if (out && out->size() < max) out->push_back({path.empty() ? "/" : path, std::move(message)});
  };
  if (!schema.is_object()) return true;

  if (auto it = schema.find("$ref"); it != schema.end()) {
    const json* target = resolve(it->get<std::string>());
    if (target && !check(*target, value, path, out, max, depth + 1)) ok = false;
  }
  if (auto it = schema.find("type"); it != schema.end()) {
    bool matched = false;
    std::string expected;
    if (it->is_string()) {
      matched = has_type(value, *it);
      expected = *it;
    } else {
      for (const auto& t : *it) {
        matched = matched || has_type(value, t);
        expected += (expected.empty() ? "" : " or ") + t.get<std::string>();
      }
    }
    if (!matched) {
      fail("must be " + expected + ", not " + type_name(value));
      return false;  // the other keywords would only repeat the point
    }
  }
  if (auto it = schema.find("const"); it != schema.end() && value != *it)
    fail("must be " + short_json(*it) + ", not " + short_json(value));
  if (auto it = schema.find("enum"); it != schema.end()) {
    bool found = false;
    std::string choices;
    for (const auto& e : *it) {
      found = found || value == e;
      choices += (choices.empty() ? "" : ", ") + e.dump();
    }
    if (!found) fail(short_json(value) + " is not one of " + choices);
  }
  // allOf of if/then: a rule's kind decides which members it may have.
  if (auto it = schema.find("allOf"); it != schema.end())
    for (const auto& branch : *it)
      if (!check(branch, value, path, out, max, depth + 1)) ok = false;
  if (auto it = schema.find("if"); it != schema.end()) {
    if (check(*it, value, path, nullptr, max, depth + 1)) {
      if (auto then = schema.find("then"); then != schema.end() && !check(*then, value, path, out, max, depth + 1)) ok = false;
    } else if (auto otherwise = schema.find("else"); otherwise != schema.end() &&
                                                    !check(*otherwise, value, path, out, max, depth + 1)) {
      ok = false;
    }
  }
  if (auto it = schema.find("anyOf"); it != schema.end()) {
    bool any = false;
    for (const auto& branch : *it) any = any || check(branch, value, path, nullptr, max, depth + 1);
    if (!any) fail("does not have any of the accepted forms");
  }
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (auto it = schema.find("minLength"); it != schema.end() && util::utf8_length(s) < it->get<std::size_t>())
      fail("must not be empty");
    // Before the pattern: a long string is refused, never handed to std::regex (whose recursion it would exhaust).
    if (auto it = schema.find("maxLength"); it != schema.end() && util::utf8_length(s) > it->get<std::size_t>()) {
      fail("must have at most " + it->dump() + " characters");
      return false;
    }
    if (auto it = schema.find("pattern"); it != schema.end() &&
                                          !std::regex_search(s, cached_regex(it->get<std::string>())))
      fail(short_json(value) + " does not match " + it->get<std::string>());
  }
  if (value.is_number()) {
    if (auto it = schema.find("minimum"); it != schema.end() && value.get<double>() < it->get<double>())
      fail(short_json(value) + " is below the minimum " + it->dump());
    if (auto it = schema.find("maximum"); it != schema.end() && value.get<double>() > it->get<double>())
      fail(short_json(value) + " is above the maximum " + it->dump());
  }
  if (value.is_array()) {
    if (auto it = schema.find("minItems"); it != schema.end() && value.size() < it->get<std::size_t>())
      fail("must have at least " + it->dump() + " item(s)");
    if (auto it = schema.find("maxItems"); it != schema.end() && value.size() > it->get<std::size_t>())
      fail("must have at most " + it->dump() + " item(s)");
    if (auto it = schema.find("uniqueItems"); it != schema.end() && it->get<bool>()) {
      std::set<std::string> seen;
      for (const auto& item : value)
        if (!seen.insert(item.dump()).second) fail(short_json(item) + " appears twice");
    }
    if (auto it = schema.find("items"); it != schema.end())
      for (std::size_t i = 0; i < value.size(); ++i)
        if (!check(*it, value[i], path + "/" + std::to_string(i), out, max, depth + 1)) ok = false;
  }
  if (value.is_object()) {
    if (auto it = schema.find("required"); it != schema.end())
      for (const auto& key : *it)
        if (!value.contains(key.get<std::string>())) fail("\"" + key.get<std::string>() + "\" is required");
    if (auto it = schema.find("minProperties"); it != schema.end() && value.size() < it->get<std::size_t>())
      fail("must not be empty");
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    const auto names = schema.find("propertyNames");
    for (auto member = value.begin(); member != value.end(); ++member) {
      const std::string child = path + "/" + pointer_token(member.key());
      if (names != schema.end() && !check(*names, member.key(), child, nullptr, max, depth + 1)) {
        ok = false;
        if (out && out->size() < max) out->push_back({child, "\"" + member.key() + "\" is not an allowed name here"});
      }
      if (properties != schema.end() && properties->contains(member.key())) {
        if (!check((*properties)[member.key()], member.value(), child, out, max, depth + 1)) ok = false;
      } else if (additional != schema.end()) {
        if (additional->is_boolean()) {
          if (!additional->get<bool>()) fail("\"" + member.key() + "\" is not a known key here");
        } else if (!check(*additional, member.value(), child, out, max, depth + 1)) {
          ok = false;
        }
      }
    }
  }
  return ok;
}

}  // namespace migcheck::rulebook
