for v in [1, 1.0, 'a', True, None, [1], {'a': 1}, (1,), {1}, b'x', range(2)]:
    print(type(v).__name__, type(v) == type(v), type(v) is int)
print(type(1), type('a'), type(None), type([]))
