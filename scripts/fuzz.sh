#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs one.
#   scripts/fuzz.sh [SECONDS]   (default 60) run read_fuzzer seeded with every fixture
# Crashes land in build/fuzz/crashes/; turn each into a regression fixture.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MIGCHECK_ROOT"
seconds="${1:-60}"
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null; }
done
"$MIGCHECK_ROOT/scripts/setup.sh"
[ -f build/fuzz/CMakeCache.txt ] ||
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMIGCHECK_FUZZ=ON -DMIGCHECK_TESTS=OFF >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target read_fuzzer >/dev/null
mkdir -p build/fuzz/corpus/read build/fuzz/crashes
cp -n tests/fixtures/real/* tests/fixtures/hostile/* build/fuzz/corpus/read/ 2>/dev/null || true
rm -f build/fuzz/corpus/read/zip-bomb.xlsx build/fuzz/corpus/read/too-many-entries.xlsx
build/fuzz/read_fuzzer build/fuzz/corpus/read -max_total_time="$seconds" -max_len=1048576 \
  -rss_limit_mb=4096 -artifact_prefix=build/fuzz/crashes/ -print_final_stats=1
