#!/usr/bin/env bash
# Brings Debian's libdeflate source into .cache/ for the WebAssembly build
# (the native build links libdeflate-dev). Never committed. Prints nothing
# when it is already there.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dest="$MIGCHECK_CACHE/libdeflate"
if [ -f "$dest/libdeflate.h" ]; then exit 0; fi

# Source packages come from the same Debian registry once a deb-src entry exists.
src_list=/etc/apt/sources.list.d/migcheck-deb-src.sources
if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  log "adding a deb-src entry for Debian's sources"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$src_list" >/dev/null
  else
    grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/migcheck-deb-src.list >/dev/null
  fi
  $SUDO apt-get update -qq
fi

work="$MIGCHECK_CACHE/libdeflate-download"
rm -rf "$work" && mkdir -p "$work"
log "downloading the libdeflate source package"
if ! (cd "$work" && apt-get source --download-only -qq libdeflate >/dev/null 2>&1); then
  $SUDO apt-get update -qq
  (cd "$work" && apt-get source --download-only -qq libdeflate >/dev/null)
fi
dsc=$(ls "$work"/libdeflate_*.dsc | head -n 1)
(cd "$work" && dpkg-source --no-check -x "$dsc" unpacked >/dev/null)
rm -rf "$dest"
mv "$work/unpacked" "$dest"
rm -rf "$work"
test -f "$dest/libdeflate.h"
log "libdeflate source ready in $dest"
