#!/usr/bin/env bash
# Prints what the hostile programs of tests/budget.rs cost a release-like binary: CPU time
# (user + system), peak memory (RSS) and how each run ended. Each program runs as the
# module-level code of a scenario's views (as `simulate` loads it), in a process of its own.
#
#   bash tests/bench/budget.sh            # builds the `perf` profile (Cargo.toml) and measures it
#   bash tests/bench/budget.sh BIN [BIN…] # measures the given binaries, side by side
#
# A run is killed after $LIMIT seconds (default 20; shown as "killed"). The targets (#13):
# every input stops within 2 s of CPU and 256 MB peak. Needs python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then
  cargo build --profile perf --quiet
  set -- "${CARGO_TARGET_DIR:-target}/perf/learn"
fi
limit=${LIMIT:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LEARN_DATA_DIR="$work/data"

# One scenario a program, from the table in tests/budget.rs (the generated ones as there,
# except that a scenario file holds at most 4 MB: the literal has 1,900,000 items, not 3 M).
python3 - "$work" <<'PY'
import ast, os, re, sys
work = sys.argv[1]
text = open("tests/budget.rs", encoding="utf-8").read()
table = text[text.index("const HOSTILE"):]
table = table[: table.index("];")]
generated = {
    "power chain": "x = 1" + "**1" * 9000 + "\n",
    "adjacent literals": "x = " + "'ab' " * 400_000 + "\n",
    "a literal of millions": "x = [" + "1," * 1_900_000 + "]\n",
}
n = 0
for label, src in re.findall(r'\(\s*"([^"]+)",\s*("(?:[^"\\]|\\.)*")\s*,?\s*\)', table):
    source = generated.get(label) or ast.literal_eval(src)
    n += 1
    views = source + "\nfrom django.http import HttpResponse\n\ndef view(request):\n    return HttpResponse('ok')\n"
    assert "'''" not in views
    with open(os.path.join(work, "%02d.toml" % n), "w", encoding="utf-8") as f:
        f.write('format_version = 1\ntitle = "%s"\nsummary = "A hostile program."\n' % label)
        f.write("views = '''\n" + views + "'''\n\n[[request]]\nview = \"view\"\n")
    with open(os.path.join(work, "%02d.label" % n), "w", encoding="utf-8") as f:
        f.write(label)
PY

printf '%-34s' program
for bin in "$@"; do printf ' | %-76s' "$bin"; done
echo
for s in "$work"/*.toml; do
  printf '%-34s' "$(cat "${s%.toml}.label")"
  for bin in "$@"; do
    set +e
    /usr/bin/time -f "%U %S %M" -o "$work/time" timeout "$limit" \
      "$bin" sessions simulate --plain --seed 1 "$s" >"$work/out" 2>&1
    rc=$?
    set -e
    read -r user sys kb < <(tail -1 "$work/time")
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      end="killed after ${limit} s"
    else
      # The first line that says how it ended, without the file's path.
      end=$(grep -m1 -E 'stopped|Error|not supported|views line|panicked|HTTP/1.1' "$work/out" |
        sed -e "s|^$work/[0-9]*.toml:[0-9:]* *||" -e 's/^views line/line/' | cut -c1-60 || true)
      [ -n "$end" ] || end="rc $rc"
    fi
    printf ' | %6s s %5s MB  %-60s' "$cpu" "$((kb / 1024))" "$end"
  done
  echo
done
echo "(CPU = user + system seconds and peak RSS of: BIN sessions simulate --plain --seed 1 SCENARIO)"
