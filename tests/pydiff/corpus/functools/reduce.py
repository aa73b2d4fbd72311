from functools import reduce
import operator
def add(a, b):
    return a + b
print(reduce(add, [1, 2, 3, 4]), reduce(add, [1, 2, 3], 10), reduce(operator.mul, range(1, 6)), reduce(add, ['a', 'b', 'c']), reduce(add, [], 0), reduce(max, [3, 9, 2]))
