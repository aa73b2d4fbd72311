from dataclasses import dataclass, field, asdict, astuple, replace, fields, is_dataclass, FrozenInstanceError
from typing import ClassVar, List, Optional
import json

@dataclass
class CartItem:
    product_id: int
    name: str
    price: float = 0.0
    quantity: int = 1
    tags: List[str] = field(default_factory=list)
    note: Optional[str] = field(default=None, repr=False)
    TAX: ClassVar[float] = 0.2

    def total(self):
        return self.price * self.quantity

@dataclass()
class Cart:
    items: List[CartItem] = field(default_factory=list)
    owner: str = "guest"
    count: int = field(init=False, default=0)

    def __post_init__(self):
        self.count = len(self.items)

c = Cart([CartItem(1, "apple", 0.5, 3), CartItem(2, "pear", price=1.25)])
print(c)
print(asdict(c))
print(astuple(c))
print(json.dumps(asdict(c), sort_keys=True))
print(c.items[0].total(), CartItem.TAX, [f.name for f in fields(CartItem)])
print(is_dataclass(c), is_dataclass(Cart), is_dataclass(3))
print(replace(c.items[0], quantity=10))
try:
    replace(c, count=3)
except ValueError as e:
    print("ValueError", e)
try:
    json.dumps(c.items[0])
except TypeError as e:
    print("TypeError", e)
print(CartItem(1, "a") == CartItem(1, "a"), CartItem(1, "a") == CartItem(1, "b"), CartItem(1, "a") != (1, "a"))
try:
    {CartItem(1, "a")}
except TypeError as e:
    print("TypeError", e)

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print({p, Point(1, 2)}, {p: "here"}[Point(1, 2)])
try:
    p.x = 5
except AttributeError as e:
    print(type(e).__name__, e)

@dataclass
class Base:
    a: int
    b: str = "b"

@dataclass
class Child(Base):
    c: float = 1.0
    a: int = 7

print(Child(), Child(1, "x", 2.0), Child.__match_args__)

@dataclass
class Node:
    value: int
    next: "Optional[Node]" = None
n = Node(1)
n.next = n
print(n)

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(2), Version(1, 5), Version(1, 2)]), Version(1) < Version(1, 1), max(Version(3), Version(2, 9)))
try:
    Version(1) < 3
except TypeError as e:
    print("TypeError", e)

match Point(0, 3):
    case Point(0, y):
        print("on the y axis at", y)

@dataclass(unsafe_hash=True)
class H:
    k: str
print(hash(H("a")) == hash(("a",)))

@dataclass
class WithRepr:
    x: int
    def __repr__(self):
        return f"<W {self.x}>"
print(WithRepr(3), [WithRepr(4)])

@dataclass(eq=False)
class NoEq:
    x: int
print(NoEq(1) == NoEq(1), NoEq(1).__class__.__name__)
print(Cart.__doc__)
print(CartItem.__doc__)
try:
    @dataclass(order=True, eq=False)
    class Bad:
        x: int
except ValueError as e:
    print("ValueError", e)
try:
    @dataclass(frozen=True)
    class FrozenChild(Base):
        z: int = 0
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Bad2:
        x: dict = {}
except ValueError as e:
    print("ValueError", e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError", e)
@dataclass
class S:
    self: int
    other: int = 2
print(S(1), S(self=3))
Point(1, 2).x = 3
