// A minimal JSON emitter that appends to one string: escaping, numbers that
// print the same in every build (shortest round-trip), and comma handling.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace migcheck::util {

void append_json_string(std::string& out, std::string_view s);
// Integers print without a fraction; others in the shortest form that reads back exactly.
void append_json_number(std::string& out, double v);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  JsonWriter& begin_object() { value_prefix(); out_.push_back('{'); first_ = true; return *this; }
  JsonWriter& end_object() { out_.push_back('}'); first_ = false; return *this; }
  JsonWriter& begin_array() { value_prefix(); out_.push_back('['); first_ = true; return *this; }
  JsonWriter& end_array() { out_.push_back(']'); first_ = false; return *this; }
  JsonWriter& key(std::string_view k) {
    if (!first_) out_.push_back(',');
    append_json_string(out_, k);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  JsonWriter& string(std::string_view s) { value_prefix(); append_json_string(out_, s); return *this; }
  JsonWriter& number(double v) { value_prefix(); append_json_number(out_, v); return *this; }
  JsonWriter& integer(std::uint64_t v) { value_prefix(); out_ += std::to_string(v); return *this; }
  JsonWriter& boolean(bool b) { value_prefix(); out_ += b ? "true" : "false"; return *this; }
  JsonWriter& null() { value_prefix(); out_ += "null"; return *this; }
  std::string& out() { return out_; }

 private:
  void value_prefix() {
    if (after_key_) after_key_ = false;
    else if (!first_) out_.push_back(',');
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace migcheck::util
