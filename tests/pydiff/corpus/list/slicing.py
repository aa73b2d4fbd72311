l = list(range(10))
print(l[2:5], l[::3], l[::-1], l[-3:], l[:-7], l[8:2:-2], l[100:])
l[2:5] = ['a', 'b']
print(l)
l[:2] = []
print(l)
del l[::2]
print(l)
