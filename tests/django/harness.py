#!/usr/bin/env python3
"""Run `learn` session scenarios in real Django 5.2 and print their transcripts.

    python harness.py FILE_OR_DIR... [--out DIR]

Each scenario file (TOML, see docs/scenarios.md) runs in a fresh
subprocess, so every scenario starts from clean settings, a fresh in-memory
sqlite database with the `django_session` table, a fresh LocMemCache, empty
cookie jars and the virtual clock at 2026-01-01T00:00:00Z.

The transcript is JSON Lines, one object per request, with exactly the fields
of the contract.  Without --out every transcript goes to stdout, one after the
other; with --out DIR each scenario is written to DIR/<stem>.jsonl.

The output is *raw*: session keys are the real random keys and signed cookies
are the real signed values.  `normalize.py` turns it into the comparable form.

How a request is run (the parts that matter for comparing with the simulator):

* The `views` text is compiled as a real module named `views` (file name
  `views.py`, line 1 = the first line of the text) and the request's URL
  resolves straight to the named function in it.
* The browser is a cookie jar kept here, not the test client's: cookies are
  sent in a Cookie header built from the jar, and every Set-Cookie of the
  response is applied to it afterwards (Max-Age wins over Expires; Max-Age <= 0
  or an Expires not after "now" removes the cookie; a cookie whose expiry is
  at or before "now" is not sent and is dropped).
* Time is virtual: `time.time` and `django.utils.timezone.now` return the
  virtual clock, which only `advance_clock` moves.  Signing timestamps, cookie
  expiry dates, `expire_date` rows and cache timeouts therefore follow it and
  are exact.
* MIDDLEWARE is SessionMiddleware followed by a tiny capture middleware that
  records the session's state the moment the view finished (returned or
  raised), without loading anything into the real session object.
"""

import argparse
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import tomllib
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent

EPOCH_START = 1767225600  # 2026-01-01T00:00:00Z
SECRET_KEY = "learn-sessions-simulator"
ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
}
MANAGE_COMMANDS = {"clearsessions"}
TOP_KEYS = {
    "format_version", "title", "summary", "views", "settings", "user", "request",
    "templates", "route",
    "group",  # [[group]]: name, permissions; users join them with `groups`
}
USER_KEYS = {"username", "password", "is_staff", "is_active", "is_superuser"}
USER_KEYS |= {"permissions"}  # ["app_label.codename", ...], given as user_permissions
USER_KEYS |= {"groups"}  # names of [[group]]s the user is in
GROUP_KEYS = {"name", "permissions"}
OTHER_SETTINGS = {"MIDDLEWARE", "LOGIN_URL", "MESSAGE_STORAGE", "MESSAGE_LEVEL"}
# CsrfViewMiddleware's settings a scenario may set.
OTHER_SETTINGS |= {
    "CSRF_USE_SESSIONS", "CSRF_COOKIE_AGE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE", "CSRF_COOKIE_NAME", "CSRF_COOKIE_PATH", "CSRF_COOKIE_DOMAIN",
    "CSRF_HEADER_NAME", "CSRF_TRUSTED_ORIGINS", "CSRF_FAILURE_VIEW",
}
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
REQUEST_KEYS = {
    "view", "manage", "shell", "browser", "method", "path", "query", "form", "cookies",
    "cookies_from", "advance_clock", "restart_browser", "note",
    "body", "content_type", "headers",
    "predict",  # questions for the learner; nothing for Django to run
    "csrf",  # send the CSRF token the browser holds (see with_csrf_token)
    "secure",  # over HTTPS: the test client's secure=True
}
CSRF_VALUES = {"form", "header", "cookie-form", "cookie-header"}
CSRF_FIELD = "csrfmiddlewaretoken"
CSRF_PAGE_NEEDLE = 'name="csrfmiddlewaretoken" value="'


def page_token(body):
    """The value of the last csrfmiddlewaretoken input in a page ({% csrf_token %})."""
    start = body.rfind(CSRF_PAGE_NEEDLE)
    if start < 0:
        return None
    start += len(CSRF_PAGE_NEEDLE)
    end = body.find('"', start)
    return None if end < 0 else body[start:end]


