class Money:
    rate = 2
    def __init__(self, cents):
        self.cents = cents
    @classmethod
    def from_units(cls, units):
        return cls(units * 100)
    @staticmethod
    def fmt(cents):
        return f"{cents / 100:.2f}"
    def __str__(self):
        return Money.fmt(self.cents)
    def __eq__(self, other):
        return isinstance(other, Money) and other.cents == self.cents
class Euro(Money):
    def __str__(self):
        return super().__str__() + " EUR"
print(Money.from_units(3), Euro.from_units(2), type(Euro.from_units(1)).__name__)
print(Money(5) == Money(5), Money(5) == Euro(5), Money(5) == 5, Money(1) != Money(2))
print(Money.fmt(1234), Money(7).fmt(8), Money.rate, Euro.rate)
Euro.rate = 3
print(Money.rate, Euro.rate, Euro(1).rate)
