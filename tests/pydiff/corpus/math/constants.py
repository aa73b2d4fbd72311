import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, math.isnan(math.nan))
