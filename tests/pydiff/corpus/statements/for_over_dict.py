d = {'b': 2, 'a': 1, 'c': 3}
for k in d:
    print(k, d[k])
print(list(d.keys()), list(d.values()))
