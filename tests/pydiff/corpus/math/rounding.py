import math
for v in [2.5, -2.5, 3.0, -0.1, 7, True, 1e20]:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), type(math.floor(v)).__name__)
