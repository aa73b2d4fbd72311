def f(a, b=2, *, c=3):
    "Doc line."
    return a
print(f.__name__, f.__doc__, f.__defaults__, f.__module__)
f.calls = 0
f.calls += 1
print(f.calls, f.__dict__)
def g():
    pass
print(g.__doc__, g.__defaults__)
g.nope
