# Shared by scripts/*.sh: paths and small helpers. Source it, do not run it.
set -euo pipefail
MIGCHECK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIGCHECK_CACHE="${MIGCHECK_CACHE:-$MIGCHECK_ROOT/.cache}"
# Node 20 and npm fetched by scripts/fetch-node.sh, when the machine's node is missing or too old,
# come first on the PATH: now if they are there, and again after scripts/setup.sh (use_node).
use_node() {
  if [ -x "$MIGCHECK_CACHE/node/bin/node" ]; then
    case ":$PATH:" in *":$MIGCHECK_CACHE/node/bin:"*) ;; *) export PATH="$MIGCHECK_CACHE/node/bin:$PATH" ;; esac
  fi
}
use_node
# em++ links with Debian's acorn; the machine's node is not Debian's.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

log() { printf '\033[1m[migcheck]\033[0m %s\n' "$*" >&2; }
