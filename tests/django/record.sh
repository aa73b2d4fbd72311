#!/usr/bin/env bash
# Re-write tests/conformance/recorded/ from real Django.
# Works from any directory. Ends with "N recorded, M failed"; exits non-zero if a scenario fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh" >&2
exec "$here/.venv/bin/python" "$here/conformance.py" record
