import copy
from collections import Counter, OrderedDict, defaultdict, deque
from dataclasses import dataclass, field

cart = {"items": [{"sku": "a", "qty": 1}], "total": 3, "tags": {"x"}, "seen": (1, 2)}
shallow = copy.copy(cart)
deep = copy.deepcopy(cart)
shallow["items"].append({"sku": "b", "qty": 2})
deep["items"][0]["qty"] = 99
print(cart)
print(shallow is cart, shallow["items"] is cart["items"], deep["items"] is cart["items"])
print(deep, deep["seen"] is cart["seen"], deep["tags"] == cart["tags"], deep["tags"] is cart["tags"])

shared = [1]
pair = [shared, shared]
d = copy.deepcopy(pair)
print(d, d[0] is d[1], d[0] is shared)
loop = [0]
loop.append(loop)
c = copy.deepcopy(loop)
print(c[1] is c, c is loop, c[0])
t = (1, "a", None)
print(copy.deepcopy(t) is t, copy.copy(t) is t)
t2 = (1, [2])
t2c = copy.deepcopy(t2)
print(t2c, t2c is t2, t2c[1] is t2[1])
f = frozenset({3, 1})
print(copy.copy(f) is f, copy.deepcopy(f) is f, copy.deepcopy(f) == f)
s = {5, 3, 100, -1, 8}
print(copy.copy(s), copy.deepcopy(s), copy.copy(s) is s)

dd = defaultdict(list, a=[1])
dd2 = copy.deepcopy(dd)
dd2["b"].append(2)
print(dd, dd2, dd2["a"] is dd["a"], type(copy.copy(dd)).__name__)
print(copy.deepcopy(Counter("aab")), copy.copy(OrderedDict(x=1)), copy.deepcopy(deque([[1]], maxlen=3)))
q = deque([[1], [2]])
q2 = copy.copy(q)
print(q2, q2[0] is q[0], q2 is q)

@dataclass
class Item:
    name: str
    tags: list = field(default_factory=list)

i = Item("pen", ["blue"])
j = copy.copy(i)
k = copy.deepcopy(i)
j.tags.append("cheap")
print(i, j, k, j.tags is i.tags, k.tags is i.tags, k == Item("pen", ["blue"]))

class Box:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print("custom copy")
        return Box(self.v * 2)
b = copy.copy(Box(2))
print(b.v, copy.deepcopy(Box([1])).v)
print(copy.copy(3), copy.deepcopy("s"), copy.copy(None), copy.deepcopy(len) is len, copy.copy(range(3)))
o = object()
print(copy.copy(o) is o, copy.deepcopy([o, o])[0] is o)
for bad in [lambda: copy.deepcopy(x for x in []), lambda: copy.copy(copy), lambda: copy.copy()]:
    try:
        bad()
    except TypeError as e:
        print(e)
