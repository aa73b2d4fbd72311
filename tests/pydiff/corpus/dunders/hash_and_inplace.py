class Plain:
    pass


class WithEq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, WithEq) and self.v == other.v


class Hashed(WithEq):
    def __hash__(self):
        return hash(self.v)


class NoHash:
    __hash__ = None


p = Plain()
print(hash(p) == hash(p), {p: 1}[p], p in {p}, len({Plain(), Plain()}))
print(WithEq.__hash__, NoHash.__hash__)
print(hash(Hashed(5)) == hash(5), hash(Hashed(-1)))
for thing in [WithEq(1), NoHash()]:
    for attempt in [lambda: hash(thing), lambda: {thing}, lambda: {thing: 1}]:
        try:
            attempt()
        except TypeError as e:
            print(e)


class Big:
    def __hash__(self):
        return 2 ** 70


class Bad:
    def __hash__(self):
        return "x"


print(hash(Big()))
try:
    hash(Bad())
except TypeError as e:
    print(e)


class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __iadd__(self, other):
        if isinstance(other, int):
            self.xs = [x + other for x in self.xs]
            return self
        return NotImplemented

    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return self.xs == other.xs

    def __lt__(self, other):
        return NotImplemented

    def __repr__(self):
        return f"Vec{tuple(self.xs)}"


a = Vec(1, 2)
b = a
a += 10
print(a, b, a is b)
a += Vec(1, 1)
print(a, b, a is b)
print(sum([Vec(1, 1), Vec(2, 2)]), Vec(1) == Vec(1), Vec(1) == 1, Vec(1) != "x")
print(NotImplemented, type(NotImplemented).__name__, NotImplemented is NotImplemented)
for attempt in [lambda: Vec(1) + 1, lambda: 1 + Vec(1) + 2, lambda: Vec(1) < Vec(2), lambda: "s" + Vec(1)]:
    try:
        attempt()
    except TypeError as e:
        print(e)


class Base:
    def __add__(self, other):
        return "Base.__add__"

    def __radd__(self, other):
        return "Base.__radd__"


class Derived(Base):
    def __radd__(self, other):
        return "Derived.__radd__"


class Same(Base):
    pass


print(Base() + Derived(), Derived() + Base(), Base() + Same(), Base() + Base())


class Acc:
    def __init__(self):
        self.n = 0

    def __add__(self, other):
        r = Acc()
        r.n = self.n + other
        print("add makes a new one")
        return r


x = Acc()
y = x
x += 5
print(x.n, y.n, x is y)
c = Vec(1)
c -= 1
