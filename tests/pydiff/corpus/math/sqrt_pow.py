import math
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.0), math.pow(2, 10), math.pow(2.5, 2), math.pow(4, 0.5), math.isqrt(17), math.isqrt(10 ** 40))
print(math.hypot(3, 4), math.hypot(1, 1, 1), math.fabs(-3), math.copysign(2, -0.0), math.fmod(7.5, 2), math.fmod(-7, 3))
print(math.hypot(), math.hypot(-5), math.hypot(1e200, 1e200), math.hypot(1.5, 2.5, 3.5, 4.5), math.dist([1, 2, 3], [4, 6, 8]), math.hypot(1e-320, 1e-320))
