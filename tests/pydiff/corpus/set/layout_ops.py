# The layout of the results of CPython's set algorithms: a copy is merged (the table grown
# once), & iterates the smaller set, - copies a much bigger set, ^ starts from the other
# operand, set(dict) grows once, starred displays merge a set.
x = set(range(0, 40, 3))
y = set(range(0, 40, 5))
a = set([16] + [17, 9, 0, 12])
print(a, a | {5, 2}, set(a), a.copy(), frozenset(a), {*a}, {1, *a}, {*[16, 17, 9, 0, 12]})
print(x & y, y & x, x - y, y - x, x ^ y, y ^ x, x | y, y | x)
print(x.union(y, [1, 2]), x.intersection(y, range(20)), x.difference(y, [3]))
print(x.symmetric_difference([7, 8, 64]), x.intersection(), x.difference(), x.union())
print(x - {3}, set(range(100)) - {1, 2}, set(range(100)) - set(range(50)))
z = set(x)
z -= {3, 6, 9}
print(z)
z |= {100, 33}
print(z)
z &= set(range(50))
print(z)
z ^= {1, 2, 3}
print(z)
z.intersection_update({1, 2, 30, 33, 36})
print(z, z.pop())
z.symmetric_difference_update(range(10))
print(z)
z.difference_update(range(8))
print(z)
d = {9: 1, 1: 2, 17: 3, 25: 4, 33: 5, 2: 6}
print(set(d), frozenset(d), set(d.keys()), set(d.values()))
big = set(range(100))
big.difference_update(range(90))
print(big)
big.add(1000)
print(big)
t = {1, 2, 3}
print(t & t, t - t, t ^ t, t | t)
e = x ^ x
e.update(y, [18])
print(e)
print(x <= x | y, (x & y) < x, x.isdisjoint({1000}), x == set(sorted(x)))
