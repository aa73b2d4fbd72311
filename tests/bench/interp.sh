#!/usr/bin/env bash
# Prints the interpreter's speed as instruction counts (callgrind: repeatable, unlike time on
# a shared machine) for `simulate --json` on the bundled visit counter and on two loops:
# comp50k.toml (a 50,000-item comprehension) and loop40k.toml (a 40,000-iteration `for`).
#
#   bash tests/bench/interp.sh            # builds the `perf` profile (Cargo.toml) and measures it
#   bash tests/bench/interp.sh BIN [BIN…] # measures the given binaries, side by side
#
# Needs valgrind. Compare numbers only between binaries built with the same profile. The perf
# profile inherits release's opt-level "z" for the learn crate, and its thin-LTO step runs at
# that level, so it counts more than the shipped build for the interpreter's inner calls; for
# figures like the release build's, give a `cargo build --profile bloat` binary
# (target/bloat/learn: release with symbols).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then
  cargo build --profile perf --quiet
  dir=${CARGO_TARGET_DIR:-target}
  set -- "$dir/perf/learn"
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export LEARN_DATA_DIR="$data"

scenarios=(visit-counter tests/bench/comp50k.toml tests/bench/loop40k.toml)
printf '%-16s' scenario
for bin in "$@"; do printf ' %16s' "$(basename "$(dirname "$bin")")/$(basename "$bin")"; done
echo
for s in "${scenarios[@]}"; do
  printf '%-16s' "$(basename "$s" .toml)"
  for bin in "$@"; do
    n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$bin" sessions simulate --json --seed 1 "$s" 2>&1 >/dev/null |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf ' %16s' "$(echo "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
  done
  echo
done
echo "(instructions, valgrind --tool=callgrind BIN sessions simulate --json --seed 1 SCENARIO)"
