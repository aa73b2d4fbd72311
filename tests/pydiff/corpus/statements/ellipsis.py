# The Ellipsis value: its repr, type, identity, and where it is used.
x = ...
print(x, repr(...), str(...), type(...), ... is Ellipsis, ... == Ellipsis, x is ..., bool(...))
print([..., 1], (...,), {...: 'e'}[Ellipsis], f'{...}', '%s' % (...,), type(...).__name__)
print(... != 1, ... == None, hash(...) == hash(Ellipsis), isinstance(..., type(...)))
def f(a=...):
    return a is ...
print(f(), f(1), list[...], tuple[int, ...])
try:
    ... + 1
except TypeError as e:
    print(e)
try:
    len(...)
except TypeError as e:
    print(e)
try:
    ....foo
except AttributeError as e:
    print(e)
