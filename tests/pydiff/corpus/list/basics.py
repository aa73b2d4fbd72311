l = [3, 1, 2]
l.append(5)
l.insert(0, 9)
l.insert(100, 7)
l.insert(-1, 8)
print(l, len(l), l[0], l[-1], l[1:3])
l.extend([4, 4])
l.extend('ab')
print(l)
