d = {k: v * 2 for k, v in [('a', 1), ('b', 2)]}
inv = {v: k for k, v in d.items()}
print(d, inv, {n: n ** 2 for n in range(4) if n % 2})
