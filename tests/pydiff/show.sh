#!/usr/bin/env bash
# Shows what the interpreter does with the given programs, in the .expected format:
#   bash tests/pydiff/show.sh tests/pydiff/corpus/str/split.py
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
paths=()
for p in "$@"; do paths+=("$(cd "$(dirname "$p")" && pwd)/$(basename "$p")"); done
cd "$here/../.."
PYDIFF_SHOW="${paths[*]}" cargo test -q --test pydiff show -- --ignored --nocapture --exact 2>&1 \
  | sed -e '/^running 1 test$/d' -e '/^test result:/d' -e '/^\.$/d'
