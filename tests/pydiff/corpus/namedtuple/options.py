from collections import namedtuple

print(namedtuple('P', 'a def a _b', rename=True)._fields)
print(namedtuple('P', ['x', 'x', 'class', '1', 'ok'], rename=True)._fields)
D = namedtuple('D', ['a', 'b', 'c'], defaults=[2, 3])
print(D(1), D._field_defaults, D(1, c=5), D(0, 0, 0), D.__doc__)
E = namedtuple('E', 'a b', defaults=(None,))
print(E(1), E._field_defaults, E._make([1, 2]))
M = namedtuple('M', 'v', module='shop.models')
print(M.__module__, M(1))
print(namedtuple('G', (c for c in 'xyz'))._fields)
print(namedtuple(typename='K', field_names='a')._fields)
Empty = namedtuple('Empty', [])
print(Empty(), Empty._fields, len(Empty()))


class Money(namedtuple('Money', 'amount currency')):
    __slots__ = ()

    def __str__(self):
        return f"{self.amount:.2f} {self.currency}"

    @property
    def cents(self):
        return round(self.amount * 100)


m = Money(3.5, 'EUR')
print(m, repr(m), m.cents, m._replace(amount=1), type(m._replace(amount=1)).__name__)
print(Money.__mro__, Money.__bases__, isinstance(m, tuple))
try:
    m.note = 'x'
except AttributeError as e:
    print("AttributeError:", e)


class Loose(namedtuple('Loose', 'a')):
    def double(self):
        return self.a * 2


l = Loose(4)
l.note = 'kept'
print(l, l.double(), l.note, Loose._make([5]).double())


class Card(namedtuple('Card', 'rank suit')):
    def __repr__(self):
        return f"<{self.rank} of {self.suit}>"


print(Card('Q', 'hearts'), [Card('2', 'spades')], str(Card('A', 'clubs')))
match Money(2, 'USD'):
    case Money(amount, 'USD'):
        print('dollars', amount)
match Point := namedtuple('Point', 'x y')(0, 5):
    case (0, y):
        print('on the y axis at', y)
match D(1):
    case D(a=1, c=c):
        print('c is', c)
