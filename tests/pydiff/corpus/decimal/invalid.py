from decimal import Decimal
Decimal('abc')
