import decimal
from decimal import Decimal
try:
    Decimal(1) / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e, isinstance(e, decimal.DivisionByZero), isinstance(e, ArithmeticError))
try:
    Decimal(1) // 0
except decimal.DivisionByZero as e:
    print(type(e).__name__, e)
try:
    Decimal(0) / 0
except decimal.InvalidOperation as e:
    print(type(e).__name__, e)
try:
    Decimal('x')
except decimal.InvalidOperation as e:
    print(type(e).__name__, e)
print(Decimal(2).sqrt(), Decimal('0.25').sqrt(), Decimal(0).sqrt(), Decimal('1e10').sqrt())
print(Decimal('1.2345').quantize(Decimal('0.01')), Decimal('2.5').quantize(Decimal('1')), Decimal('-0.005').quantize(Decimal('0.01')))
for spec in [',.2f', '%', 'e', '.3e', '>10.2f', '+.1f', '', '.3', '.2%', 'E', 'g', '.2g', ',', '010.3f', '^12,.1f', '08,.2f', 'F', '.0f', '.10f', '-^9.1%']:
    print(repr(spec), format(Decimal('1234.5678'), spec))
print(format(Decimal('0.000012'), 'g'), format(Decimal('-0'), '.2f'), format(Decimal('1E+3'), 'f'))
try:
    format(Decimal(1), '_')
except ValueError as e:
    print(e)
print(Decimal('-2').sqrt())
for x in ['2', '4', '0.04', '1e-7', '12345678901234567890123456789', '0.0', '-0', '100', '1E+1', '2.25', '7e100']:
    print(x, Decimal(x).sqrt())
for v in ['0', '-0.001', '1e30', '123.456e-10', '0E+5', '5', '9.995', '-1234567.891', '1E+3', '0.1']:
    print(v, [format(Decimal(v), s) for s in ['', 'f', '.2f', 'e', '.2e', 'g', '.3g', '.0g', '%', '.1%', ',', ',.3f', '012,.2f', 'E', 'G', '.0e', '.0f']])
print(f"{Decimal('19.999'):.2f} {Decimal('2.675'):.2f} {Decimal('-5'):+08.2f} {Decimal('7'):*^10}")
print(format(Decimal('1.5'), '#.0f'))
