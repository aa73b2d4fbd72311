import operator
print(operator.add(2, 3), operator.mul('ab', 2), operator.sub(10, 4), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(-7, 3), operator.pow(2, 8))
print(operator.lt(1, 2), operator.eq('a', 'a'), operator.ne(1, 1.0), operator.neg(5), operator.not_([]), operator.getitem({'k': 'v'}, 'k'), operator.contains([1, 2], 2), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3))
