class Product:
    tax = 0.2
    def __init__(self, name, price, qty=1):
        self.name = name
        self._price = price
        self.qty = qty
    @property
    def price(self):
        return self._price
    @price.setter
    def price(self, v):
        if v < 0:
            raise ValueError("price must be >= 0")
        self._price = v
    @property
    def total(self):
        return round(self._price * self.qty * (1 + self.tax), 2)
    @classmethod
    def from_dict(cls, d):
        return cls(**d)
    @staticmethod
    def slugify(s):
        return s.lower().replace(" ", "-")
    def __repr__(self):
        return f"Product(name={self.name!r}, price={self._price:.2f})"
    def __eq__(self, other):
        if not isinstance(other, Product):
            return NotImplemented
        return (self.name, self._price) == (other.name, other._price)
    def __hash__(self):
        return hash((self.name, self._price))
    def __lt__(self, other):
        return self._price < other._price

p = Product("Green Tea", 3.5, 4)
print(p, p.total, Product.slugify("Green Tea Big"))
q = Product.from_dict({"name": "Coffee", "price": 5})
print(repr(q), q == p, q != p, p == 3, sorted([q, p]))
print(len({p, Product("Green Tea", 3.5)}))
try:
    p.price = -1
except ValueError as e:
    print("error:", e)
try:
    p.total = 3
except AttributeError as e:
    print(e)
try:
    del p.total
except AttributeError as e:
    print(e)
class Special(Product):
    tax = 0.1
    def __init__(self, name, price, discount):
        super().__init__(name, price)
        self.discount = discount
    @property
    def total(self):
        return super().total - self.discount
    def __repr__(self):
        return "Special:" + super().__repr__()
s = Special("X", 10, 1)
print(s, s.total, isinstance(s, Product), issubclass(Special, Product), Special.__mro__)
print(Special.__name__, Special.__qualname__, type(s).__name__, s.__class__)
print(type(Product.price))
print(vars(s))
try:
    Product()
except TypeError as e:
    print(e)
try:
    Product("a", 1, 2, 3)
except TypeError as e:
    print(e)
try:
    Product("a", 1, quantity=3)
except TypeError as e:
    print(e)
try:
    Special("a", 1)
except TypeError as e:
    print(e)
try:
    p.nme
except AttributeError as e:
    print(e)
try:
    Product.nme
except AttributeError as e:
    print(e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    {p, [1]}
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
try:
    [1] * "a"
except TypeError as e:
    print(e)
try:
    p < None
except TypeError as e:
    print(e)
try:
    None.x
except AttributeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    x = {"a": 1}["b"]
except KeyError as e:
    print(e, repr(e))
try:
    [1, 2][5]
except IndexError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    p()
except TypeError as e:
    print(e)
try:
    "abc".foo()
except AttributeError as e:
    print(e)
try:
    import nonexistent_mod
except ImportError as e:
    print(type(e).__name__, e)
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        """Celsius."""
        return self._c
    @c.setter
    def c(self, v):
        self._c = v
    @c.deleter
    def c(self):
        print("deleting")
        del self._c
t = Temp()
t.c = 5
print(t.c, Temp.c.fset is not None, Temp.c.fdel is not None, Temp.c.__doc__)
del t.c
print(hasattr(t, "_c"), vars(t))
try:
    t.c
except AttributeError as e:
    print(e)
