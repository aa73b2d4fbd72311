class Cart:
    "A cart."
    tax = 0.2
    count = 0
    def __init__(self, owner):
        self.owner = owner
        self.items = []
        Cart.count += 1
    def add(self, item, qty=1):
        self.items.append((item, qty))
        return self
    @property
    def size(self):
        return sum(q for _, q in self.items)
    @property
    def label(self):
        return self._label
    @label.setter
    def label(self, v):
        self._label = v.upper()
    @staticmethod
    def help():
        return "static help"
    @classmethod
    def make(cls, owner):
        return cls(owner)
    def __len__(self):
        return len(self.items)
    def __repr__(self):
        return f"Cart({self.owner!r}, {len(self)} items)"
    def __str__(self):
        return f"cart of {self.owner}"
    def __eq__(self, other):
        return isinstance(other, Cart) and self.owner == other.owner
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, item):
        return any(i == item for i, _ in self.items)
    def __getitem__(self, i):
        return self.items[i]
c = Cart("ann").add("apple").add("pear", 3)
print(c, repr(c), [c], {"c": c}, (c,))
print(c.size, len(c), c.tax, Cart.tax, Cart.count, Cart.help(), c.help())
c.label = "vip"
print(c.label, "apple" in c, "kiwi" in c, c[1], bool(c))
for item, qty in c:
    print(item, qty)
d = Cart.make("ann")
print(d == c, d != c, d is c, type(d).__name__, isinstance(d, Cart), type(d) is Cart)
print(Cart.__name__, Cart.__doc__, Cart.__qualname__, c.__dict__ if False else sorted(vars(c) if False else c.__dict__))
class Special(Cart):
    def __init__(self, owner, code):
        super().__init__(owner)
        self.code = code
    def add(self, item, qty=1):
        super().add(item, qty * 2)
        return self
    def __repr__(self):
        return "Special:" + super().__repr__()
s = Special("bo", 7).add("x")
print(s, repr(s), s.size, isinstance(s, Cart), isinstance(c, Special), Special.count)
print(Special.__bases__, Special.__mro__)
class Empty:
    pass
e = Empty()
e.x = 5
print(e.x, type(e), Empty)
try:
    c.nothing
except AttributeError as err:
    print(err)
try:
    Empty(1)
except TypeError as err:
    print(err)
try:
    c.size = 3
except AttributeError as err:
    print(err)
class OutOfStock(ValueError):
    pass
try:
    raise OutOfStock("no apples")
except ValueError as err:
    print(type(err).__name__, err)
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as err:
    print(err)
