d = {1: 'int'}
d[1.0] = 'float'
d[True] = 'bool'
print(d, len(d))
d2 = {0: 'z', 2.5: 'f', None: 'n', (1, 2): 't'}
print(d2[False], d2[2.5], d2[None], d2[(1, 2)])