def csrf_sent_header(meta_key):
    """The header a page's script sends the token in for CSRF_HEADER_NAME:
    HTTP_X_CSRFTOKEN -> X-CSRFToken, HTTP_X_XSRF_TOKEN -> X-XSRF-TOKEN (a name without
    HTTP_ as it is, '_' -> '-')."""
    if meta_key == "HTTP_X_CSRFTOKEN":
        return "X-CSRFToken"
    return meta_key.removeprefix("HTTP_").replace("_", "-")


def with_csrf_token(req, page, cookie, header="X-CSRFToken"):
    """`csrf = "form" | "header" | "cookie-form" | "cookie-header"`: a copy of the request
    carrying the token of the last page the browser was served (or its CSRF cookie)
    as the first form field or a `header` header; unchanged when there is no token or
    the request already names one."""
    how = req.get("csrf")
    if how is None:
        return req
    token = cookie if how.startswith("cookie-") else page
    if token is None:
        return req
    req = dict(req)
    if how.endswith("header"):
        headers = dict(req.get("headers", {}))
        if not any(k.lower() == header.lower() for k in headers):
            headers[header] = token
        req["headers"] = headers
    else:
        form = dict(req.get("form", {}))
        if CSRF_FIELD not in form:
            form = {CSRF_FIELD: token, **form}
        req["form"] = form
    return req


class ScenarioError(Exception):
    """The scenario file itself is wrong (not something Django did)."""


# --------------------------------------------------------------------------
# JSON value rules (contract: `session` and `store[].data`)
# --------------------------------------------------------------------------

def json_key(key):
    """A dict key as json.dumps writes it; other keys (tuples...) as repr."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        if math.isnan(key):
            return "NaN"
        if math.isinf(key):
            return "Infinity" if key > 0 else "-Infinity"
        return float.__repr__(key)
    return repr(key)


def json_value(value):
    """A Python value as the transcript shows it.

    JSON types stay; tuples become lists; dict keys become strings the way
    json.dumps writes them (a later key wins when two collide); anything JSON
    cannot hold (datetime, set, Decimal, bytes, NaN, inf, ...) becomes its
    Python repr string.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {json_key(k): json_value(v) for k, v in value.items()}
    return repr(value)


# --------------------------------------------------------------------------
# Scenario loading
# --------------------------------------------------------------------------

def load_scenario(path):
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"not valid TOML: {e}") from None
    unknown = set(doc) - TOP_KEYS
    if unknown:
        raise ScenarioError(f"unknown top-level keys {sorted(unknown)}")
    if doc.get("format_version") != 1:
        raise ScenarioError("format_version must be 1")
    if not isinstance(doc.get("views"), str):
        raise ScenarioError("`views` (a string) is required")
    requests = doc.get("request")
    if not isinstance(requests, list) or not requests:
        raise ScenarioError("at least one [[request]] is required")
    for i, req in enumerate(requests, 1):
        unknown = set(req) - REQUEST_KEYS
        if unknown:
            raise ScenarioError(f"request {i}: unknown keys {sorted(unknown)}")
        if "shell" in req:
            if "view" in req or "manage" in req:
                raise ScenarioError(f"request {i}: `shell` with `view` or `manage`")
            if not isinstance(req["shell"], str):
                raise ScenarioError(f"request {i}: `shell` must be a string of code")
        elif "manage" in req:
            if "view" in req:
                raise ScenarioError(f"request {i}: `view` and `manage` together")
            if req["manage"] not in MANAGE_COMMANDS:
                raise ScenarioError(f"request {i}: unknown command {req['manage']!r}")
        elif not isinstance(req.get("view"), str) and not doc.get("route"):
            raise ScenarioError(f"request {i}: `view` is required (or [[route]]s)")
        if "csrf" in req:
            if req["csrf"] not in CSRF_VALUES:
                raise ScenarioError(f"request {i}: unknown csrf {req['csrf']!r}")
            if not req["csrf"].endswith("header") and "body" in req:
                raise ScenarioError(f"request {i}: csrf = {req['csrf']!r} cannot go with a body")
    settings = doc.get("settings", {})
    for key in settings:
        if not key.startswith("SESSION_") and key not in OTHER_SETTINGS:
            raise ScenarioError(f"setting {key} is not a SESSION_* setting or one of {sorted(OTHER_SETTINGS)}")
    group_names = []
    for i, group in enumerate(doc.get("group", []), 1):
        if set(group) - GROUP_KEYS or not isinstance(group.get("name"), str):
            raise ScenarioError(f"group {i}: needs name, may have {sorted(GROUP_KEYS)}")
        if group["name"] in group_names:
            raise ScenarioError(f"group {i}: a second group named {group['name']!r}")
        group_names.append(group["name"])
    for i, user in enumerate(doc.get("user", []), 1):
        unknown = set(user) - USER_KEYS
        if unknown or "username" not in user or "password" not in user:
            raise ScenarioError(f"user {i}: needs username and password, may have {sorted(USER_KEYS)}")
        for name in user.get("groups", []):
            if name not in group_names:
                raise ScenarioError(f"user {i}: no [[group]] named {name!r}")
    return doc


