x = [1, 2]
print(len(x))
r = x.__reduce_ex__(2)
