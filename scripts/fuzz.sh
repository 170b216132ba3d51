#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs them.
#   scripts/fuzz.sh [TARGET|all] [SECONDS]   (default: read, 60 s; "all" runs each for SECONDS)
# Targets: zip (the zip reader), xml (the XML scanner), xlsx and csv (each
# reader), read (both readers by sniffing, + dump), validate (the whole
# pipeline), rulebook (the loader), expression (the rule expression parser).
# Seeds: the fixtures, the bundled rulebook, fuzz/seeds/. Crashes land in
# build/fuzz/crashes/; turn each into a regression test.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MIGCHECK_ROOT"
target="${1:-read}"
seconds="${2:-60}"
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null; }
done
"$MIGCHECK_ROOT/scripts/setup.sh"
if [ -f build/fuzz/CMakeCache.txt ]; then
  cmake build/fuzz >/dev/null  # picks up new targets
else
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMIGCHECK_FUZZ=ON -DMIGCHECK_TESTS=OFF >/dev/null
fi

seed() {  # seed TARGET: fills build/fuzz/corpus/TARGET
  local dir="build/fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$1" in
    read|validate)
      cp -n tests/fixtures/real/* tests/fixtures/hostile/* tests/fixtures/returns/*.xlsx \
        tests/fixtures/returns/*.csv "$dir/" 2>/dev/null || true
      rm -f "$dir/zip-bomb.xlsx" "$dir/too-many-entries.xlsx" ;;
    zip|xlsx)
      cp -n tests/fixtures/real/*.xlsx tests/fixtures/hostile/*.xlsx tests/fixtures/returns/*.xlsx "$dir/" 2>/dev/null || true
      rm -f "$dir/zip-bomb.xlsx" "$dir/too-many-entries.xlsx" ;;
    csv) cp -n tests/fixtures/real/*.csv tests/fixtures/hostile/*.csv tests/fixtures/returns/*.csv "$dir/" 2>/dev/null || true ;;
    xml) cp -n fuzz/seeds/xml/* "$dir/" ;;
    rulebook) cp -n rulebooks/comesa-migration.json "$dir/" ;;
    expression) cp -n fuzz/seeds/expression/* "$dir/" ;;
  esac
}

run() {  # run TARGET
  local max_len=1048576
  [ "$1" = expression ] && max_len=8192
  cmake --build build/fuzz -j"$(nproc)" --target "$1_fuzzer" >/dev/null
  seed "$1"
  mkdir -p build/fuzz/crashes
  log "fuzzing $1 for $seconds s"
  "build/fuzz/$1_fuzzer" "build/fuzz/corpus/$1" -max_total_time="$seconds" -max_len="$max_len" \
    -rss_limit_mb=4096 -artifact_prefix="build/fuzz/crashes/$1-" -print_final_stats=1
}

case "$target" in
  all) for t in zip xml xlsx csv read validate rulebook expression; do run "$t"; done ;;
  zip|xml|xlsx|csv|read|validate|rulebook|expression) run "$target" ;;
  *) echo "usage: scripts/fuzz.sh [zip|xml|xlsx|csv|read|validate|rulebook|expression|all] [SECONDS]" >&2; exit 2 ;;
esac
