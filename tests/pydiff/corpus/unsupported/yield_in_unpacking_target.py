def g():
    total = 0
    a, b[(yield)] = 1, 2
