#!/usr/bin/env bash
# Installs everything migcheck needs, only what is missing: Debian packages,
# npm packages, and the libdeflate source for the WebAssembly build.
# Idempotent; run by scripts/run.sh and scripts/test.sh.
#   scripts/setup.sh            what building, running and testing need
#   scripts/setup.sh --writers  also the real spreadsheet writers used to regenerate
#                               fixtures and benchmark files (LibreOffice, openpyxl)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APT_PACKAGES=(
  cmake g++ make pkg-config
  emscripten            # em++ 3.1.6 (LLVM 14) for the wasm build
  nlohmann-json3-dev    # JSON for tests and, later, rulebooks
  catch2                # Catch2 2.13 single header + CMake integration
  libdeflate-dev        # inflate for the native build
  dpkg-dev              # dpkg-source, to unpack the libdeflate source
  libxml2-utils         # xmllint, to check JUnit reports against their XSD in tests
  chromium              # the browser the web app's tests drive (playwright-core)
  curl ca-certificates  # to fetch Node 20 when the machine has no recent node (scripts/fetch-node.sh)
)
if [ "${1:-}" = "--writers" ]; then
  APT_PACKAGES+=(python3-openpyxl libreoffice-calc-nogui iso-codes unicode-cldr-core)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node 20 or newer, with npm: the machine's, else fetched into .cache/node (and on the PATH from now on).
"$MIGCHECK_ROOT/scripts/fetch-node.sh"
use_node

# npm packages (fixture writers, peer benchmarks), from package-lock.json.
if [ ! -d "$MIGCHECK_ROOT/node_modules/xlsx" ] || [ ! -d "$MIGCHECK_ROOT/node_modules/exceljs" ] ||
   [ ! -d "$MIGCHECK_ROOT/node_modules/playwright-core" ] || [ ! -d "$MIGCHECK_ROOT/node_modules/axe-core" ] ||
   [ "$MIGCHECK_ROOT/package-lock.json" -nt "$MIGCHECK_ROOT/node_modules/.package-lock.json" ]; then
  log "installing npm packages"
  (cd "$MIGCHECK_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

"$MIGCHECK_ROOT/scripts/fetch-libdeflate.sh"
