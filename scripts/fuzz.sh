#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (AddressSanitizer + UBSan) and runs them.
#   scripts/fuzz.sh [TARGET|all] [SECONDS]   (default: read, 60 s; "all" runs each for SECONDS)
# Targets: zip (the zip reader), xml (the XML scanner), xlsx and csv (each
# reader), read (both readers by sniffing, + dump), validate (the whole
# pipeline), rulebook (the loader), expression (the rule expression parser).
# Seeds: the real-writer fixtures, the differential corpus, the hostile
# fixtures, the bundled rulebook, fuzz/seeds/. Each run's output is kept in
# build/fuzz/logs/TARGET.log; crashes land in build/fuzz/crashes/ (turn each
# into a regression test). Exit status 1 when any target found a crash, leak
# or timeout; scripts/test.sh runs every target for 30 s this way.
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
        tests/fixtures/returns/*.csv tests/fixtures/differential/files/*/* "$dir/" 2>/dev/null || true ;;
    zip|xlsx)
      cp -n tests/fixtures/real/*.xlsx tests/fixtures/hostile/*.xlsx tests/fixtures/returns/*.xlsx \
        tests/fixtures/differential/files/*/*.xlsx "$dir/" 2>/dev/null || true ;;
    csv) cp -n tests/fixtures/real/*.csv tests/fixtures/hostile/*.csv tests/fixtures/returns/*.csv "$dir/" 2>/dev/null || true ;;
    xml) cp -n fuzz/seeds/xml/* "$dir/" ;;
    rulebook) cp -n rulebooks/*.json "$dir/" ;;
    expression) cp -n fuzz/seeds/expression/* "$dir/" ;;
  esac
  # Seeds that only measure the limits (a bomb, 100,000 entries) slow every run and teach nothing.
  rm -f "$dir/zip-bomb.xlsx" "$dir/too-many-entries.xlsx"
}

failed=0
run() {  # run TARGET
  local max_len=1048576 rc=0
  [ "$1" = expression ] && max_len=8192
  cmake --build build/fuzz -j"$(nproc)" --target "$1_fuzzer" >/dev/null
  seed "$1"
  mkdir -p build/fuzz/crashes build/fuzz/logs
  log "fuzzing $1 for $seconds s (log: build/fuzz/logs/$1.log)"
  { echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
    echo "started: $(date -u +%FT%TZ), $seconds s"; } >"build/fuzz/logs/$1.log"
  "build/fuzz/$1_fuzzer" "build/fuzz/corpus/$1" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/crashes/$1-" -print_final_stats=1 \
    >>"build/fuzz/logs/$1.log" 2>&1 || rc=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|^stat::peak_rss_mb' "build/fuzz/logs/$1.log" >&2 || true
  if [ "$rc" -ne 0 ]; then
    log "$1: the fuzzer stopped with status $rc; see build/fuzz/logs/$1.log and build/fuzz/crashes/"
    grep -E '^==[0-9]+==ERROR|^SUMMARY|Test unit written' "build/fuzz/logs/$1.log" >&2 || true
    failed=1
  fi
}

case "$target" in
  all) for t in zip xml xlsx csv read validate rulebook expression; do run "$t"; done ;;
  zip|xml|xlsx|csv|read|validate|rulebook|expression) run "$target" ;;
  *) echo "usage: scripts/fuzz.sh [zip|xml|xlsx|csv|read|validate|rulebook|expression|all] [SECONDS]" >&2; exit 2 ;;
esac
exit "$failed"
