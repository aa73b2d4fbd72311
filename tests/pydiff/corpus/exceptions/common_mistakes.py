class Cart:
    def add(self, sku, qty=1):
        return sku
    def clear():
        pass
    @classmethod
    def make(cls, n):
        return cls()
    @staticmethod
    def util(a, *, b):
        return a
c = Cart()
tests = [
    lambda: c.add(),
    lambda: c.add(1, 2, 3),
    lambda: c.add(1, qty=2, sku=3),
    lambda: c.add(1, color="red"),
    lambda: c.clear(),
    lambda: Cart.add(1),
    lambda: Cart.make(),
    lambda: Cart.util(1),
    lambda: Cart.util(1, 2),
    lambda: Cart.util(1, b=2, c=3),
    lambda: Cart(1),
    lambda: len(c),
    lambda: c[0],
    lambda: c + 1,
    lambda: -c,
    lambda: c < c,
    lambda: iter(c),
    lambda: c(),
    lambda: hash([]),
    lambda: {}[[]],
    lambda: set([[1]]),
    lambda: sorted([1, "a"]),
    lambda: max(1, "a"),
    lambda: "abc" * 2.0,
    lambda: [1, 2] + (3,),
    lambda: {1: 2} + {3: 4},
    lambda: "x".join([1, 2]),
    lambda: "%s %s" % (1,),
    lambda: int("3.5"),
    lambda: int([]),
    lambda: float([]),
    lambda: list(5),
    lambda: tuple(None),
    lambda: dict(a=1)["b"],
    lambda: getattr(c, "zzz"),
    lambda: c.zzz(),
    lambda: Cart.zzz,
    lambda: [].zzz,
    lambda: "s".zzz,
    lambda: (1).zzz,
    lambda: str.zzz,
    lambda: None + 1,
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: 2 ** -1 / 0,
    lambda: divmod(1, 0),
    lambda: [1][1.0],
    lambda: "abc"["a"],
    lambda: {"a": 1}.get(),
    lambda: [].append(),
    lambda: [].append(1, 2),
    lambda: "a".split(1),
    lambda: "a".startswith(1),
    lambda: print(sep=1),
    lambda: range(1.5),
    lambda: range(0, 10, 0),
    lambda: chr(-1),
    lambda: ord("ab"),
    lambda: isinstance(1, 1),
    lambda: issubclass(1, int),
    lambda: abs("a"),
    lambda: sum(1),
    lambda: zip(1),
    lambda: enumerate(1),
    lambda: next([]),
    lambda: "{:d}".format("a"),
    lambda: "{:.2f}".format("a"),
    lambda: f"{'a':d}",
    lambda: format(1, "z"),
    lambda: [1, 2, 3].index(5),
    lambda: (1, 2).index(5),
    lambda: "abc".index("z", 1),
    lambda: list.append(1, 2),
    lambda: super(),
    lambda: object().x,
    lambda: type("a", 1),
    lambda: int("12", 1),
    lambda: round(1, "a"),
    lambda: bytes("a"),
    lambda: b"a" + "b",
    lambda: [] < {},
    lambda: 1 < None,
    lambda: None < None,
    lambda: "a" < 1,
    lambda: {1} < [1],
    lambda: frozenset() | [],
    lambda: {}.update(1),
    lambda: {}.update([1]),
    lambda: dict([(1, 2, 3)]),
    lambda: [].sort(key=1),
    lambda: sorted([3, 1], key=lambda: 0),
    lambda: (lambda x: x)(),
    lambda: (lambda x: x)(1, 2),
    lambda: (lambda *, k: k)(1),
]
for i, t in enumerate(tests):
    try:
        t()
        print(i, "no error")
    except Exception as e:
        print(i, type(e).__name__, e)
def f1():
    return super()
def f2(*args):
    return super()
def f3(x):
    return super()
class K:
    def m(self):
        del self
        return super()
    def n():
        return super()
    def o(*a):
        return super()
for t in [f1, f2, lambda: f3(1), lambda: K().m(), K.n, lambda: K().o()]:
    try:
        t()
    except RuntimeError as e:
        print(e)
super()