def django_settings(scenario_settings, file_dir):
    """The scenario's settings for Django. SESSION_FILE_PATH (a path the simulator only
    shows) is replaced by a fresh temporary folder, so every scenario starts with no files."""
    out = {"SESSION_FILE_PATH": file_dir}
    for key, value in scenario_settings.items():
        if key == "MIDDLEWARE":
            continue
        if key == "SESSION_ENGINE":
            value = ENGINES.get(value, value)
        if key == "SESSION_FILE_PATH":
            continue
        out[key] = value
    return out


# --------------------------------------------------------------------------
# Virtual clock
# --------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = EPOCH_START

    def time(self):
        return float(self.now)

    def datetime(self):
        import datetime
        return datetime.datetime.fromtimestamp(self.now, tz=datetime.timezone.utc)


CLOCK = Clock()


def install_clock():
    """Make Django's time sources follow the virtual clock.

    - time.time: django.core.signing (TimestampSigner.timestamp and the max_age
      check), SessionMiddleware (expires = time.time() + max_age),
      HttpResponse.set_cookie (expires for max_age), LocMemCache timeouts.
    - django.utils.timezone.now: SessionBase.get_expiry_age/get_expiry_date,
      set_expiry(timedelta), the db backend's expire_date filter.
    """
    import time
    import django.utils.timezone

    time.time = CLOCK.time
    django.utils.timezone.now = CLOCK.datetime
    install_response_clock()


def install_response_clock():
    """HttpResponse.set_cookie(expires=<datetime>) counts from datetime.datetime.now(tz=utc):
    django.http.response sees a datetime module whose datetime.now() is the virtual clock
    (isinstance checks still see the real class)."""
    import datetime as real
    import django.http.response as response

    class Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, real.datetime)

    class VirtualDateTime(real.datetime, metaclass=Meta):
        @classmethod
        def now(cls, tz=None):
            return real.datetime.fromtimestamp(CLOCK.now, tz=tz)

    shim = types.ModuleType("datetime")
    shim.__dict__.update(vars(real))
    shim.datetime = VirtualDateTime
    response.datetime = shim


# --------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------

class Browser:
    """A cookie jar that behaves like a browser's (one host, one path)."""

    def __init__(self):
        self.cookies = {}  # name -> (value, expires_at epoch or None)

    def restart(self):
        self.cookies = {n: c for n, c in self.cookies.items() if c[1] is not None}

    def put(self, name, value):
        self.cookies[name] = (value, None)

    def drop_expired(self, now):
        self.cookies = {
            n: c for n, c in self.cookies.items() if c[1] is None or c[1] > now
        }

    def header(self):
        return "; ".join(f"{n}={v}" for n, (v, _) in self.cookies.items())

    def get(self, name):
        c = self.cookies.get(name)
        return None if c is None else c[0]

    def apply(self, morsel, now):
        expires_at = cookie_expiry(morsel, now)
        if expires_at is not None and expires_at <= now:
            self.cookies.pop(morsel.key, None)
        else:
            self.cookies[morsel.key] = (morsel.value, expires_at)

    def snapshot(self):
        return {n: v for n, (v, _) in self.cookies.items()}


def cookie_expiry(morsel, now):
    """Epoch at which a Set-Cookie expires, or None for a session cookie."""
    max_age = morsel["max-age"]
    if max_age != "":
        return now + int(max_age)
    expires = morsel["expires"]
    if expires:
        from email.utils import parsedate_to_datetime
        return int(parsedate_to_datetime(expires).timestamp())
    return None


