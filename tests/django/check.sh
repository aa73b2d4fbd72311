#!/usr/bin/env bash
# Re-record every scenario in real Django and compare with tests/conformance/recorded/.
# Works from any directory. Ends with "N passed, M failed"; exits non-zero on any difference.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh" >&2
# The names of real Django's modules, which decide what an import the simulator lacks gives.
"$here/.venv/bin/python" "$here/library_names.py" check "$here/../../src/django/library_names.txt"
exec "$here/.venv/bin/python" "$here/conformance.py" check
