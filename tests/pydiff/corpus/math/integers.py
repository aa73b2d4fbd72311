import math
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.gcd(), math.gcd(12, 18, 27), math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm())
print(math.factorial(0), math.factorial(5), math.factorial(25), math.comb(10, 3), math.comb(5, 7), math.perm(5, 2), math.perm(4), math.comb(60, 30))