# --------------------------------------------------------------------------
# Capturing what happened
# --------------------------------------------------------------------------

class State:
    def __init__(self):
        self.reset()

    def reset(self):
        self.phase = "request"
        self.capture = None
        self.errors = []
        self.csrf_failure = None  # the reason CsrfViewMiddleware rejected the request


STATE = State()


class CaptureMiddleware:
    """Sits inside SessionMiddleware: records the session when the view is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        STATE.phase = "view"
        response = self.get_response(request)
        STATE.capture = capture_session(request)
        STATE.phase = "middleware"
        return response


def fresh_load(engine_module, key):
    """What loading the session would give, using a separate store object and without
    loading's side effects (cached_db filling the cache, the file engine replacing an
    expired file)."""
    if key is None:
        return {}
    try:
        name = engine_module.__name__
        store = engine_module.SessionStore(key)
        if name == ENGINES["cached_db"]:
            data = store._cache.get(store.cache_key)
            if data is not None:
                return data
            s = store._get_session_from_db()
            return store.decode(s.session_data) if s else {}
        if name == ENGINES["file"]:
            with open(store._key_to_file(), encoding="ascii") as f:
                text = f.read()
            if not text:
                return {}
            data = store.decode(text)
            if store.get_expiry_age(expiry=store._expiry_date(data)) <= 0:
                return {}
            return data
        return store.load()
    except Exception:
        return {}


def capture_session(request):
    from importlib import import_module
    from django.conf import settings
    from django.contrib.sessions.backends.base import SessionBase

    session = request.__dict__.get("session")
    if not isinstance(session, SessionBase):
        return {"modified": False, "accessed": False, "session": {}, "session_key": None}
    attrs = session.__dict__
    accessed = attrs.get("accessed")
    modified = attrs.get("modified")
    key = session.session_key
    if "_session_cache" in attrs:
        data = attrs["_session_cache"]
    else:
        data = fresh_load(import_module(settings.SESSION_ENGINE), key)
    return {
        "modified": json_value(modified),
        "accessed": json_value(accessed),
        "session": json_value(data),
        "session_key": key,
        "user": capture_user(request),
    }


def capture_user(request):
    """request.user as the view left it, without evaluating a lazy user nobody read."""
    from django.utils.functional import empty

    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user) if type(user).__name__ == "SimpleLazyObject" else user
    if wrapped is empty:
        return None
    if not hasattr(wrapped, "is_authenticated"):
        return None
    return {
        "username": wrapped.get_username() if hasattr(wrapped, "get_username") else "",
        "id": wrapped.pk,
        "is_authenticated": bool(wrapped.is_authenticated),
    }


def install_csrf_log():
    """CsrfViewMiddleware logs why it rejects a request ("Forbidden (%s): %s", reason,
    path) on django.security.csrf; the transcript's `csrf_failure` is that reason."""
    import logging

    class Reasons(logging.Handler):
        def emit(self, record):
            if record.msg == "Forbidden (%s): %s" and record.args:
                STATE.csrf_failure = record.args[0]

    logging.getLogger("django.security.csrf").addHandler(Reasons(logging.DEBUG))


