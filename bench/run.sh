#!/bin/sh
# Generate the benchmark return (cached in build/bench/) and run the read
# benchmark. All arguments go to bench/read-bench.mjs; --rows and --seed are
# also passed to the generator.
#   bench/run.sh [--rows N] [--repeat K] [--peer-repeat K] [--engines LIST] ...
set -eu
cd "$(dirname "$0")/.."
gen_args=""
prev=""
for a in "$@"; do
  case "$prev" in --rows|--seed) gen_args="$gen_args $prev $a" ;; esac
  case "$a" in --rows=*|--seed=*) gen_args="$gen_args $a" ;; esac
  prev="$a"
done
# shellcheck disable=SC2086 # gen_args holds only flags and integers
node bench/generate-return.mjs $gen_args >/dev/null
exec node bench/read-bench.mjs "$@"
