#!/usr/bin/env bash
# Builds what is missing or stale: native (build/native), wasm (build/wasm)
# and the static web bundle (build/web). Usage: scripts/build.sh [native|wasm|web|asan|all]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MIGCHECK_ROOT"
what="${1:-all}"
jobs="$(nproc 2>/dev/null || echo 2)"

# Runs a build step quietly; on failure shows its output and fails.
quietly() {
  local log_file rc=0
  log_file=$(mktemp)
  "$@" >"$log_file" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then cat "$log_file" >&2; fi
  rm -f "$log_file"
  return "$rc"
}

build_native() {
  [ -f build/native/CMakeCache.txt ] || quietly cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
  quietly cmake --build build/native -j"$jobs"
}
build_asan() {
  [ -f build/asan/CMakeCache.txt ] ||
    quietly cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGCHECK_SANITIZE=ON
  quietly cmake --build build/asan -j"$jobs" --target migcheck_tests migcheck
}
build_wasm() {
  [ -f build/wasm/CMakeCache.txt ] ||
    quietly emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
      -DMIGCHECK_LIBDEFLATE_SRC="$MIGCHECK_CACHE/libdeflate"
  quietly cmake --build build/wasm -j"$jobs"
}
build_web() {
  build_wasm
  rm -rf build/web && mkdir -p build/web
  cp -r web/. build/web/
  cp build/wasm/migcheck.mjs build/web/
  node scripts/generate-catalogue.mjs build/web/js/catalogue.js
  node scripts/generate-offline.mjs build/web  # last: it lists the bundle's files
}

case "$what" in
  native) build_native ;;
  asan) build_asan ;;
  wasm) build_wasm ;;
  web) build_web ;;
  all) build_native; build_web ;;
  *) echo "usage: scripts/build.sh [native|wasm|web|asan|all]" >&2; exit 2 ;;
esac