def on_request_exception(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if exc is not None:
        STATE.errors.append((STATE.phase, exc))


def describe_error():
    if not STATE.errors:
        return None
    phase, exc = STATE.errors[-1]
    where, line = "middleware", None
    if phase == "view":
        where = "handler"
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_globals.get("__name__") == "views":
                where, line = "view", tb.tb_lineno
            tb = tb.tb_next
    return {"type": type(exc).__name__, "message": str(exc), "where": where, "line": line}


def describe_set_cookie(response, name, now):
    if name not in response.cookies:
        return None
    m = response.cookies[name]
    max_age = m["max-age"]
    max_age = None if max_age == "" else int(max_age)
    expires_at = cookie_expiry(m, now)
    out = {
        "value": m.value,
        "max_age": max_age,
        "expires": m["expires"] or None,
        "httponly": bool(m["httponly"]),
        "secure": bool(m["secure"]),
        "samesite": m["samesite"] or None,
        "path": m["path"] or None,
        "deleted": expires_at is not None and expires_at <= now,
    }
    if m["domain"]:
        out["domain"] = m["domain"]  # only when the cookie has one
    return out


def vary_has_cookie(response):
    tokens = [t.strip().lower() for t in response.get("Vary", "").split(",")]
    return "cookie" in tokens


def describe_cache(prefix_name):
    """Live LocMemCache entries under a session engine's key prefix, by session key."""
    import pickle
    from importlib import import_module
    from django.conf import settings
    from django.core.cache import caches

    now = CLOCK.now
    prefix_value = import_module(ENGINES[prefix_name]).KEY_PREFIX
    cache = caches[settings.SESSION_CACHE_ALIAS]
    prefix = cache.make_key(prefix_value)
    rows = []
    for ckey, pickled in list(cache._cache.items()):
        if not ckey.startswith(prefix):
            continue
        exp = cache._expire_info.get(ckey)
        if exp is not None and exp <= now:
            continue
        rows.append({
            "key": ckey[len(prefix):],
            "data": json_value(pickle.loads(pickled)),
            "expires_in": None if exp is None else int(round(exp - now)),
        })
    rows.sort(key=lambda r: r["key"])
    return rows


def describe_files():
    """The file engine's session files: key, decoded data and the engine's own expiry age
    (get_expiry_age(expiry=_expiry_date(data)), as load() computes it)."""
    from django.conf import settings
    from django.contrib.sessions.backends.file import SessionStore

    prefix = settings.SESSION_COOKIE_NAME
    rows = []
    for name in sorted(os.listdir(settings.SESSION_FILE_PATH)):
        if not name.startswith(prefix) or "_out_" in name:
            continue
        key = name[len(prefix):]
        with open(os.path.join(settings.SESSION_FILE_PATH, name), encoding="ascii") as f:
            text = f.read()
        store = SessionStore(key)
        data = store.decode(text) if text else {}
        try:
            age = store.get_expiry_age(expiry=store._expiry_date(data))
        except Exception:
            age = None
        if not isinstance(age, (int, float)) or isinstance(age, bool):
            age = None
        rows.append({"key": key, "data": json_value(data), "expires_in": age})
    return rows


def install_file_clock():
    """Session files get the virtual clock as their modification time: the file engine
    counts a session's age from it."""
    from django.contrib.sessions.backends import file as file_backend
    from django.contrib.sessions.backends.base import CreateError

    original = file_backend.SessionStore.save

    def touch(store):
        key = store.session_key
        if key is None:
            return
        try:
            path = store._key_to_file(key)
        except Exception:
            return
        if os.path.exists(path):
            os.utime(path, (CLOCK.now, CLOCK.now))

    def save(self, must_create=False):
        try:
            result = original(self, must_create)
        except CreateError:
            raise
        except BaseException:
            touch(self)  # the empty placeholder a failed create leaves behind
            raise
        touch(self)
        return result

    file_backend.SessionStore.save = save


def describe_store(engine):
    now = CLOCK.now
    rows = []
    if engine == ENGINES["file"]:
        return describe_files()
    if engine in (ENGINES["db"], ENGINES["cached_db"]):
        from django.contrib.sessions.backends.db import SessionStore
        from django.contrib.sessions.models import Session

        decoder = SessionStore()
        for row in Session.objects.order_by("session_key"):
            delta = (row.expire_date - CLOCK.datetime()).total_seconds()
            rows.append({
                "key": row.session_key,
                "data": json_value(decoder.decode(row.session_data)),
                "expires_in": int(round(delta)),
            })
    elif engine == ENGINES["cache"]:
        rows = describe_cache("cache")
    return rows


def add_cache(line, engine):
    """cached_db records carry the cache's copies beside the rows."""
    if engine == ENGINES["cached_db"]:
        line["cache"] = describe_cache("cached_db")
    return line


# --------------------------------------------------------------------------
# Running one scenario (inside the subprocess)
# --------------------------------------------------------------------------

# Context processors every scenario's templates get (`request`, `auth` and `messages`, as in
# a new project; `debug` adds nothing with DEBUG=False).
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]


def templates_setting(scenario):
    """TEMPLATES with the scenario's [templates] in a locmem loader (no files)."""
    return [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "loaders": [("django.template.loaders.locmem.Loader",
                         dict(scenario.get("templates", {})))],
            "context_processors": list(CONTEXT_PROCESSORS),
        },
    }]


