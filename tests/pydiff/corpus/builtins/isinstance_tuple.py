for v in [1, 1.0, 'a', True, None, [1], {'a': 1}, (1,), {1}]:
    print(repr(v), isinstance(v, int), isinstance(v, (str, list)), isinstance(v, (int, float)), isinstance(v, object))
