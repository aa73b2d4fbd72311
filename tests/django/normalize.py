#!/usr/bin/env python3
"""Normalise session transcripts so two runs (real Django, the simulator) compare.

    python normalize.py [RAW.jsonl ...] [-o OUT.jsonl]    normalise (stdin when no file)
    python normalize.py --compare EXPECTED.jsonl ACTUAL.jsonl

Importable: `normalize_transcript(lines)`, `load_jsonl(path)`, `dump_jsonl(lines)`,
`strict_equal(a, b)`, `differences(expected, actual)`.

THE NORMALISED FORM
===================

Input: a transcript as the contract defines it (JSON Lines, one object per
request, fields `request`, `browser`, `view`, `cookie_sent`, `status`, `body`,
`error`, `console`, `modified`, `accessed`, `session`, `session_key`,
`set_cookie`, `vary_cookie`, `store`, `jar`).  Output: the same objects, same
fields, with these changes and no others.  Each file (one scenario) is
normalised on its own; numbering starts again at 1 for every file.

1. Key positions.  For each line in order, these positions are visited in
   this order:
       cookie_sent, session_key, set_cookie.value,
       store[0].key, store[1].key, ... (in the order the store array has),
       cache[0].key, cache[1].key, ... (cached_db only, likewise),
       jar.sessionid
   A value there that is null or "" is left alone.  Any other string is
   replaced:
   a. If it is a signed value (rule 2), by  "signed:" + PAYLOAD.
   b. Otherwise it is a session key and is renamed "<kN>": the first distinct
      raw string met in the whole file becomes "<k1>", the next new one
      "<k2>", and so on; the same raw string always gets the same name.
      Every such string is renamed, whatever it looks like (also a key the
      scenario put in `cookies`, such as "abc").

2. Signed values.  A string S is a signed value when all of this holds:
   - S split at ":" gives exactly three parts P, T, G, each non-empty;
   - P with one leading "." removed (if there is one) is made only of
     A-Z a-z 0-9 "-" "_", and so is G; T is made only of A-Z a-z 0-9;
   - that P, padded with "=" to a multiple of 4, decodes as URL-safe base64;
     when P had the leading ".", the bytes then zlib-decompress (RFC 1950);
   - the resulting bytes are valid UTF-8.
   PAYLOAD is that UTF-8 text, exactly as decoded: Django's compact JSON of
   the session data (json.dumps with separators (",", ":"), ensure_ascii,
   so e.g. `{"k":"v"}`, `{}`, `{"n":NaN}`).  The timestamp T and the
   signature G are dropped: a tampered signature normalises like the
   original.  E.g. "eyJrIjoidiJ9:1vb3Q0:abc…" -> "signed:{\"k\":\"v\"}".

3. Text positions.  In `body`, in every string of `console`, and in
   `error.message` (when `error` is not null), every occurrence of a raw
   value already replaced under rule 1 (on this line or an earlier one) whose
   length is at least 8 characters is replaced by its replacement (the
   "<kN>" name or the "signed:…" string).  Longer raw values are replaced
   first.  Shorter raw values are not touched inside text.

4. `store` (and `cache`, the same way): each entry's `expires_in` (when a number) is rounded to the
   nearest multiple of 10 seconds, halves going up: floor(x / 10 + 0.5) * 10,
   written as an integer.  Then the array is sorted by its (renamed) key:
   "<kN>" entries by the number N, ascending; any other key after those, in
   plain string order.

5. Auth hashes.  `_auth_user_hash` (an HMAC of the user's password hash, which
   Django salts at random) is compared by presence and stability.  After
   rules 1-4, each line is walked depth-first, fields in the order of FIELDS,
   object members in their order, arrays in order; a non-empty string value
   of a member named `_auth_user_hash`, and each `"_auth_user_hash":"X"` found
   inside a string (a decoded signed payload), registers X.  The first
   distinct X met in the file becomes "<h1>", the next "<h2>", and so on.
   Then every occurrence of a registered X inside any string of the line is
   replaced by its name, longer ones first.  So the same hash on two requests
   compares equal, a changed hash (a new password) gets a new name.

6. The messages cookie.  `jar.messages` and `cookies.messages.value`, when
   they are a signed value (rule 2), become "signed:" + the decoded payload
   (the compressed bytes differ between zlib builds), e.g.
   "signed:[[\"__json_message\",0,25,\"Hi\",\"\"]]".

7. Memory addresses.  In the same text positions as rule 3, after it, every
   " at 0x" followed by hexadecimal digits (an object's default repr, e.g.
   "<django.contrib.auth.models.AnonymousUser object at 0x7f83f60f4cd0>")
   is dropped ("<django.contrib.auth.models.AnonymousUser object>"): the
   address differs between runs, and the simulator may leave it out.

8. CSRF tokens.  The CSRF secret (32 letters and digits, random in Django)
   and the masked tokens pages carry (64 letters and digits: a random mask,
   then the secret shifted by it, so a new value on every render) are
   compared by validity and stability.  After rules 1-7, each line is walked
   depth-first like rule 5, and secrets are registered from: a string member
   named `_csrftoken` or `csrftoken` (the session key, `jar.csrftoken`) or
   any other name with "csrf" or "xsrf" in it in any case (a
   CSRF_COOKIE_NAME), the `value` member of an object member so named
   (`cookies.csrftoken.value`), each `"_csrftoken":"X"` inside a string (a
   decoded signed payload), and every run of exactly 64 letters and digits
   inside any string, unmasked as Django does
   (secret[i] = CHARS[(index(token[32+i]) - index(token[i])) mod 62],
   CHARS = a-z A-Z 0-9).  A registered value of 64 characters is unmasked
   first; only 32-character ones count.  The first distinct secret met in the
   file becomes "<csrf1>", the next "<csrf2>", and so on.  Then in every
   string of the line each maximal run of letters and digits is replaced:
   a run of exactly 64 by "<csrfN:masked>" (N: its unmasked secret's name),
   a run of exactly 32 that is a registered secret by "<csrfN>".  So two
   renders of one secret compare equal, a token that is not valid for the
   secret shows a different name, and a rotated secret a new one.

9. Random UUIDs.  `uuid.uuid4()` is random in Django and seeded in the
   simulator, so its text is compared by stability.  After rules 1-8, each
   line is walked depth-first like rule 5 (object members in their order,
   arrays in order), and in every string each match of
   [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}
   (the hyphenated lowercase form of a version-4 UUID) is replaced by
   "<uuidN>": the first distinct one met in the file becomes "<uuid1>", the
   next "<uuid2>", and so on.  Other UUIDs (a fixed UUID('1234…'), uuid5)
   and other forms (`.hex`) are left as they are.

10. Nothing else changes.  `set_cookie.expires` stays as written: on an exact
   virtual clock it is the HTTP date of now + max_age
   ("Thu, 15 Jan 2026 00:00:00 GMT"; a deletion is
   "Thu, 01 Jan 1970 00:00:00 GMT").  `session`, `store[].data`, `status`,
   flags, `console` lines etc. are compared as they are.

Output: one JSON object per line, fields in the contract's order,
`json.dumps(obj, ensure_ascii=False)` (", " and ": " separators), "\\n" after
every line.  Comparing two normalised transcripts: same number of lines, and
each pair of objects equal as JSON values with types kept (true != 1,
1 != 1.0, "1" != 1), object key order ignored, array order kept.
"""

