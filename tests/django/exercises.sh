#!/usr/bin/env bash
# Runs every exercise in real Django 5.2, twice (the broken views, then the reference solution),
# and compares each transcript with the simulator's: the expectations an exercise checks on the
# simulator's transcript then hold, or fail, in Django in the same way.
#   bash tests/django/exercises.sh      (needs tests/django/setup.sh once)
# Ends with "N passed, M failed"; exit status 1 when a transcript differs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py="$here/.venv/bin/python"
learn="${LEARN_BIN:-$root/target/debug/learn}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# An exercise file is a scenario plus [exercise] and [[expect]] tables: keep the scenario part
# and write it out with the broken views and with the solution.
"$py" - "$root/lessons" "$work" <<'PY'
import pathlib, sys, tomllib
lessons, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(lessons.glob("*/exercises/*.toml")):
    text = f.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    cut = min(i for i in (text.find("\n[exercise]"), text.find("\n[[expect]]")) if i >= 0)
    head = text[:cut + 1]
    assert tomllib.loads(head)["views"] == data["views"], f
    (work / f"{f.stem}--broken.toml").write_text(head, encoding="utf-8")
    fixed = head.replace(data["views"], data["exercise"]["solution"], 1)
    assert tomllib.loads(fixed)["views"] == data["exercise"]["solution"], f
    (work / f"{f.stem}--solution.toml").write_text(fixed, encoding="utf-8")
PY
mkdir -p "$work/django"
"$py" "$here/harness.py" "$work"/*.toml --out "$work/django" >/dev/null
passed=0 failed=0
for s in "$work"/*.toml; do
    stem="$(basename "$s" .toml)"
    "$learn" sessions simulate "$s" --json --seed 1 > "$work/$stem.sim.jsonl"
    "$py" "$here/normalize.py" "$work/django/$stem.jsonl" -o "$work/$stem.dj.norm"
    "$py" "$here/normalize.py" "$work/$stem.sim.jsonl" -o "$work/$stem.sim.norm"
    if "$py" "$here/normalize.py" --compare "$work/$stem.dj.norm" "$work/$stem.sim.norm" > "$work/$stem.diff"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: $stem"; sed 's/^/  /' "$work/$stem.diff"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
