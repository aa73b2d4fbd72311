n = 10
n -= 3
n *= 4
n //= 3
n %= 5
n **= 3
n <<= 2
n >>= 1
n |= 16
n &= 0b11110
n ^= 7
print(n)
s = 'ab'
s *= 3
s += '!'
print(s)
l = [1]
l += [2, 3]
l *= 2
print(l)
