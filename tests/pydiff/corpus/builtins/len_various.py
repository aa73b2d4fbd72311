print(len('abc'), len([1]), len({}), len({1, 2}), len(()), len(range(10)), len(b'ab'), len({'a': 1}.items()))
