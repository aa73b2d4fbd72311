class Cart:
    """A shopping cart."""
    count = 0
    def __init__(self):
        self.items = {}
        Cart.count += 1
    def add(self, sku, qty=1):
        self.items[sku] = self.items.get(sku, 0) + qty
        return self
    def __len__(self):
        return sum(self.items.values())
    def __iter__(self):
        return iter(sorted(self.items))
    def __contains__(self, sku):
        return sku in self.items
    def __getitem__(self, sku):
        return self.items[sku]
    def __setitem__(self, sku, qty):
        self.items[sku] = qty
    def __delitem__(self, sku):
        del self.items[sku]
    def __bool__(self):
        return bool(self.items)
    def __str__(self):
        return f"Cart({len(self)} items)"
    def __call__(self, sku):
        return self.items.get(sku)
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return True
    def __add__(self, other):
        c = Cart()
        for k in list(self.items) + list(other.items):
            c.add(k, self.items.get(k, 0) + other.items.get(k, 0) - c.items.get(k, 0) if False else 0)
        return c
c = Cart().add("b", 2).add("a")
print(len(c), list(c), "a" in c, c["b"], str(c), c("a"), bool(Cart()), Cart.count, Cart.__doc__)
c["z"] = 5; del c["a"]
print(c.items, [k for k in c], dict.fromkeys(c, 0))
with c as cc:
    print(cc is c)
    raise KeyError("oops")
print("after with")
with Cart() as e:
    pass
try:
    c["missing"]
except KeyError as err:
    print("KeyError", err)
class Base:
    def __init__(self, **kw):
        self.kw = kw
    def hello(self):
        return "base"
    def __repr__(self):
        return f"<{type(self).__name__} {self.kw}>"
class MixinA:
    def hello(self):
        return "A+" + super().hello()
class MixinB:
    def hello(self):
        return "B+" + super().hello()
class Child(MixinA, MixinB, Base):
    pass
ch = Child(x=1)
print(ch.hello(), [k.__name__ for k in Child.__mro__], ch, Child.__bases__)
print(getattr(ch, "kw"), getattr(ch, "nope", "dflt"), hasattr(ch, "hello"), setattr(ch, "y", 2), ch.y)
