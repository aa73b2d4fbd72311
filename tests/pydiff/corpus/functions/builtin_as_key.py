print(sorted(['b', 'C', 'a'], key=str.lower), sorted([-3, 2, -1], key=abs), list(map(str.upper, ['x', 'y'])))
