from typing import NamedTuple, Optional, List
import json

class Item(NamedTuple):
    """A cart line."""
    name: str
    qty: int = 1
    price: float = 0.0
    tags: Optional[List[str]] = None

    def total(self):
        return self.qty * self.price

    @property
    def label(self):
        return f"{self.name} x{self.qty}"

i = Item("apple", 3, 0.5)
print(i, i.total(), i.label, Item.__doc__)
print(Item._fields, Item._field_defaults)
print(Item.__annotations__)
print(i._replace(qty=5), i._asdict(), Item._make(["pear", 2, 1.5, ["x"]]))
print(json.dumps(i), json.dumps({"item": i}))
print(isinstance(i, tuple), Item.__bases__, Item.__mro__, len(i), i[0], list(i))
name, qty, price, tags = i
print(name, qty, price, tags, i == ("apple", 3, 0.5, None), hash(i) == hash(("apple", 3, 0.5, None)))
print(repr(Item), Item.__name__, Item.__qualname__, Item.__module__)
class Sub(Item):
    def total(self):
        return super().total() * 2
s = Sub("kiwi", 2, 1.0)
print(s, s.total(), type(s).__name__)
try:
    i.qty = 4
except AttributeError as e:
    print("AttributeError", e)
try:
    Item()
except TypeError as e:
    print("TypeError", e)
try:
    Item("a", 1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
try:
    class Bad(NamedTuple):
        a: int = 0
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    class Bad2(NamedTuple):
        a: int = 0
        c: str = ""
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    class Bad3(NamedTuple):
        x: int
        def _asdict(self): return {}
except AttributeError as e:
    print("AttributeError", e)
try:
    class Bad4(NamedTuple):
        _x: int
except ValueError as e:
    print("ValueError", e)
try:
    class Bad5(NamedTuple):
        x: (1, 2)
except TypeError as e:
    print("TypeError", e)
class Empty(NamedTuple):
    pass
print(Empty(), Empty._fields)
class Outer:
    class Inner(NamedTuple):
        v: int
print(Outer.Inner(1), Outer.Inner.__qualname__)
class WithEq(NamedTuple):
    a: int
    def __eq__(self, o): return True
print(WithEq(1) == 5, hash(WithEq(1)) == hash((1,)))
P = NamedTuple("P", [("x", int), ("y", "Foo")])
print(P(1, 2), P.__annotations__)
Q = NamedTuple("Q", x=int, y=None)
print(Q(1, 2), Q.__annotations__)
class Plain(NamedTuple):
    x: int
    y: int
    z = 5
print(Plain(1, 2), Plain.z, Plain._fields)
print(Item("a"))
