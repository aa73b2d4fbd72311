#!/usr/bin/env bash
# The interpreter against CPython 3.11, from scratch: re-runs CPython on every corpus program
# and on the generated batch and compares with the committed results, then runs the
# interpreter on the same programs (cargo test --test pydiff) and compares with those.
# Exits non-zero on any difference; prints the known differences it tolerates.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python3}"
"$py" - <<'PY'
import sys
if sys.version_info[:2] != (3, 11):
    sys.exit("tests/pydiff needs CPython 3.11, this is %s" % sys.version.split()[0])
PY
batch="$(mktemp)"
trap 'rm -f "$batch"' EXIT
cd "$here/../.."
status=0
"$py" "$here/cpython.py" check || status=1
# The Unicode tables are what CPython 3.11 says, and so is every code point through the str methods.
"$py" scripts/unicode_tables.py --check || status=1
if ! "$py" "$here/unicode/every_code_point.py" | cmp -s - "$here/unicode/every_code_point.expected"; then
  echo "tests/pydiff/unicode/every_code_point.expected is not what CPython prints: re-record it" >&2
  status=1
fi
if ! out="$(cargo test -q --locked --test pydiff unicode_every_code_point -- --ignored --exact 2>&1)"; then
  printf "%s\n" "$out" | grep -E "differ|panicked" >&2 || true
  status=1
fi
PYDIFF_BATCH="$batch" cargo test -q --locked --test pydiff write_generated_batch -- --ignored --exact >/dev/null
"$py" "$here/cpython.py" check-batch "$batch" "$here/generated.expected" || status=1
if ! out="$(cargo test --locked --test pydiff -- --nocapture --test-threads=1 2>&1)"; then
  status=1
fi
printf '%s\n' "$out" | grep -E -v '^(running [0-9]+ tests?|test .*|\s*(Compiling|Finished|Running) .*|)$' || true
exit "$status"
