d = {'a': 1}
d['b'] = 2
d['a'] = 10
print(d, len(d), d['b'], 'a' in d, 'z' in d, list(d))
