l = [1, 2]
l.pop(5)
