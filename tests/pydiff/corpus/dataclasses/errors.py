from dataclasses import dataclass, field, asdict, astuple, FrozenInstanceError, fields
@dataclass
class Item:
    name: str
    qty: int = 1
    tags: list = field(default_factory=list)
for args, kw in [((), {}), (("a", 1, [], 4), {}), (("a",), {"x": 1}), (("a",), {"name": "b"}), ((), {"qty": 2})]:
    try: Item(*args, **kw)
    except TypeError as e: print(e)
print(Item.__init__.__qualname__, Item.__repr__.__qualname__)
print(Item("a"), Item("a") == Item("a"), Item.__hash__, Item.__eq__.__name__)
print(Item.__dataclass_fields__["qty"].default, [f.name for f in fields(Item)])
try:
    @dataclass
    class B:
        a: int = 0
        b: int
except TypeError as e: print(e)
try:
    @dataclass
    class C:
        a: list = []
except ValueError as e: print(e)
@dataclass(frozen=True, order=True)
class F:
    x: int
    y: int = 0
f = F(1)
try: f.x = 2
except FrozenInstanceError as e: print(type(e).__name__, e, isinstance(e, AttributeError))
try: del f.x
except FrozenInstanceError as e: print(type(e).__name__, e)
print(F(1) < F(2), F(1, 2) <= F(1, 2), hash(F(1)) == hash((1, 0)), sorted([F(3), F(1, 5), F(1, 2)]))
try: F(1) < Item("a")
except TypeError as e: print(e)
print(asdict(Item("a", tags=[1])), astuple(Item("a")))
print(Item.__match_args__, F.__doc__, Item.__doc__)
