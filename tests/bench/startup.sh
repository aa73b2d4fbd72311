#!/usr/bin/env bash
# Prints the start-up cost of `learn sessions read --plain` (the whole lesson, pages already
# read, output to /dev/null) next to an empty `fn main() {}` built with the same release
# settings: instructions (callgrind, repeatable) and wall time (hyperfine, noisy on a shared
# machine; compare the minimums).
#
#   bash tests/bench/startup.sh          # builds the release binary and measures it
#   bash tests/bench/startup.sh BIN      # measures BIN
#
# Needs valgrind and hyperfine. No timing is asserted anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then
  cargo build --release --quiet
  set -- "${CARGO_TARGET_DIR:-target}/release/learn"
fi
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The empty program, with the release profile of Cargo.toml.
mkdir -p "$work/empty/src"
echo 'fn main() {}' >"$work/empty/src/main.rs"
{
  printf '[package]\nname = "empty"\nversion = "0.1.0"\nedition = "2021"\n\n'
  sed -n '/^\[profile.release\]$/,/^$/p' Cargo.toml
} >"$work/empty/Cargo.toml"
cargo build --release --quiet --manifest-path "$work/empty/Cargo.toml" --target-dir "$work/empty/target"
empty="$work/empty/target/release/empty"
export LEARN_DATA_DIR="$work/data"
mkdir -p "$LEARN_DATA_DIR"
"$bin" sessions read --plain >/dev/null # the pages are read once first
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
ie=$(count "$empty")
il=$(count "$bin" sessions read --plain)
echo "instructions: empty $ie, read --plain $il ($(awk "BEGIN{printf \"%.1f\", $il/$ie}")x)"
hyperfine -N --warmup 5 --runs 100 --export-json "$work/h.json" "$empty" "$bin sessions read --plain" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
e, l = r[0], r[1]
print(f"wall time (hyperfine -N --warmup 5 --runs 100): empty mean {e['mean']*1e3:.2f} ms min {e['min']*1e3:.2f} ms; "
      f"read --plain mean {l['mean']*1e3:.2f} ms min {l['min']*1e3:.2f} ms "
      f"(mean {l['mean']/e['mean']:.1f}x, min {l['min']/e['min']:.1f}x)")
PY
