items = [1, 2, 3, 4]
r = reversed(items)
print(type(r).__name__, repr(r)[:30].split(" at ")[0])
print(next(r))
items.append(5)
print(list(r))
r2 = reversed(items)
print(next(r2), next(r2))
items.clear()
print(list(r2), next(r2, "empty"))
big = reversed(range(10 ** 18))
print(type(big).__name__, next(big), next(big))
print(list(reversed(range(2, 20, 3))), list(reversed(range(5, -5, -2))), list(reversed(range(0))))
r3 = reversed([9, 8])
print(iter(r3) is r3, list(r3), list(r3))
print(list(reversed("abc")), list(reversed((1, 2))), list(reversed({"a": 1, "b": 2})))
shrink = [1, 2, 3, 4, 5]
r4 = reversed(shrink)
print(next(r4))
del shrink[1:]
print(list(r4))
for bad in [5, {1, 2}, None]:
    try:
        reversed(bad)
    except TypeError as e:
        print(e)
