import math
cases = [('sqrt', -4), ('log', -1), ('acos', 2), ('asin', -1.5), ('log10', 0), ('log2', -2.0)]
for name, arg in cases:
    try:
        print(name, getattr(math, name)(arg))
    except ValueError as e:
        print(name, type(e).__name__, e)
for a, b in [(0, -1), (-8, 1 / 3), (10.0, 400)]:
    try:
        print(math.pow(a, b))
    except (ValueError, OverflowError) as e:
        print('pow', type(e).__name__, e)
try:
    math.fmod(1, 0)
except ValueError as e:
    print('fmod', e)
try:
    math.log(10, 1)
except ZeroDivisionError as e:
    print('log base 1', e)
