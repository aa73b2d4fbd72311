#!/usr/bin/env bash
# Create tests/django/.venv with Django 5.2.x. Safe to run again: it does nothing
# when the virtualenv already holds a Django 5.2 release.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" - <<'PY' 2>/dev/null
import sys
import django
sys.exit(0 if django.VERSION[:2] == (5, 2) else 1)
PY
then
    exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'Django>=5.2,<5.3'
"$venv/bin/python" -c 'import django; print("Django", django.get_version(), "installed in '"$venv"'")'
