# Arithmetic on ints at the edges of 64 bits, where a machine word would overflow.
big = 2 ** 63
small = -(2 ** 63)
for x in [small, small + 1, -7, -1, 0, 1, 7, big - 1, big]:
    for y in [small, -3, -1, 1, 3, big - 1]:
        print(x, y, x + y, x - y, x * y, x // y, x % y, x & y, x | y, x ^ y)
print(small // -1, small % -1, -small)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
print(True + True, True * 3, False - 1, True // 1, True & 3, True | False)
