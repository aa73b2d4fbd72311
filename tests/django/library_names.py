"""The public names of the real Django modules the simulator provides part of.

    python library_names.py write FILE MODULE...   writes FILE for these modules
    python library_names.py check FILE             reads the modules FILE lists, exits 1 when
                                                   real Django's names differ from FILE's

A name the simulator's module lacks is refused as "not supported in the simulator" when the
real module has it, and fails as CPython's ImportError (naming the module's file) when it
does not. A module's names are every attribute whose name does not start with "_", and,
for a package, every submodule (importable with `from package import name`).
"""
import importlib
import os
import pkgutil
import sys

HEADER = """\
# The public names of the Django modules the simulator provides part of, read from real
# Django {version} by tests/django/library_names.py (CI re-reads them and compares). One module
# a line: its dotted name, its file (relative to site-packages), then its names.
"""


def setup():
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="x",
        USE_TZ=True,
        INSTALLED_APPS=[
            "django.contrib.sessions",
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.messages",
            "django.contrib.admin",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    )
    django.setup()
    return django.get_version()


def names(dotted):
    module = importlib.import_module(dotted)
    found = {n for n in dir(module) if not n.startswith("_")}
    if hasattr(module, "__path__"):
        found |= {m.name for m in pkgutil.iter_modules(module.__path__) if not m.name.startswith("_")}
    top = os.path.dirname(os.path.dirname(importlib.import_module("django").__file__))
    origin = os.path.relpath(module.__file__, top).replace(os.sep, "/")
    return origin, sorted(found)


def render(modules):
    out = [HEADER.format(version=setup())]
    for dotted in sorted(set(modules)):
        origin, found = names(dotted)
        out.append(" ".join([dotted, origin, *found]) + "\n")
    return "".join(out)


def listed(path):
    with open(path, encoding="utf-8") as f:
        return [line.split()[0] for line in f if line.strip() and not line.startswith("#")]


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        text = render(sys.argv[3:] or listed(sys.argv[2]))
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        with open(sys.argv[2], encoding="utf-8") as f:
            committed = f.read()
        now = render(listed(sys.argv[2]))
        if now != committed:
            print(f"{sys.argv[2]} differs from real Django's modules; re-run:\n"
                  f"  python {sys.argv[0]} write {sys.argv[2]}", file=sys.stderr)
            return 1
        print(f"library names: {len(listed(sys.argv[2]))} modules match real Django")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
