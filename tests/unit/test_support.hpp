// Helpers shared by the test files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

// The whole file, or "" when it cannot be read.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
