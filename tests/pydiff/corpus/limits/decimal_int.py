# int() of a Decimal with a large exponent is exact, not clamped.
from decimal import Decimal
n = int(Decimal('1e6000'))
print(n == 10 ** 6000, n.bit_length(), int(Decimal('-2.5e4000')) == -25 * 10 ** 3999)
print(int(Decimal('1e100')) == 10 ** 100, int(Decimal('-1.5e3')), int(Decimal('123.999')))
print(round(Decimal('1e5000')) == 10 ** 5000, '%d' % Decimal('7e300') == '7' + '0' * 300)
