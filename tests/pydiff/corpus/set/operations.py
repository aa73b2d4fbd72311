a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a <= b, {1} < a, a >= {1, 2}, a.issubset(range(10)), a.isdisjoint({9}))
