x = 'outer'
l = [x for x in range(3)]
print(x, l)
