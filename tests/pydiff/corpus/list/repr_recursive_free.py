l = [1, 'two', 3.0, None, True, [4], (5,), {'six': 6}]
print(l)
print(repr(l))
