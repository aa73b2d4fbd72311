# Set operators and methods on elements whose class defines __hash__ and __eq__: which set
# is iterated, which is looked up and which elements are hashed again show in the calls.
# (A merge into a set that CPython presizes may lay it out otherwise here: those print sorted.)
class K:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        print("  eq", self.n, getattr(other, "n", other))
        return isinstance(other, K) and self.n == other.n

    def __hash__(self):
        print("  hash", self.n)
        return self.n % 4

    def __lt__(self, other):
        return self.n < other.n

    def __repr__(self):
        return f"K({self.n})"


def show(label, f):
    print(label)
    try:
        print(" ->", f())
    except Exception as e:
        print(" ->", type(e).__name__, e)


print("build a")
a = {K(1), K(2), K(5)}
print("build b")
b = {K(5), K(3), K(9)}
print(a, b)
show("a | b", lambda: sorted(a | b))
show("a & b", lambda: a & b)
show("b & a", lambda: b & a)
show("a - b", lambda: a - b)
show("a ^ b", lambda: sorted(a ^ b))
show("a <= b", lambda: a <= b)
show("a < a|b", lambda: a < (a | b))
show("a >= {K(1)}", lambda: a >= {K(1)})
show("a > a", lambda: a > a)
show("a == copy", lambda: a == set(a))
show("a == other objects", lambda: a == {K(1), K(2), K(5)})
show("a != b", lambda: a != b)
show("union(list, gen)", lambda: a.union([K(3)], (K(i) for i in (6, 2))))
show("intersection(list)", lambda: a.intersection([K(5), K(6), K(1)]))
show("intersection(b, list)", lambda: a.intersection(b, [K(5)]))
show("difference(list)", lambda: a.difference([K(2)]))
show("difference(b, list)", lambda: a.difference(b, [K(1)]))
show("symmetric_difference(list)", lambda: a.symmetric_difference([K(2), K(7)]))
show("issubset(list)", lambda: {K(1)}.issubset([K(9), K(1)]))
show("issuperset(list)", lambda: a.issuperset([K(1), K(3), K(2)]))
show("isdisjoint(b)", lambda: a.isdisjoint(b))
show("isdisjoint(list)", lambda: a.isdisjoint([K(3), K(7)]))
show("frozenset | set", lambda: sorted(frozenset(a) | b))
show("frozenset & list", lambda: frozenset(a).intersection([K(1)]))
c = set(a)
c.update([K(13)], {K(8)})
print(c)
c.difference_update([K(13)])
print(c)
c.intersection_update({K(1), K(8), K(2)}, [K(2), K(8)])
print(c)
c.symmetric_difference_update([K(8), K(4)])
print(c)
c |= {K(20)}
c &= {K(20), K(2), K(4)}
c -= {K(4)}
c ^= {K(7), K(2)}
print(c)
print("sorted", sorted({K(6), K(2), K(11), K(3)}))
print("order", {K(7), K(3), K(4), K(1)}, frozenset({K(10), K(4)}))
print("pop")
p = {K(7), K(3)}
print(p.pop(), p)
print(set([K(1), K(5)]) == {K(1), K(5)})
show("set(dict)", lambda: set({K(1): 1, K(5): 2}))
show("frozenset(set)", lambda: frozenset(a))
show("hash(frozenset)", lambda: hash(frozenset({K(1)})) == hash(frozenset({K(1)})))
show("frozenset key", lambda: {frozenset({K(1)}): "fs"}[frozenset({K(1)})])
