#!/usr/bin/env python3
"""Print the signed_cookies session value Django would write, for scenario authors.

    .venv/bin/python sign.py '{"k": "v"}' [--at SECONDS]

The value is what the `signed_cookies` engine sends when the session holds that
JSON object and the virtual clock is SECONDS after 2026-01-01T00:00:00Z (default 0),
signed with the scenario SECRET_KEY. Use it in a scenario's `cookies` to replay a
cookie a browser received earlier (a copied or stolen cookie).
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the session data as a JSON object")
    parser.add_argument("--at", type=int, default=0, help="seconds after the clock's start")
    args = parser.parse_args()

    from django.conf import settings
    settings.configure(SECRET_KEY=harness.SECRET_KEY, USE_TZ=True)
    import django
    django.setup()
    harness.install_clock()
    harness.CLOCK.now += args.at

    from django.contrib.sessions.serializers import JSONSerializer
    from django.core import signing

    value = signing.dumps(
        json.loads(args.data),
        compress=True,
        salt="django.contrib.sessions.backends.signed_cookies",
        serializer=JSONSerializer,
    )
    print(value)


if __name__ == "__main__":
    main()
