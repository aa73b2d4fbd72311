l = [1, 2, 1, 3, 1]
print(l.count(1), l.count(9))
l.reverse()
print(l, list(reversed(l)))
