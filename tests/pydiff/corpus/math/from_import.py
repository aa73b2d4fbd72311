from math import sqrt, pi, floor
print(sqrt(pi), floor(pi))
