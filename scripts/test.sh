#!/usr/bin/env bash
# Builds native, sanitized and wasm, then runs every test: Catch2 (native and
# under AddressSanitizer + UndefinedBehaviorSanitizer), Node (wasm against
# the native CLI, report schemas, goldens, the differential corpus), the web
# app in Debian's Chromium (playwright-core), and each libFuzzer target for
# 30 s (MIGCHECK_FUZZ_SECONDS). Installs what is missing first. Exit status 0 =
# all passed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MIGCHECK_ROOT"

"$MIGCHECK_ROOT/scripts/setup.sh"
use_node  # the Node 20 setup.sh may just have fetched
log "building (native, sanitizers, wasm, web)"
scripts/build.sh native
scripts/build.sh asan
scripts/build.sh web

passed=0
failed=0
count() {  # count LABEL PASSED FAILED
  log "$1: $2 passed, $3 failed"
  passed=$((passed + $2))
  failed=$((failed + $3))
}

run_catch() {  # run_catch LABEL BINARY
  local out rc=0 total f=0
  total=$({ "$2" --list-test-names-only || true; } | grep -c .)
  out=$("$2" --reporter compact 2>&1) || rc=$?
  printf '%s\n' "$out" | tail -n 40
  if [ "$rc" -ne 0 ]; then
    f=$(printf '%s\n' "$out" | grep -oE '^Failed [0-9]+ test case' | grep -oE '[0-9]+' || true)
    f=${f:-1}
  fi
  count "$1" $((total - f)) "$f"
}

log "Catch2 unit tests (native)"
run_catch "catch2" build/native/tests/migcheck_tests
log "Catch2 unit tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  run_catch "catch2-sanitizers" build/asan/tests/migcheck_tests

run_node() {  # run_node LABEL DIRECTORY: node:test files, counted from their TAP summary
  local out rc=0 np nf
  out=$(node --test "$2" 2>&1) || rc=$?
  printf '%s\n' "$out" | grep -E '^not ok|^# (tests|pass|fail)' || true
  if [ "$rc" -ne 0 ]; then printf '%s\n' "$out" | grep -A25 '^not ok' | head -n 120; fi
  np=$(printf '%s\n' "$out" | grep -E '^# pass' | grep -oE '[0-9]+' || echo 0)
  nf=$(printf '%s\n' "$out" | grep -E '^# fail' | grep -oE '[0-9]+' || echo 0)
  [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ] && nf=1
  count "$1" "$np" "$nf"
}

log "Node tests (wasm against the native CLI, schemas, goldens)"
run_node "node" tests/node/
log "Browser tests (the web app in Chromium; screenshot in build/browser-artifacts)"
run_node "browser" tests/browser/

# Each libFuzzer target for a short run from its seeds (the fixtures, the differential corpus):
# a crash, leak or timeout on a seed or near one fails the suite. Long runs: fuzz/README.md.
log "Fuzzing (clang-14, AddressSanitizer + UBSan): each target for ${MIGCHECK_FUZZ_SECONDS:-30} s"
fuzz_passed=0
fuzz_failed=0
for target in zip xml xlsx csv read validate rulebook expression; do
  if scripts/fuzz.sh "$target" "${MIGCHECK_FUZZ_SECONDS:-30}"; then fuzz_passed=$((fuzz_passed + 1)); else fuzz_failed=$((fuzz_failed + 1)); fi
done
count "fuzz" "$fuzz_passed" "$fuzz_failed"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
