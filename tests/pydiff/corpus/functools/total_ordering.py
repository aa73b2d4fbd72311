# functools.total_ordering fills in the comparisons a class leaves out.
from functools import total_ordering


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a > b, a <= b, a >= b, a <= c, a >= c, a > c, a == c, a != b)
print(sorted([b, a, Version(0, 9)]), max(a, b), min([b, a]))
print(Version.__gt__.__name__, Version.__gt__.__qualname__, Version.__gt__.__doc__)
print(Version.__le__.__doc__)
print(Version.__ge__.__doc__, Version.__ge__.__module__)
try:
    a > 3
except TypeError as e:
    print(e)


@total_ordering
class Score:
    def __init__(self, n):
        self.n = n

    def __ge__(self, other):
        return self.n >= other.n

    def __le__(self, other):
        return self.n <= other.n


s, t = Score(3), Score(5)
print(s < t, s > t, s <= t, s >= t, Score.__lt__.__qualname__, Score.__gt__.__qualname__)
print(Score.__gt__.__doc__)


@total_ordering
class Gt:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        return self.n > other.n


print(Gt(1) < Gt(2), Gt(1) >= Gt(2), Gt(2) <= Gt(2), Gt.__lt__.__doc__)


class Base:
    def __lt__(self, other):
        return id(self) < id(other)


@total_ordering
class Child(Base):
    pass


print(Child.__gt__.__qualname__, Child.__lt__ is Base.__lt__)
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError:", e)
try:
    total_ordering()
except TypeError as e:
    print(e)


@total_ordering
class Broken:
    __lt__ = None


# The error comes from inside the comparison total_ordering wrote: it names this line.
Broken() > Broken()
