from decimal import Decimal
a = Decimal('1.10')
b = Decimal('2.205')
print(a + b, a * b, b - a, a / Decimal(4), -a, abs(Decimal('-3.5')), a == Decimal('1.1'), repr(a))
