print(list(zip('abc', [1, 2])), dict(zip(['k1', 'k2'], [1, 2, 3])), list(zip([1], [2], [3])))
