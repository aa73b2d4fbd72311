import math
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.05, rel_tol=0.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isfinite(1e308), math.isinf(-math.inf), math.isnan(0.0), math.isfinite(math.nan))