import base64
import json
import math
import re
import sys
import zlib

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")

FIELDS = [
    "request", "browser", "view", "cookie_sent", "status", "body", "error",
    "console", "modified", "accessed", "session", "session_key", "set_cookie",
    "vary_cookie", "store", "jar", "cache", "manage", "user", "location",
    "csrf_failure",
]
HASH_KEY = "_auth_user_hash"
_HASH_IN_TEXT = re.compile(r'"_auth_user_hash":"([^"\\]+)"')

_B64 = re.compile(r"^[A-Za-z0-9_-]+$")
_B62 = re.compile(r"^[A-Za-z0-9]+$")
_KN = re.compile(r"^<k([0-9]+)>$")
MIN_TEXT_KEY = 8


def signed_payload(value):
    """The decoded payload text of a Django signed value, or None."""
    parts = value.split(":")
    if len(parts) != 3 or not all(parts):
        return None
    payload, stamp, sig = parts
    compressed = payload.startswith(".")
    if compressed:
        payload = payload[1:]
    if not payload or not _B64.match(payload) or not _B64.match(sig) or not _B62.match(stamp):
        return None
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        if compressed:
            raw = zlib.decompress(raw)
        return raw.decode("utf-8")
    except Exception:
        return None


class _Hashes:
    def __init__(self):
        self.map = {}

    def _register(self, value):
        if isinstance(value, str) and value and value not in self.map:
            self.map[value] = f"<h{len(self.map) + 1}>"

    def collect(self, obj):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k == HASH_KEY:
                    self._register(v)
                self.collect(v)
        elif isinstance(obj, list):
            for v in obj:
                self.collect(v)
        elif isinstance(obj, str):
            for found in _HASH_IN_TEXT.findall(obj):
                self._register(found)

    def replace(self, obj):
        if isinstance(obj, dict):
            return {k: self.replace(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.replace(v) for v in obj]
        if isinstance(obj, str):
            for raw in sorted(self.map, key=len, reverse=True):
                if raw in obj:
                    obj = obj.replace(raw, self.map[raw])
            return obj
        return obj


CSRF_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_CSRF_IN_TEXT = re.compile(r'"_csrftoken":"([^"\\]+)"')


def csrf_member(name):
    """Names whose values are CSRF secrets: `_csrftoken`, `csrftoken`, and any name with
    "csrf" or "xsrf" in it in any case (a CSRF_COOKIE_NAME of a scenario)."""
    lower = name.lower()
    return "csrf" in lower or "xsrf" in lower


def csrf_unmask(token):
    """Django's _unmask_cipher_token."""
    mask, cipher = token[:32], token[32:]
    return "".join(
        CSRF_CHARS[(CSRF_CHARS.index(x) - CSRF_CHARS.index(y)) % 62]
        for x, y in zip(cipher, mask)
    )


class _Csrf:
    def __init__(self):
        self.map = {}

    def _register(self, value):
        if not isinstance(value, str) or not _ALNUM_RUN.fullmatch(value):
            return
        if len(value) == 64:
            value = csrf_unmask(value)
        if len(value) == 32 and value not in self.map:
            self.map[value] = f"<csrf{len(self.map) + 1}>"

    def collect(self, obj):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if csrf_member(k):
                    if isinstance(v, dict):
                        self._register(v.get("value"))
                    else:
                        self._register(v)
                self.collect(v)
        elif isinstance(obj, list):
            for v in obj:
                self.collect(v)
        elif isinstance(obj, str):
            for found in _CSRF_IN_TEXT.findall(obj):
                self._register(found)
            for run in _ALNUM_RUN.findall(obj):
                if len(run) == 64:
                    self._register(run)

    def _run(self, m):
        run = m.group(0)
        if len(run) == 64:
            return self.map[csrf_unmask(run)][:-1] + ":masked>"
        if len(run) == 32 and run in self.map:
            return self.map[run]
        return run

    def replace(self, obj):
        if isinstance(obj, dict):
            return {k: self.replace(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.replace(v) for v in obj]
        if isinstance(obj, str):
            return _ALNUM_RUN.sub(self._run, obj)
        return obj


class _Names:
    def __init__(self):
        self.map = {}
        self.count = 0

    def replace(self, value):
        if not isinstance(value, str) or value == "":
            return value
        if value not in self.map:
            payload = signed_payload(value)
            if payload is not None:
                self.map[value] = "signed:" + payload
            else:
                self.count += 1
                self.map[value] = f"<k{self.count}>"
        return self.map[value]

    def in_text(self, text):
        if not isinstance(text, str):
            return text
        for raw in sorted(self.map, key=len, reverse=True):
            if len(raw) >= MIN_TEXT_KEY and raw in text:
                text = text.replace(raw, self.map[raw])
        return ADDRESS.sub("", text)


def _round10(x):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return x
    return int(math.floor(x / 10 + 0.5) * 10)


def _store_order(entry):
    key = entry.get("key")
    m = _KN.match(key) if isinstance(key, str) else None
    return (0, int(m.group(1)), "") if m else (1, 0, str(key))


_UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


class _Uuids:
    def __init__(self):
        self.map = {}

    def _name(self, m):
        raw = m.group(0)
        if raw not in self.map:
            self.map[raw] = f"<uuid{len(self.map) + 1}>"
        return self.map[raw]

    def replace(self, obj):
        if isinstance(obj, dict):
            return {k: self.replace(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.replace(v) for v in obj]
        if isinstance(obj, str):
            return _UUID4.sub(self._name, obj)
        return obj


def normalize_transcript(lines):
    """Return normalised copies of the transcript's objects (see module doc)."""
    names = _Names()
    hashes = _Hashes()
    csrf = _Csrf()
    uuids = _Uuids()
    out = []
    for line in lines:
        line = json.loads(json.dumps(line))  # deep copy
        for field in ("cookie_sent", "session_key"):
            if field in line:
                line[field] = names.replace(line[field])
        if isinstance(line.get("set_cookie"), dict):
            line["set_cookie"]["value"] = names.replace(line["set_cookie"].get("value"))
        store = line.get("store")
        cache = line.get("cache")
        for entries in (store, cache):
            if isinstance(entries, list):
                for entry in entries:
                    entry["key"] = names.replace(entry.get("key"))
        jar = line.get("jar")
        if isinstance(jar, dict) and "sessionid" in jar:
            jar["sessionid"] = names.replace(jar["sessionid"])
        if isinstance(jar, dict) and "messages" in jar:
            payload = signed_payload(jar["messages"]) if isinstance(jar["messages"], str) else None
            if payload is not None:
                jar["messages"] = "signed:" + payload
        own = line.get("cookies")
        if isinstance(own, dict) and isinstance(own.get("messages"), dict):
            value = own["messages"].get("value")
            payload = signed_payload(value) if isinstance(value, str) else None
            if payload is not None:
                own["messages"]["value"] = "signed:" + payload
        if "body" in line:
            line["body"] = names.in_text(line["body"])
        if isinstance(line.get("console"), list):
            line["console"] = [names.in_text(s) for s in line["console"]]
        if isinstance(line.get("error"), dict):
            line["error"]["message"] = names.in_text(line["error"].get("message"))
        for entries in (store, cache):
            if isinstance(entries, list):
                for entry in entries:
                    if "expires_in" in entry:
                        entry["expires_in"] = _round10(entry["expires_in"])
                entries.sort(key=_store_order)
        ordered = {k: line[k] for k in FIELDS if k in line}
        ordered.update({k: v for k, v in line.items() if k not in ordered})
        for v in ordered.values():
            hashes.collect(v)
        ordered = {k: hashes.replace(v) for k, v in ordered.items()}
        for v in ordered.values():
            csrf.collect(v)
        ordered = {k: csrf.replace(v) for k, v in ordered.items()}
        ordered = {k: uuids.replace(v) for k, v in ordered.items()}
        out.append(ordered)
    return out


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(s) for s in f if s.strip()]


def dump_jsonl(lines):
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def strict_equal(a, b):
    """JSON equality with types kept (True != 1, 1 != 1.0); key order ignored."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b))
    return a == b


def differences(expected, actual):
    """Human-readable differences between two normalised transcripts."""
    diffs = []
    if len(expected) != len(actual):
        diffs.append(f"  {len(expected)} requests expected, {len(actual)} found")
    for i, (e, a) in enumerate(zip(expected, actual), 1):
        if strict_equal(e, a):
            continue
        for field in list(dict.fromkeys(list(e) + list(a))):
            ev, av = e.get(field, "<missing>"), a.get(field, "<missing>")
            if field not in e or field not in a or not strict_equal(ev, av):
                diffs.append(f"  request {i}, {field}:")
                diffs.append(f"    expected: {json.dumps(ev, ensure_ascii=False)}")
                diffs.append(f"    actual:   {json.dumps(av, ensure_ascii=False)}")
    return diffs


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description="Normalise or compare session transcripts.")
    parser.add_argument("files", nargs="*")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--compare", action="store_true",
                        help="compare two normalised transcripts: EXPECTED ACTUAL")
    args = parser.parse_args(argv)

    if args.compare:
        if len(args.files) != 2:
            parser.error("--compare takes EXPECTED and ACTUAL")
        diffs = differences(load_jsonl(args.files[0]), load_jsonl(args.files[1]))
        for d in diffs:
            print(d)
        return 1 if diffs else 0

    texts = []
    if not args.files:
        lines = [json.loads(s) for s in sys.stdin if s.strip()]
        texts.append(dump_jsonl(normalize_transcript(lines)))
    for path in args.files:
        texts.append(dump_jsonl(normalize_transcript(load_jsonl(path))))
    text = "".join(texts)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
