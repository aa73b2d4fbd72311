for k, v in {'a': 1, 'b': 2}.items():
    print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a + b)
