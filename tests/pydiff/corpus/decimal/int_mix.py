from decimal import Decimal
print(Decimal('1.5') + 1, 2 * Decimal('0.25'), int(Decimal('7.9')), float(Decimal('0.5')), str(Decimal('3.00')), round(Decimal('2.675'), 2))
