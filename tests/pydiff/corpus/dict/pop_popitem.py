d = {'a': 1, 'b': 2, 'c': 3}
print(d.pop('a'), d.pop('zz', 'default'), d.popitem(), d)
