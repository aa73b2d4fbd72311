def kw(a, /, b, *, c, d=4, **rest):
    return (a, b, c, d, rest)
print(kw(1, 2, c=3, e=5))
print(kw(1, b=2, c=3))
def f(a, b=1, *, c):
    pass
for call in [lambda: f(), lambda: f(1, 2, 3), lambda: f(1, c=1, e=3), lambda: f(1, a=2, c=3), lambda: f(1, 2, 3, c=1), lambda: f(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
def g(a, /, b):
    pass
try:
    g(a=1, b=2)
except TypeError as e:
    print(e)
def kwo(*, key=None):
    return key
print(kwo(key=5), kwo())
kwo(1)
