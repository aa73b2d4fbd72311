import math
print(math.log(1), math.log(math.e), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(1000), math.log10(2), math.log2(3))
print(math.log(10 ** 400), math.log10(10 ** 400), math.log2(2 ** 2000), math.exp(1), math.exp(0), math.expm1(1e-10), math.log1p(1e-10))
