# functools.cached_property: computed on first read, then kept on the instance.
from functools import cached_property

calls = []


class Cart:
    def __init__(self, items):
        self.items = items

    @cached_property
    def total(self):
        "The sum of the prices."
        calls.append("total")
        return sum(price for _, price in self.items)

    @cached_property
    def count(self):
        calls.append("count")
        return len(self.items)


c = Cart([("pen", 3), ("ink", 7)])
print(c.total, c.total, c.count, calls)
print(vars(c))
c.items.append(("pad", 5))
print(c.total)
del c.total
print(c.total, calls)
c.count = 99
print(c.count, calls)
print(type(Cart.total).__name__, Cart.total.attrname, Cart.total.__doc__, Cart.total.func.__name__)
d = Cart([])
print(d.total, calls)


class Sub(Cart):
    @cached_property
    def label(self):
        return f"{self.count} items"


s = Sub([("a", 1)])
print(s.label, s.total, sorted(vars(s)))

try:
    class Twice:
        a = cached_property(lambda self: 1)
        b = a
except RuntimeError as e:
    print("RuntimeError:", e)

loose = cached_property(lambda self: 1)
try:
    loose.attrname
    print(loose.attrname)
except AttributeError as e:
    print(e)


class Fails:
    @cached_property
    def value(self):
        raise ValueError("not yet")


f = Fails()
for _ in range(2):
    try:
        f.value
    except ValueError as e:
        print("ValueError:", e, vars(f))
print(Fails().value)
