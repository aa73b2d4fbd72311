# The z option with Decimal: a value that rounds to zero loses its minus sign.
from decimal import Decimal
for v, spec in [(Decimal('-0.001'), 'z.1f'), (Decimal('-0'), 'z'), (Decimal('-0.00'), 'z.1e'), (Decimal('1.5'), 'z'), (Decimal('-0.001'), '.1f')]:
    try:
        print(repr(v), spec, repr(format(v, spec)))
    except ValueError as e:
        print(repr(v), spec, 'ValueError', e)
