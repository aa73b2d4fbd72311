"""Runs programs under CPython and records, or checks, what they do.

What a run records is what the simulator's interpreter is compared with: everything `print`
wrote, and how the program ended (normally, or with an exception: its class name, its message
and the line of the program it was raised on, the innermost one as a traceback shows it).

    python3 cpython.py record [FILE.py ...]   write FILE.expected beside each program
                                              (default: every program of corpus/)
    python3 cpython.py check                  run every corpus program and compare with
                                              its committed .expected; exit 1 on a difference
    python3 cpython.py record-batch IN OUT    run the programs of IN (JSON lines with "id",
                                              "hash" and "source") and write OUT
    python3 cpython.py check-batch IN OUT     run IN and compare with the committed OUT

Each program runs in a forked child (so one program's imports, decimal context or random
state never reach the next), with a time limit. A program whose result depends on CPython's
string hashing (the order of a set of strings, say) is reported, not recorded: every run is
made twice, under two hash seeds, and the results must agree.

The format of an .expected file (the same outcome line is used in batch files):

    ok
    --- stdout
    <what print wrote, byte for byte, to the end of the file>

or, when the program ended with an exception,

    raised ValueError at line 3: invalid literal for int() with base 10: 'x'
    --- stdout
    ...

(in a message, a backslash is written `\\\\`, a newline `\\n` and a carriage return `\\r`).
A program the simulator must refuse has a hand-written .expected of one line,

    refused at line 1: the module 'os'

which this script never overwrites; `check` only makes sure CPython can compile it.
"""

import io
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
TIME_LIMIT = 10.0
HASH_SEEDS = ("1", "2")


def shown(e):
    """The text after `Kind: ` on the traceback's last line, as CPython prints it."""
    try:
        return str(e)
    except Exception:
        return "<exception str() failed>"


def escape(message):
    return message.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def outcome_line(result):
    if result["status"] == "ok":
        return "ok"
    if result["status"] == "raised":
        return "raised %s at line %s: %s" % (
            result["type"],
            result["line"],
            escape(result["message"]),
        )
    return result["status"]


def expected_text(result):
    return outcome_line(result) + "\n--- stdout\n" + result["stdout"]


def run_in_child(source, filename):
    """What the program does, as a dict; runs in the forked child."""
    out = io.StringIO()
    sys.stdout = out
    result = {"status": "ok"}
    try:
        code = compile(source, filename, "exec")
        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    except BaseException as e:
        if isinstance(e, SyntaxError) and e.filename == filename:
            # The program itself does not compile (IndentationError is a SyntaxError).
            line, message = e.lineno, e.msg
        else:
            frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == filename]
            line, message = (frames[-1].lineno if frames else 0), shown(e)
        result = {"status": "raised", "type": type(e).__name__, "line": line, "message": message}
    finally:
        sys.stdout = sys.__stdout__
    result["stdout"] = out.getvalue()
    return result


