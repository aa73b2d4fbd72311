# Counter, defaultdict, OrderedDict, list/tuple/deque searches and groupby with keys whose
# class defines __hash__ and __eq__.
import collections
import itertools


class K:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        print("  eq", self.n, getattr(other, "n", other))
        return isinstance(other, K) and self.n == other.n

    def __hash__(self):
        print("  hash", self.n)
        return self.n % 3

    def __repr__(self):
        return f"K({self.n})"


def show(label, f):
    print(label)
    try:
        print(" ->", f())
    except Exception as e:
        print(" ->", type(e).__name__, e)


c = collections.Counter([K(1), K(4), K(1)])
print("repr")
print(c)
show("c[k]", lambda: c[K(4)])
show("c[missing]", lambda: c[K(7)])
show("most_common", lambda: c.most_common(1))
c.update([K(4)])
c.subtract([K(1)])
show("after", lambda: sorted(c.items(), key=lambda kv: kv[0].n))
show("c + c", lambda: sorted((c + c).items(), key=lambda kv: kv[0].n))
show("c == c2", lambda: c == collections.Counter({K(1): 1, K(4): 2}))
del c[K(9)]
del c[K(1)]
show("len", lambda: len(c))
dd = collections.defaultdict(list)
dd[K(2)].append("a")
dd[K(5)].append("b")
dd[K(2)].append("c")
show("defaultdict", lambda: dict(dd))
od = collections.OrderedDict([(K(1), 1), (K(2), 2)])
od[K(3)] = 3
od.move_to_end(K(1))
show("OrderedDict", lambda: len(od))
xs = [K(1), K(2), K(3), K(2)]
show("index", lambda: xs.index(K(2)))
show("index start", lambda: xs.index(K(2), 2))
show("index missing", lambda: xs.index(K(9)))
show("count", lambda: xs.count(K(2)))
xs.remove(K(2))
show("removed", lambda: xs)
t = (K(1), 5, K(1))
show("tuple index", lambda: t.index(K(1), 1))
show("tuple count", lambda: t.count(K(1)))
dq = collections.deque([K(3), K(6)])
show("deque count", lambda: dq.count(K(6)))
dq.remove(K(6))
show("deque", lambda: list(dq))
keys = [g for g, _ in itertools.groupby([K(1), K(1), K(2)])]
show("groupby", lambda: keys)
