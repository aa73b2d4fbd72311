from collections import namedtuple

t = (1, 2, 3)
r = reversed(t)
print(type(r).__name__, repr(r).startswith("<reversed object at 0x"), next(r), list(r), list(r))
s = reversed("héllo")
print(type(s).__name__, repr(s).startswith("<reversed object at 0x"), "".join(s))
print(list(reversed("")), list(reversed(())))
d = {"a": 1, "b": 2, "c": 3}
for view in [d, d.keys(), d.values(), d.items()]:
    it = reversed(view)
    print(type(it).__name__, repr(it).startswith("<%s object at 0x" % type(it).__name__), list(it))
it = reversed(d)
print(next(it))
d["b"] = 20
print(next(it))
d["z"] = 0
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    next(it)
except RuntimeError as e:
    print("again RuntimeError:", e)
d = {"a": 1, "b": 2, "c": 3}
it = reversed(d)
print(next(it))
del d["b"]
d["b"] = 0
print(list(it))
d = {"a": 1}
it = reversed(d)
print(list(it))
d["x"] = 2
print(list(it), next(it, "done"))
e = {}
it = reversed(e)
e["k"] = 1
try:
    print(list(it))
except RuntimeError as err:
    print("RuntimeError:", err)
P = namedtuple("P", "x y")
print(list(reversed(P(1, 2))), type(reversed(P(1, 2))).__name__)
for ch in reversed("abc"):
    print(ch, end="")
print()
d = {"a": 1, "b": 2}
for k in reversed(d):
    d[k + k] = 0
