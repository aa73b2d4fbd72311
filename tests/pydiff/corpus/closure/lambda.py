key = lambda x: x * 2
