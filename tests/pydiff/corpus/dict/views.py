d = {'b': 2, 'a': 1}
k = d.keys()
v = d.values()
i = d.items()
print(k, v, i)
d['c'] = 3
print(k, len(v), list(i))
print('a' in k, 2 in v, ('a', 1) in i)
