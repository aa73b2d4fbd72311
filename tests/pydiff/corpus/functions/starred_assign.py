first, *rest = [1, 2, 3, 4]
*init, last = 'abc'
a, *mid, z = (1, 2)
print(first, rest, init, last, a, mid, z)
for x, *ys in [(1, 2, 3), (4,)]:
    print(x, ys)
print([*rest, *'xy'], (*rest,), sorted({*rest, 0}))
print({**{'a': 1}, 'b': 2, **{'a': 3}})
try:
    print([*5])
except TypeError as e:
    print(e)
try:
    print({**5})
except TypeError as e:
    print(e)
a, *b, c = [1]
