from decimal import Decimal
print(Decimal(1) / Decimal(3), Decimal(2) / Decimal(3), Decimal(10) / Decimal(4), Decimal(7) // Decimal(2), Decimal(-7) // Decimal(2), Decimal(-7) % Decimal(2))