def run_one(source, filename):
    """Forks, runs the program in the child, and returns its result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            data = json.dumps(run_in_child(source, filename)).encode()
        except BaseException as e:  # the result itself failed to serialise
            data = json.dumps({"status": "runner error: %r" % (e,), "stdout": ""}).encode()
        with os.fdopen(write_end, "wb") as w:
            w.write(data)
        os._exit(0)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + TIME_LIMIT
    with os.fdopen(read_end, "rb") as r:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"status": "timeout (over %ss)" % TIME_LIMIT, "stdout": ""}
            ready, _, _ = select.select([r], [], [], left)
            if ready:
                chunk = os.read(r.fileno(), 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks))
    except ValueError:
        return {"status": "runner error: the child died", "stdout": ""}


def corpus_programs():
    found = []
    for root, _dirs, files in os.walk(CORPUS):
        for name in files:
            if name.endswith(".py"):
                found.append(os.path.join(root, name))
    return sorted(found)


def expected_path(program):
    return program[: -len(".py")] + ".expected"


def is_refused(program):
    try:
        with open(expected_path(program), encoding="utf-8") as f:
            return f.read().startswith("refused")
    except FileNotFoundError:
        return False


def display_name(program):
    return os.path.relpath(program, CORPUS)


# --- the two-seed protocol ------------------------------------------------------------------
# The parent process re-executes this script once per hash seed in "worker" mode; each worker
# reads {"name", "source"} lines on stdin and prints one result per line.


def worker():
    for line in sys.stdin:
        job = json.loads(line)
        print(json.dumps(run_one(job["source"], job["name"])), flush=True)


def run_all(jobs):
    """Runs (name, source) jobs under each hash seed; returns results and disagreements."""
    payload = "".join(json.dumps({"name": n, "source": s}) + "\n" for n, s in jobs)
    procs = []
    for seed in HASH_SEEDS:  # the two runs go side by side
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8")
        procs.append(
            subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), "worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=env,
            )
        )
    # Feed the workers from threads, so neither blocks on a full pipe.
    outputs = [None] * len(procs)

    def talk(i, proc):
        outputs[i] = proc.communicate(payload)

    threads = [threading.Thread(target=talk, args=(i, p)) for i, p in enumerate(procs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    runs = []
    for proc, (out, err) in zip(procs, outputs):
        if proc.returncode != 0:
            sys.exit("the CPython worker failed:\n" + err)
        runs.append([json.loads(l) for l in out.splitlines()])
    results = []
    unstable = []
    for i, (name, _source) in enumerate(jobs):
        first = runs[0][i]
        if any(run[i] != first for run in runs[1:]):
            unstable.append(name)
        results.append(first)
    return results, unstable


def report_unstable(unstable):
    for name in unstable:
        print(
            "UNSTABLE %s: CPython gives different results under different hash seeds "
            "(sort the set or dict before printing it)" % name
        )


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def record(paths):
    paths = [os.path.abspath(p) for p in paths] or corpus_programs()
    paths = [p for p in paths if not is_refused(p)]
    results, unstable = run_all([(display_name(p), read(p)) for p in paths])
    written = 0
    for program, result in zip(paths, results):
        if display_name(program) in unstable:
            continue
        with open(expected_path(program), "w", encoding="utf-8", newline="") as f:
            f.write(expected_text(result))
        written += 1
    report_unstable(unstable)
    print("recorded %d program(s) with CPython %s" % (written, sys.version.split()[0]))
    return 1 if unstable else 0


def check():
    programs = corpus_programs()
    refused = [p for p in programs if is_refused(p)]
    normal = [p for p in programs if not is_refused(p)]
    problems = 0
    results, unstable = run_all([(display_name(p), read(p)) for p in normal])
    report_unstable(unstable)
    problems += len(unstable)
    for program, result in zip(normal, results):
        name = display_name(program)
        try:
            committed = read(expected_path(program))
        except FileNotFoundError:
            print("MISSING %s: no .expected (run record.sh)" % name)
            problems += 1
            continue
        fresh = expected_text(result)
        if committed != fresh:
            problems += 1
            print("DIFFERS %s: the committed .expected is not what CPython does now" % name)
            print("  committed: %r" % committed[:400])
            print("  CPython:   %r" % fresh[:400])
    for program in refused:
        try:
            compile(read(program), display_name(program), "exec")
        except SyntaxError as e:
            problems += 1
            print("INVALID %s: CPython cannot compile this refused program: %s" % (display_name(program), e))
    print(
        "CPython %s: %d corpus program(s) run, %d refused program(s) compiled, %d problem(s)"
        % (sys.version.split()[0], len(normal), len(refused), problems)
    )
    return 1 if problems else 0


def batch(in_path, out_path, mode):
    jobs = [json.loads(l) for l in read(in_path).splitlines() if l.strip()]
    results, unstable = run_all([(j["id"], j["source"]) for j in jobs])
    report_unstable(unstable)
    lines = []
    for job, result in zip(jobs, results):
        lines.append(
            json.dumps(
                {
                    "id": job["id"],
                    "hash": job["hash"],
                    "outcome": outcome_line(result),
                    "stdout": result["stdout"],
                },
                ensure_ascii=False,
            )
        )
    text = "".join(l + "\n" for l in lines)
    if mode == "record":
        with open(out_path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print("recorded %d generated program(s) with CPython %s" % (len(jobs), sys.version.split()[0]))
        return 1 if unstable else 0
    try:
        committed = read(out_path).splitlines()
    except FileNotFoundError:
        committed = []
    problems = len(unstable)
    if len(committed) != len(lines):
        print(
            "DIFFERS %s: %d committed result(s), %d generated program(s) (run record.sh)"
            % (os.path.basename(out_path), len(committed), len(lines))
        )
        problems += 1
    for fresh, old in zip(lines, committed):
        if fresh != old:
            problems += 1
            if problems <= 20:
                print("DIFFERS %s" % json.loads(fresh)["id"])
                print("  committed: %s" % old[:400])
                print("  CPython:   %s" % fresh[:400])
    print(
        "CPython %s: %d generated program(s) run, %d problem(s)"
        % (sys.version.split()[0], len(jobs), problems)
    )
    return 1 if problems else 0


def main(argv):
    if not argv:
        sys.exit(__doc__)
    mode, rest = argv[0], argv[1:]
    if mode == "worker":
        worker()
        return 0
    if mode == "record":
        return record(rest)
    if mode == "check":
        return check()
    if mode in ("record-batch", "check-batch") and len(rest) == 2:
        return batch(rest[0], rest[1], mode.split("-")[0])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
