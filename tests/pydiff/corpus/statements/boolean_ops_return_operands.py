print(0 or 'x', 1 and 'y', '' or [] or 'last', None and 1, 3 and 0 and 5)
print([] or {}, 'a' and 'b' or 'c')
