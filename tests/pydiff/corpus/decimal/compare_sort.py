from decimal import Decimal
vals = [Decimal('1.5'), Decimal('0.25'), Decimal('10')]
print(sorted(vals), max(vals), Decimal('1.0') == 1, Decimal('0.5') < 1, Decimal('2') > 1.5)
