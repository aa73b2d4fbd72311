_missing = object()
d = {"a": None}
print(d.get("a", _missing) is _missing, d.get("b", _missing) is _missing)
o = object()
other = object()
print(o == o, o != other, o is not other, bool(o), type(o).__name__, isinstance(o, object))
print(type(o) is object, type(o) == object, isinstance(3, type(o)))
print(str(o) == repr(o), repr(o).startswith("<object object at 0x"))
s = {o, other, o}
print(o in s, len(s), {o: 1}[o], [o, other].index(other))
for action in ["set", "get", "len", "lt", "call", "iter", "args"]:
    try:
        if action == "set":
            o.x = 1
        elif action == "get":
            o.x
        elif action == "len":
            len(o)
        elif action == "lt":
            o < other
        elif action == "call":
            o()
        elif action == "iter":
            iter(o)
        else:
            object(1)
    except (AttributeError, TypeError) as e:
        print(action, type(e).__name__, e)
def first(items, default=_missing):
    for item in items:
        return item
    if default is _missing:
        raise LookupError("empty and no default")
    return default
print(first([3]), first([], None))
try:
    first([])
except LookupError as e:
    print(e)
