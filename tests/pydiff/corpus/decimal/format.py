from decimal import Decimal
print(f"{Decimal('3.14159'):.2f}", format(Decimal('1234.5'), ','), f"{Decimal('7'):>6}")
