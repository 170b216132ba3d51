#!/bin/sh
# Generate the benchmark inputs (cached in build/bench/) and run a benchmark.
#   bench/run.sh [read] [--rows N] [--repeat K] ...        the read benchmark (bench/read-bench.mjs)
#   bench/run.sh validate [--sizes LIST] [--engines LIST] ... the end-to-end benchmark (bench/validate-bench.mjs)
#   bench/run.sh all                                        both, with their defaults
# For the read benchmark, --rows and --seed are also passed to the generator;
# the end-to-end benchmark generates what it needs itself.
set -eu
cd "$(dirname "$0")/.."
what=read
case "${1:-}" in read|validate|all) what="$1"; shift ;; esac

run_read() {
  gen_args=""
  prev=""
  for a in "$@"; do
    case "$prev" in --rows|--seed) gen_args="$gen_args $prev $a" ;; esac
    case "$a" in --rows=*|--seed=*) gen_args="$gen_args $a" ;; esac
    prev="$a"
  done
  # shellcheck disable=SC2086 # gen_args holds only flags and integers
  node bench/generate-return.mjs $gen_args >/dev/null
  node bench/read-bench.mjs "$@"
}

case "$what" in
  read) run_read "$@" ;;
  validate) exec node bench/validate-bench.mjs "$@" ;;
  all)
    status=0
    run_read || status=$?
    node bench/validate-bench.mjs || status=$?
    exit "$status"
    ;;
esac
