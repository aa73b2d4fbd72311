# __slots__: an instance holds only the slots' names, and has no __dict__ unless a slot is
# "__dict__" or a class it derives from has no __slots__.
class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount):
        self.amount = amount


m = Money(3)
print(m.amount)
for name in ("currency", "other"):
    try:
        print(getattr(m, name))
    except AttributeError as e:
        print("read", e)
try:
    m.other = 1
except AttributeError as e:
    print("set", e)
m.currency = "EUR"
print(m.currency, hasattr(m, "__dict__"))
try:
    vars(m)
except TypeError as e:
    print("vars", e)


class Cents(Money):
    __slots__ = "cents"


c = Cents(1)
c.cents = 100
try:
    c.note = "x"
except AttributeError as e:
    print("set", e)


class Loose(Money):
    pass


lo = Loose(2)
lo.note = "kept"
print(vars(lo))


class Open:
    __slots__ = ["x", "__dict__"]


o = Open()
o.x = 1
o.y = 2
print(o.x, vars(o))
try:

    class Clash:
        __slots__ = ("x",)
        x = 1

except ValueError as e:
    print("class", e)
