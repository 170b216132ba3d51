#!/usr/bin/env bash
# Regenerates the golden reports in tests/golden from the native CLI, for the
# cases listed in tests/golden/cases.txt (see tests/golden/README.md).
# Usage: scripts/update-golden.sh
#   Builds build/native first (scripts/build.sh native), so the goldens never come
#   from a stale binary; MIGCHECK_CLI=path/to/migcheck uses that binary as it is.
# Then review the change like any behaviour change: git diff tests/golden
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MIGCHECK_ROOT"

if [ -n "${MIGCHECK_CLI:-}" ]; then
  cli="$MIGCHECK_CLI"
else
  scripts/build.sh native
  cli=build/native/migcheck
fi
[ -x "$cli" ] || { echo "update-golden: no CLI at $cli" >&2; exit 2; }

# The tool's version is written @VERSION@ in the goldens, so a version bump alone
# changes none of them; tests/node/golden.test.mjs puts it back before comparing.
version=$("$cli" --version | awk '{print $2}')
[ -n "$version" ] || { echo "update-golden: cannot read the version of $cli" >&2; exit 2; }
v=${version//./\\.}

golden=tests/golden
rm -f "$golden"/*.json "$golden"/*.text "$golden"/*.sarif
count=0
while read -r fixture lang formats; do
  case "$fixture" in '' | '#'*) continue ;; esac
  [ -f "$fixture" ] || { echo "update-golden: $fixture (in $golden/cases.txt) does not exist" >&2; exit 2; }
  for format in $formats; do
    out="$golden/$(basename "$fixture").$lang.$format"
    rc=0
    "$cli" validate --format "$format" --lang "$lang" "$fixture" >"$out.tmp" || rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "update-golden: $cli validate --format $format --lang $lang $fixture exited with $rc" >&2
      rm -f "$out.tmp"
      exit 2
    fi
    sed -e "s/\"migcheck\",\"version\":\"$v\"/\"migcheck\",\"version\":\"@VERSION@\"/g" \
        -e "s/migcheck $v\\b/migcheck @VERSION@/g" "$out.tmp" >"$out"
    rm -f "$out.tmp"
    count=$((count + 1))
  done
done <"$golden/cases.txt"

log "$count golden reports written to $golden (migcheck $version)"
git --no-pager diff --stat -- "$golden" 2>/dev/null || true