def setup_django(scenario):
    import django
    from django.conf import settings

    urls = types.ModuleType("learn_harness_urls")
    urls.urlpatterns = []
    sys.modules["learn_harness_urls"] = urls
    runtime = types.ModuleType("learn_harness_runtime")
    runtime.CaptureMiddleware = CaptureMiddleware
    sys.modules["learn_harness_runtime"] = runtime

    middleware = list(scenario.get("settings", {}).get("MIDDLEWARE", [SESSION_MIDDLEWARE]))
    settings.configure(
        DEBUG=False,
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS=["*"],
        USE_TZ=True,
        TIME_ZONE="UTC",
        INSTALLED_APPS=[
            "django.contrib.sessions",
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.messages",
        ],
        MIDDLEWARE=middleware + ["learn_harness_runtime.CaptureMiddleware"],
        ROOT_URLCONF="learn_harness_urls",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "learn-sessions",
        }},
        TEMPLATES=templates_setting(scenario),
        **django_settings(scenario.get("settings", {}), tempfile.mkdtemp(prefix="learn-sessions-")),
    )
    django.setup()
    install_file_clock()

    from django.core.management import call_command
    call_command("migrate", verbosity=0, interactive=False)

    from django.core.signals import got_request_exception
    got_request_exception.connect(on_request_exception)
    install_csrf_log()

    views = types.ModuleType("views")
    views.__file__ = "views.py"
    sys.modules["views"] = views
    try:
        code = compile(scenario["views"], "views.py", "exec")
        exec(code, views.__dict__)
    except Exception as e:
        raise ScenarioError(f"the views module does not load: {type(e).__name__}: {e}")
    return urls, views


def route(urls, func, scenario, views):
    """The URLconf for one request: a catch-all to the request's own view (when it names
    one) ahead of the scenario's [[route]]s, which `reverse()` and requests by path use."""
    from django.urls import clear_url_caches, path, re_path

    patterns = [re_path(r"^.*$", func)] if func is not None else []
    for r in scenario.get("route", []):
        view = views.__dict__.get(r["view"])
        if not callable(view):
            raise ScenarioError(f"route {r['path']!r}: views has no function {r['view']!r}")
        patterns.append(path(r["path"], view, name=r.get("name")))
    urls.urlpatterns[:] = patterns
    clear_url_caches()


