#!/usr/bin/env bash
# scripts/run.sh            build what is missing and serve the web app at http://127.0.0.1:8080
# scripts/run.sh CMD ARGS   run the command-line tool, e.g. scripts/run.sh dump return.xlsx
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$MIGCHECK_ROOT/scripts/setup.sh"
use_node  # the Node 20 setup.sh may just have fetched
if [ $# -gt 0 ]; then
  # No cd: file arguments stay relative to where the user stands.
  "$MIGCHECK_ROOT/scripts/build.sh" native >/dev/null
  exec "$MIGCHECK_ROOT/build/native/migcheck" "$@"
fi
"$MIGCHECK_ROOT/scripts/build.sh" all >/dev/null
exec node "$MIGCHECK_ROOT/scripts/serve.mjs" "$MIGCHECK_ROOT/build/web"
