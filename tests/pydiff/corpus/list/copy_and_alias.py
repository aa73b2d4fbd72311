a = [1, [2, 3]]
b = a
c = a.copy()
d = a[:]
a.append(4)
a[1].append(5)
print(a, b, c, d, a is b, a is c)
