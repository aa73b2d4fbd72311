print('b' in 'abc', 'z' not in 'abc', 2 in [1, 2], 3 in (1, 2), 'k' in {'k': 1}, 1 in {1, 2}, 5 in range(10))
print('' in 'abc', [1] in [[1], 2])
