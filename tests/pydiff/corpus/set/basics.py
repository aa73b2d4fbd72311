s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.remove(3)
print(s, len(s), 2 in s, sorted(s))
