import math
print(math.sin(0), math.cos(0), math.tan(math.pi / 4), math.sin(math.pi / 6), math.atan(1), math.atan2(1, -1), math.asin(1), math.acos(0.5))
print(math.degrees(math.pi), math.radians(180), math.sinh(1), math.cosh(1), math.tanh(0.5))
