from decimal import Decimal
Decimal('1.5') + 1.5
