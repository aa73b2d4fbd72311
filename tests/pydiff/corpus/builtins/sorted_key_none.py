print(sorted([3, 1, 2], key=None), sorted(['aa', 'b'], key=len))
