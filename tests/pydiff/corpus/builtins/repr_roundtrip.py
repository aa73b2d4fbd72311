for v in ['a', 1, 1.5, None, True, [1, 'b'], {'c': 2}, (3,), {4}, b'x']:
    print(repr(v), str(v))
