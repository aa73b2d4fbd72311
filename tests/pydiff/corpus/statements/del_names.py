x = 1
y = [1, 2, 3, 4]
del y[1]
print(y)
del y[::2]
print(y)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
del x
try:
    print(x)
except NameError as e:
    print('NameError:', e)
