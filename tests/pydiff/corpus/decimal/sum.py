from decimal import Decimal
items = [Decimal('0.10'), Decimal('0.20'), Decimal('0.30')]
print(sum(items), sum(items, Decimal('0')), sum(items) == Decimal('0.6'))
