from dataclasses import dataclass, field, asdict, astuple, replace, fields
from typing import Optional, List
def paginate(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]
print(list(paginate(list(range(7)), 3)))
def countdown(n):
    try:
        while n > 0:
            got = yield n
            if got:
                n = got
            n -= 1
    finally:
        print("done")
g = countdown(3)
print(next(g), g.send(10), next(g))
g.close()
gen = (x * x for x in range(5) if x % 2)
print(sum(gen), list(gen))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1], (2, 3), "ab")))
def g2():
    x = yield 1
    return x * 2
it = g2(); next(it)
try:
    it.send(21)
except StopIteration as e:
    print("stop", e.value)
try:
    next(it)
except StopIteration as e:
    print("again", repr(e))
print(next(iter([]), "empty"))

@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: List[str] = field(default_factory=list)
    sku: Optional[str] = field(default=None, repr=False)
    def total(self, qty: int = 1) -> float:
        return self.price * qty
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
a = Item("pen", 1.5)
b = Item("pen", 1.5)
print(a, a == b, a is b, asdict(a), astuple(a), a.total(3))
a.tags.append("blue")
print(a, b.tags, replace(a, price=2.0), [f.name for f in fields(Item)])
print(Version(1, 2) < Version(1, 10), sorted([Version(2), Version(1, 5)]), hash(Version(1)) == hash(Version(1)))
try:
    Version(1).major = 3
except Exception as e:
    print(type(e).__name__, e)
try:
    Item()
except TypeError as e:
    print(e)
try:
    Item("a", 1, [], "x", 5)
except TypeError as e:
    print(e)
@dataclass
class Order:
    id: int
    items: list = field(default_factory=list)
    def __post_init__(self):
        self.count = len(self.items)
o = Order(1, [a])
print(o.count, o)
try:
    @dataclass
    class Bad:
        x: list = []
except ValueError as e:
    print(e)

def parse(cmd):
    match cmd.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["get", *things] if things:
            return f"getting {', '.join(things)}"
        case ["quit" | "exit"]:
            return "bye"
        case []:
            return "nothing"
        case _:
            return "unknown"
print([parse(c) for c in ["go north", "get a b", "get", "exit", "", "dance now"]])
def describe(obj):
    match obj:
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} {rest}"
        case Item(name=n, price=p) if p > 1:
            return f"item {n} {p}"
        case Version(major=1):
            return "v1"
        case int() | float() as num if num < 0:
            return "negative"
        case (x, y):
            return f"pair {x} {y}"
        case None:
            return "none"
        case str() as s:
            return f"str {s!r}"
    return "other"
print([describe(x) for x in [{"type": "user", "name": "al", "age": 3}, a, Version(1), -2, (1, 2), None, "hi", 5, [1, 2]]])
try:
    raise ValueError("bad value")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e.args, str(e), repr(e))
class AppError(Exception):
    def __init__(self, msg, code=400):
        super().__init__(msg)
        self.code = code
class NotFound(AppError):
    pass
try:
    raise NotFound("no such page", 404)
except AppError as e:
    print(e, e.code, repr(e), isinstance(e, Exception), e.args)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise AppError("wrapped") from e
except AppError as e:
    print(e, repr(e.__cause__), e.__context__ is e.__cause__)
def risky():
    try:
        return "try"
    finally:
        print("cleanup")
print(risky())
for exc in [KeyError("k"), KeyError(), IndexError("i"), Exception("a", 1), ValueError()]:
    print(repr(exc), str(exc))
try:
    int(None)
except TypeError as e:
    print(e)
try:
    float("x")
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    {}.pop("a")
except KeyError as e:
    print(e)
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    [1].remove(2)
except ValueError as e:
    print(e)
try:
    sum(["a"])
except TypeError as e:
    print(e)
try:
    "%d" % "x"
except TypeError as e:
    print(e)
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)
try:
    "{name}".format(nam=1)
except KeyError as e:
    print(repr(e))
try:
    max([])
except ValueError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    5[0]
except TypeError as e:
    print(e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(e)
try:
    None()
except TypeError as e:
    print(e)
try:
    round("x")
except TypeError as e:
    print(e)
try:
    dict([1, 2])
except TypeError as e:
    print(e)
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print(e)
raise NotFound("final", 404)
