class Cart:
    def __init__(self):
        self.items = []

for target in [None, "abc", 3, [1], Cart()]:
    try:
        target.missing
    except AttributeError as e:
        print(e.name, type(e.obj).__name__, e.obj is target, e.args)

try:
    undefined_thing
except NameError as e:
    print(e.name, e.args)

def f():
    print(x)
    x = 1

try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e.name, isinstance(e, NameError))

e = AttributeError("made by hand")
print(e.name, e.obj, e.args)
n = NameError("by hand")
print(n.name)
try:
    raise AttributeError
except AttributeError as e:
    print(e.name, e.obj, e.args)

for args in [(), (3,), ("bye",), (1, 2)]:
    s = SystemExit(*args)
    print(repr(s.code), s.args)
try:
    raise SystemExit(2)
except SystemExit as e:
    print("exit", e.code)

class Missing(KeyError):
    pass
try:
    raise Missing("k")
except LookupError as e:
    print(type(e).__name__, e.args, str(e))
try:
    print(KeyError("k").name)
except AttributeError as e:
    print(e)
