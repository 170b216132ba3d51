#include "cli/progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace migcheck::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string stage_words(const Progress& p) {
  std::string stage(p.stage);
  std::string words = stage == "read"        ? "reading"
                      : stage == "recognise" ? "recognising tables"
                      : stage == "check"     ? "checking rules"
                                             : "checking across files";
  if (stage != "across" && p.files > 1)
    words += ", file " + std::to_string(p.file + 1) + " of " + std::to_string(p.files);
  return words;
}

struct Bar {
  Clock::time_point start = Clock::now(), last{};
  bool drawn = false;

  void operator()(const Progress& p) {
    const auto now = Clock::now();
    if (p.fraction >= 1.0) {
      if (drawn) std::fputs("\r\033[K", stderr);
      drawn = false;
      return;
    }
    if (now - start < std::chrono::milliseconds(500) || now - last < std::chrono::milliseconds(100)) return;
    last = now;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(p.fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '=');
    bar.resize(kWidth, ' ');
    std::fprintf(stderr, "\r\033[K[%s] %3d %%  %s", bar.c_str(), static_cast<int>(p.fraction * 100),
                 stage_words(p).c_str());
    std::fflush(stderr);
    drawn = true;
  }
};

}  // namespace

std::function<void(const Progress&)> terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  auto bar = std::make_shared<Bar>();
  return [bar](const Progress& p) { (*bar)(p); };
}

}  // namespace migcheck::cli