def resolved_view(path_info):
    """The name of the view a path resolves to, or "" when none matches."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path_info).func.__name__
    except Resolver404:
        return ""


# --------------------------------------------------------------------------
# What the response says besides the session (contract: `headers`, `cookies`)
# --------------------------------------------------------------------------

def describe_headers(response):
    out = {}
    for name, value in response.items():
        if name.lower() in ("vary", "location"):
            continue
        if name.lower() == "content-type" and value == "text/html; charset=utf-8":
            continue
        out[name] = value
    return out


def describe_other_cookies(response, session_cookie, now):
    return {
        name: describe_set_cookie(response, name, now)
        for name in response.cookies
        if name != session_cookie
    }


def send(client, method, path, query, form, cookie_header, req):
    from urllib.parse import urlencode

    url = path
    if query:
        url += "?" + urlencode(query, doseq=True)
    extra = {"HTTP_COOKIE": cookie_header}
    headers = {k: str(v) for k, v in req.get("headers", {}).items()} or None
    secure = bool(req.get("secure", False))
    if "body" in req:
        return client.generic(
            method, url, req["body"],
            content_type=req.get("content_type", "application/octet-stream"),
            secure=secure, headers=headers, **extra,
        )
    if form:
        return client.generic(
            method, url, urlencode(form, doseq=True),
            content_type="application/x-www-form-urlencoded", secure=secure,
            headers=headers, **extra,
        )
    return client.generic(method, url, secure=secure, headers=headers, **extra)


def console_lines(text):
    if text == "":
        return []
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def run_scenario(path):
    scenario = load_scenario(path)
    urls, views = setup_django(scenario)
    install_clock()

    from django.conf import settings
    from django.test import Client

    cookie_name = settings.SESSION_COOKIE_NAME
    create_groups(scenario.get("group", []))
    create_users(scenario.get("user", []))
    auth_listed = AUTH_MIDDLEWARE in settings.MIDDLEWARE
    browsers = {}
    page_tokens = {}  # browser name -> the last CSRF token a page gave it
    out = []
    for number, req in enumerate(scenario["request"], 1):
        if "shell" in req:
            CLOCK.now += int(req.get("advance_clock", 0))
            out.append(run_shell(number, req["shell"], views))
            continue
        if "manage" in req:
            CLOCK.now += int(req.get("advance_clock", 0))
            out.append(run_manage(number, req["manage"]))
            continue
        func = None
        if "view" in req:
            func = views.__dict__.get(req["view"])
            if not callable(func):
                raise ScenarioError(f"request {number}: views has no function {req['view']!r}")
        CLOCK.now += int(req.get("advance_clock", 0))
        name = req.get("browser", "A")
        browser = browsers.setdefault(name, Browser())
        if req.get("restart_browser", False):
            browser.restart()
        source = req.get("cookies_from")
        if source is not None and source != name:
            browser.cookies.update(browsers.get(source, Browser()).cookies)
        for cname, cvalue in req.get("cookies", {}).items():
            browser.put(cname, str(cvalue))
        browser.drop_expired(CLOCK.now)
        cookie_sent = browser.get(cookie_name)

        req = with_csrf_token(
            req, page_tokens.get(name), browser.get(settings.CSRF_COOKIE_NAME),
            csrf_sent_header(settings.CSRF_HEADER_NAME),
        )
        route(urls, func, scenario, views)
        STATE.reset()
        # The test client skips CSRF checks unless told to enforce them (a real browser's
        # requests are checked whenever CsrfViewMiddleware is listed).
        client = Client(raise_request_exception=False, enforce_csrf_checks=True)
        captured = io.StringIO()
        real_stdout = sys.stdout
        sys.stdout = captured
        try:
            response = send(
                client,
                req.get("method", "GET").upper(),
                req.get("path", "/"),
                req.get("query"),
                req.get("form"),
                browser.header(),
                req,
            )
        finally:
            sys.stdout = real_stdout

        for morsel in response.cookies.values():
            browser.apply(morsel, CLOCK.now)
        token = page_token(response.content.decode("utf-8", errors="replace"))
        if token is not None:
            page_tokens[name] = token
        cap = STATE.capture or {
            "modified": False, "accessed": False, "session": {}, "session_key": None,
            "user": None,
        }
        out.append(add_cache({
            "request": number,
            "browser": name,
            "view": req["view"] if "view" in req else resolved_view(req.get("path", "/")),
            "cookie_sent": cookie_sent,
            "status": response.status_code,
            "body": response.content.decode("utf-8", errors="replace"),
            "error": describe_error(),
            "console": console_lines(captured.getvalue()),
            "modified": cap["modified"],
            "accessed": cap["accessed"],
            "session": cap["session"],
            "session_key": cap["session_key"],
            "set_cookie": describe_set_cookie(response, cookie_name, CLOCK.now),
            "vary_cookie": vary_has_cookie(response),
            "store": describe_store(settings.SESSION_ENGINE),
            "jar": browser.snapshot(),
        }, settings.SESSION_ENGINE))
        if auth_listed:
            out[-1]["user"] = cap["user"]
        if response.has_header("Location"):
            out[-1]["location"] = response["Location"]
        if STATE.csrf_failure is not None:
            out[-1]["csrf_failure"] = STATE.csrf_failure
        headers = describe_headers(response)
        if headers:
            out[-1]["headers"] = headers
        others = describe_other_cookies(response, cookie_name, CLOCK.now)
        if others:
            out[-1]["cookies"] = others
    return out


def create_users(users):
    """[[user]] entries become real users, ids from 1, joined at the virtual start."""
    from django.contrib.auth.models import Group, User

    for spec in users:
        user = User.objects.create_user(
            spec["username"],
            password=spec["password"],
            is_staff=spec.get("is_staff", False),
            is_active=spec.get("is_active", True),
            is_superuser=spec.get("is_superuser", False),
        )
        give_permissions(user.user_permissions, spec.get("permissions", []))
        for name in spec.get("groups", []):
            user.groups.add(Group.objects.get(name=name))


def create_groups(groups):
    """[[group]] entries become real groups (ids from 1, in the order written) with their
    permissions."""
    from django.contrib.auth.models import Group

    for spec in groups:
        group = Group.objects.create(name=spec["name"])
        give_permissions(group.permissions, spec.get("permissions", []))


def give_permissions(related, names):
    """"app_label.codename" permissions (made on the spot, with a content type of their
    own) added to a user's user_permissions or a group's permissions."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for name in names:
        app_label, dot, codename = str(name).partition(".")
        if not dot or not app_label or not codename:
            raise ScenarioError(f"permission {name!r} is not 'app_label.codename'")
        ct, _ = ContentType.objects.get_or_create(app_label=app_label, model="learnperms")
        perm, _ = Permission.objects.get_or_create(
            content_type=ct, codename=codename, defaults={"name": codename})
        related.add(perm)


