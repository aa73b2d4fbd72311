from decimal import Decimal
print(Decimal(5), Decimal('0.1'), Decimal('1e3'), Decimal('-0'), Decimal('  7.50 '), Decimal(0.5), Decimal(-12))
print(Decimal(0.1))
