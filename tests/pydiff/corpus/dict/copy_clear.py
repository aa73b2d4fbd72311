d = {'a': [1]}
e = d.copy()
d['a'].append(2)
d['b'] = 0
print(d, e)
d.clear()
print(d, e)
