print(', '.join(['a', 1, 'c']))
