#!/usr/bin/env bash
# Records what CPython does with the corpus and with the generated batch:
#   bash tests/pydiff/record.sh                      every corpus program and the batch
#   bash tests/pydiff/record.sh corpus/str/new.py    just these programs
# Writes <program>.expected beside each corpus program (except hand-written "refused" ones)
# and tests/pydiff/generated.expected. Needs python3 (CPython 3.11).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python3}"
"$py" - <<'PY'
import sys
if sys.version_info[:2] != (3, 11):
    sys.exit("tests/pydiff needs CPython 3.11, this is %s" % sys.version.split()[0])
PY
if [ "$#" -gt 0 ]; then
  args=()
  for p in "$@"; do
    case "$p" in /*) args+=("$p") ;; *) [ -e "$p" ] && args+=("$PWD/$p") || args+=("$here/$p") ;; esac
  done
  exec "$py" "$here/cpython.py" record "${args[@]}"
fi
"$py" "$here/cpython.py" record
"$py" "$here/unicode/every_code_point.py" > "$here/unicode/every_code_point.expected"
batch="$(mktemp)"
trap 'rm -f "$batch"' EXIT
(cd "$here/../.." && PYDIFF_BATCH="$batch" cargo test -q --test pydiff write_generated_batch -- --ignored --exact >/dev/null)
"$py" "$here/cpython.py" record-batch "$batch" "$here/generated.expected"
