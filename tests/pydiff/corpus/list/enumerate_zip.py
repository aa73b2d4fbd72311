names = ['a', 'b', 'c']
print(list(enumerate(names)), list(enumerate(names, 1)), list(zip(names, [1, 2])), list(zip()))
for i, (n, v) in enumerate(zip(names, range(3))):
    print(i, n, v)
