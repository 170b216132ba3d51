// migcheck-bench-read FILE [--repeat N]: times read_workbook (unzip, inflate,
// XML scan, cells into the model) after one warm-up run; prints one JSON line.
// Run by bench/read-bench.mjs beside the wasm build and the JS peers.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "migcheck/migcheck.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: migcheck-bench-read FILE [--repeat N]\n";
    return 2;
  }
  const std::string path = argv[1];
  int repeat = 5;
  for (int i = 2; i < argc; ++i)
    if (std::string(argv[i]) == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  if (bytes.empty()) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  const auto slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);

  migcheck::ReadStats stats;
  std::vector<double> seconds;
  for (int run = 0; run <= repeat; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto read = migcheck::read_workbook(bytes, name);
    const auto stop = std::chrono::steady_clock::now();
    if (!read) {
      std::cerr << migcheck::dump_error_text(name, read.error());
      return 1;
    }
    stats = read.value().stats;
    if (run > 0) seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const std::size_t mid = seconds.size() / 2;
  const double median = seconds.size() % 2 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"file\":\"%s\",\"input_bytes\":%llu,\"sheet_xml_bytes\":%llu,\"cells\":%llu,"
      "\"best_seconds\":%.6f,\"median_seconds\":%.6f,\"runs\":%zu,\"peak_rss_bytes\":%llu}\n",
      name.c_str(), static_cast<unsigned long long>(stats.input_bytes),
      static_cast<unsigned long long>(stats.sheet_xml_bytes), static_cast<unsigned long long>(stats.cells),
      seconds.front(), median, seconds.size(),
      static_cast<unsigned long long>(usage.ru_maxrss) * 1024ull);
  return 0;
}
