# Dicts built and merged from keys whose class defines __hash__ and __eq__: which key is
# hashed, and which stored hash is reused, shows in the calls printed.
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


show("dict(pairs)", lambda: dict([(K(1), "a"), (K(4), "b"), (K(1), "c")]))
show("dict(list of lists)", lambda: dict([[K(2), 1], [K(5), 2]]))
base = {K(1): 1, K(2): 2}
show("dict(d)", lambda: dict(base))
show("dict(d, x=1)", lambda: dict(base, x=1))
show("copy", lambda: base.copy())
d = dict(base)
show("update(pairs)", lambda: d.update([(K(4), 4), (K(7), 7)]) or d)
show("update(dict)", lambda: d.update({K(1): 10, K(3): 3}) or d)
show("update(kw)", lambda: d.update(z=26) or d)
show("update(bad)", lambda: d.update([(K(8), 8), (1, 2, 3)]))
show("update(not pairs)", lambda: d.update([(K(8), 8), 5]))
print(d)
show("fromkeys(list)", lambda: dict.fromkeys([K(1), K(4), K(1)]))
show("fromkeys(set)", lambda: dict.fromkeys({K(1), K(4)}, 0))
show("fromkeys(dict)", lambda: dict.fromkeys(base, "v"))
show("fromkeys(gen)", lambda: dict.fromkeys((K(i) for i in range(3)), []))
show("{**d}", lambda: {**base})
show("{k: v, **d}", lambda: {K(4): 0, **base})
show("{**d, **e}", lambda: {**base, **{K(4): 4, K(2): 20}})
show("d | e", lambda: base | {K(4): 4, K(2): 20})
e = dict(base)
e |= {K(7): 7}
print(e)
e |= [(K(10), 10)]
print(e)
show("==", lambda: base == {K(2): 2, K(1): 1})
show("!= value", lambda: base != {K(1): 1, K(2): 3})
show("== missing", lambda: base == {K(1): 1, K(5): 2})
show("== same objects", lambda: base == dict(base))
show("list of dicts ==", lambda: [base] == [dict(base)])
show("keys view in", lambda: K(4) in base.keys())
show("items view in", lambda: (K(1), 1) in base.items())
show("items view in (no)", lambda: (K(1), 2) in base.items())
show("dict(**)", lambda: dict(**{K(1): 1}))
