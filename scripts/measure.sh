#!/usr/bin/env bash
# Prints the numbers the project keeps an eye on: release binary size, time to print the whole
# lesson in plain mode, and peak memory. Needs hyperfine (apt-get install hyperfine) and GNU
# time (/usr/bin/time). Run from anywhere: bash scripts/measure.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/learn
if [ -n "${CARGO_TARGET_DIR:-}" ]; then bin="$CARGO_TARGET_DIR/release/learn"; fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export LEARN_DATA_DIR="$data"

size=$(stat -c %s "$bin")
echo "release binary: $size bytes ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB; target <= 5 MB)"

"$bin" sessions read --plain >/dev/null   # first run records the pages as read
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 100 --export-json "$data/h.json" "$bin sessions read --plain" >/dev/null
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"plain lesson: mean {r['mean']*1000:.2f} ms, min {r['min']*1000:.2f} ms over {len(r['times'])} runs (target <= 5 ms)\")" "$data/h.json"
else
  echo "plain lesson: hyperfine not installed, skipped"
fi
peak=$( { /usr/bin/time -f "%M" "$bin" sessions read --plain >/dev/null; } 2>&1 | tail -1)
echo "peak memory, plain lesson: ${peak} KiB (target <= 10 MB)"
peak=$( { printf 'd\na\nb\na\nc\n' | /usr/bin/time -f "%M" "$bin" sessions quiz --no-shuffle >/dev/null; } 2>&1 | tail -1)
echo "peak memory, piped quiz: ${peak} KiB"

# The simulator against real Django on the same scenario, in the same run.
scenario=lessons/sessions/simulations/visit-counter.toml
peak=$( { /usr/bin/time -f "%M" "$bin" sessions simulate visit-counter --json --seed 1 >/dev/null; } 2>&1 | tail -1)
echo "peak memory, simulate --json visit-counter: ${peak} KiB"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 100 --export-json "$data/sim.json" \
    "$bin sessions simulate $scenario --json --seed 1" >/dev/null
  sim=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$data/sim.json")
  echo "simulate --json $scenario: mean $(python3 -c "print(f'{$sim*1000:.2f}')") ms"
  if bash tests/django/setup.sh >/dev/null 2>&1; then
    py=tests/django/.venv/bin/python
    hyperfine -N --warmup 1 --runs 10 --export-json "$data/dj.json" \
      "$py tests/django/harness.py $scenario" >/dev/null
    dj=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$data/dj.json")
    echo "real Django 5.2 harness, same file: mean $(python3 -c "print(f'{$dj*1000:.1f}')") ms"
    echo "the simulator is $(python3 -c "print(f'{$dj/$sim:.0f}')") times faster (target >= 50)"
  else
    echo "real Django harness: could not set up tests/django/.venv, skipped"
  fi
fi
