from decimal import (Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_DOWN,
                     ROUND_UP, ROUND_FLOOR, ROUND_CEILING, ROUND_05UP, InvalidOperation)

print(repr(ROUND_HALF_UP), ROUND_05UP, type(ROUND_FLOOR).__name__)
modes = [ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_UP, ROUND_FLOOR,
         ROUND_CEILING, ROUND_05UP]
for mode in modes:
    print(mode, [str(Decimal(x).quantize(Decimal('0.1'), rounding=mode))
                 for x in ['2.25', '2.35', '-2.25', '2.21', '-2.21', '2.05', '2.55', '-0.01', '2.0', '9.96', '-9.95']])
print(Decimal('19.995').quantize(Decimal('0.01'), ROUND_HALF_UP), Decimal('0.125').quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'))
print(Decimal('1234.5').quantize(Decimal('1E+2'), rounding=ROUND_UP), Decimal('7').quantize(Decimal('0.001'), rounding=ROUND_DOWN))
print(Decimal('2.5').quantize(Decimal(1), rounding=None))
for bad in ['x', 3, 'round_half_up']:
    try:
        Decimal('1.5').quantize(Decimal(1), rounding=bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    Decimal('9' * 28 + '.9').quantize(Decimal(1), rounding=ROUND_UP)
except InvalidOperation as e:
    print('InvalidOperation:', e)
