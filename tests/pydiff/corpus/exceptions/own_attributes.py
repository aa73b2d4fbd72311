# Built-in exceptions hold attributes a program sets on them, shared by every reference.
e = KeyError("k")
e.note = 1
print(e.note, e, repr(e))
e.note = 2
print(e.note, vars(e), e.__dict__)
del e.note
for attempt in ("read", "delete"):
    try:
        if attempt == "read":
            e.note
        else:
            del e.note
    except AttributeError as a:
        print(attempt, a)

a = AttributeError("x", name="nm", obj=3)
a.name = "other"
print(a.name, a.obj)

try:
    raise e
except KeyError as got:
    got.seen = True
    got.status = 404
print(e.seen, e.status, vars(e))
print(hasattr(e, "seen"), getattr(e, "missing", "default"))
setattr(e, "status", 500)
print(e.status)


class QuotaError(Exception):
    def __init__(self, used):
        super().__init__(f"used {used}")
        self.used = used


q = QuotaError(3)
q.extra = "x"
print(vars(q), q.__dict__ == {"used": 3, "extra": "x"})
print(vars(ValueError()))
