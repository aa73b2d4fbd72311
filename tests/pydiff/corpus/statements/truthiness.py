for v in [0, 1, '', 'a', [], [0], {}, {'a': 1}, None, 0.0, -0.5, (), set(), range(0)]:
    print(repr(v), bool(v), not v)
