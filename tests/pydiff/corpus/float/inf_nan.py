inf = float('inf')
nan = float('nan')
print(inf > 1e308, -inf < 0, nan == nan, nan != nan, inf - inf, inf * 0, 1 / inf)
