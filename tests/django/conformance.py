#!/usr/bin/env python3
"""Record or check the committed conformance transcripts.

    python conformance.py record     re-record tests/conformance/recorded/
    python conformance.py check      re-record into a temp dir and compare

Scenarios come from two places:
  tests/conformance/scenarios/<stem>.toml   -> recorded/<stem>.jsonl
  lessons/sessions/simulations/<stem>.toml  -> recorded/bundled-<stem>.jsonl
Recordings are stored normalised (see normalize.py).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RECORDED = ROOT / "tests" / "conformance" / "recorded"
SOURCES = [
    (ROOT / "tests" / "conformance" / "scenarios", ""),
    (ROOT / "lessons" / "sessions" / "simulations", "bundled-"),
]

sys.path.insert(0, str(HERE))
from normalize import differences, dump_jsonl, load_jsonl, normalize_transcript  # noqa: E402


def scenarios():
    """(scenario path, recording name) for every scenario, in a stable order."""
    out = []
    for directory, prefix in SOURCES:
        if directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                out.append((path, f"{prefix}{path.stem}.jsonl"))
    return out


def run_all(items, workdir):
    """Run every scenario through the harness; return {recording name: text or None}."""
    results = {}
    for directory, prefix in SOURCES:
        group = [(p, n) for p, n in items if p.parent == directory]
        if not group:
            continue
        out = workdir / (prefix or "scenarios")
        proc = subprocess.run(
            [sys.executable, str(HERE / "harness.py"), str(directory), "--out", str(out)],
            capture_output=True, text=True,
        )
        if proc.stderr:
            sys.stderr.write(proc.stderr)
        for path, name in group:
            raw = out / f"{path.stem}.jsonl"
            results[name] = (
                dump_jsonl(normalize_transcript(load_jsonl(raw))) if raw.exists() else None
            )
    return results


def record():
    items = scenarios()
    with tempfile.TemporaryDirectory() as tmp:
        results = run_all(items, Path(tmp))
    RECORDED.mkdir(parents=True, exist_ok=True)
    wanted = {name for _, name in items}
    for stale in RECORDED.glob("*.jsonl"):
        if stale.name not in wanted:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
    failed = 0
    for path, name in items:
        text = results.get(name)
        if text is None:
            print(f"FAILED  {path.relative_to(ROOT)} (harness error, not recorded)")
            failed += 1
            continue
        (RECORDED / name).write_text(text, encoding="utf-8")
    print(f"{len(items) - failed} recorded, {failed} failed")
    return 1 if failed else 0


def check():
    items = scenarios()
    with tempfile.TemporaryDirectory() as tmp:
        results = run_all(items, Path(tmp))
        passed = failed = 0
        for path, name in items:
            rel = path.relative_to(ROOT)
            text = results.get(name)
            recording = RECORDED / name
            problems = []
            if text is None:
                problems = ["  the harness failed on this scenario"]
            elif not recording.exists():
                problems = [f"  no recording: {recording.relative_to(ROOT)}"]
            else:
                fresh = Path(tmp) / ("fresh-" + name)
                fresh.write_text(text, encoding="utf-8")
                problems = differences(load_jsonl(recording), load_jsonl(fresh))
            if problems:
                failed += 1
                print(f"DIFFERS {rel} (recorded/{name})")
                print("\n".join(problems))
            else:
                passed += 1
    wanted = {name for _, name in items}
    for stale in sorted(RECORDED.glob("*.jsonl")):
        if stale.name not in wanted:
            print(f"note: {stale.relative_to(ROOT)} has no scenario")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if argv[1:] == ["record"]:
        return record()
    if argv[1:] == ["check"]:
        return check()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
