from functools import reduce
def add(a, b):
    return a + b
reduce(add, [])
