print(True + True, True * 10, False - 1, True / 2, sum([True, True, False]))
print(True == 1, False == 0, hash(True) == hash(1), {1: 'a', True: 'b'})
