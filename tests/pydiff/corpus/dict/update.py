d = {'a': 1}
d.update({'b': 2})
d.update([('c', 3)])
d.update(d=4)
print(d)
d |= {'a': 0}
print(d, {'x': 1} | {'y': 2})