def run_manage(number, command):
    """`manage.py <command>` between requests: its output, error and the store after."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import CommandError

    captured = io.StringIO()
    error = None
    try:
        call_command(command, stdout=captured, stderr=captured)
    except CommandError as e:
        error = {"type": type(e).__name__, "message": str(e), "where": "command", "line": None}
    return add_cache({
        "request": number,
        "manage": command,
        "error": error,
        "console": console_lines(captured.getvalue()),
        "store": describe_store(settings.SESSION_ENGINE),
    }, settings.SESSION_ENGINE)


def run_shell(number, code, views):
    """A shell step: the code as typed into `manage.py shell`, one top-level statement at
    a time in the views module's namespace, compiled as the interactive prompt compiles it
    (so an expression's value other than None is echoed). An exception stops the step."""
    import ast
    from django.conf import settings

    try:
        tree = ast.parse(code, "<console>")
        units = [compile(ast.Interactive(body=[stmt]), "<console>", "single")
                 for stmt in tree.body]
    except SyntaxError as e:
        raise ScenarioError(f"request {number}: the shell code does not compile: {e}")
    captured = io.StringIO()
    error = None
    real_stdout = sys.stdout
    sys.stdout = captured
    try:
        for unit in units:
            try:
                exec(unit, views.__dict__)
            except Exception as e:
                line = None
                tb = e.__traceback__
                while tb is not None:
                    if tb.tb_frame.f_code.co_filename == "<console>":
                        line = tb.tb_lineno
                    tb = tb.tb_next
                error = {"type": type(e).__name__, "message": str(e), "where": "shell",
                         "line": line}
                break
    finally:
        sys.stdout = real_stdout
    return add_cache({
        "request": number,
        "manage": "shell",
        "error": error,
        "console": console_lines(captured.getvalue()),
        "store": describe_store(settings.SESSION_ENGINE),
    }, settings.SESSION_ENGINE)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def scenario_files(args):
    files = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            files.extend(sorted(p.glob("*.toml")))
        elif p.is_file():
            files.append(p)
        else:
            raise SystemExit(f"harness: no such file or directory: {arg}")
    return files


def run_child(path):
    """Run one scenario in a fresh interpreter; return its JSONL text."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--one", str(path)],
        capture_output=True, text=True, encoding="utf-8", env=env,
    )
    if proc.returncode != 0:
        raise ScenarioError(f"{path}: {proc.stderr.strip() or 'failed'}")
    return proc.stdout


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run scenario files in real Django and print their transcripts (JSON Lines).")
    parser.add_argument("paths", nargs="*", metavar="FILE_OR_DIR")
    parser.add_argument("--out", metavar="DIR", help="write DIR/<stem>.jsonl per scenario")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="scenarios run at once (each in its own process)")
    parser.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        try:
            lines = run_scenario(args.one)
        except ScenarioError as e:
            print(e, file=sys.stderr)
            return 2
        for line in lines:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 0

    if not args.paths:
        parser.error("give at least one scenario file or directory")
    files = scenario_files(args.paths)
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)

    def attempt(path):
        try:
            return run_child(path), None
        except ScenarioError as e:
            return None, e

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(attempt, files))
    failed = 0
    for path, (text, error) in zip(files, results):
        if error is not None:
            print(f"harness: {error}", file=sys.stderr)
            failed += 1
            continue
        if args.out:
            (Path(args.out) / f"{path.stem}.jsonl").write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
