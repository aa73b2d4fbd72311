from decimal import Decimal
d = Decimal('-120.500')
print(d.normalize(), d.is_signed(), Decimal(0).is_zero(), d.copy_abs(), d.copy_negate(), d.adjusted(), d.to_integral_value())
