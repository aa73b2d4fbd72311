s = {1, 2}
t = s.copy()
s.clear()
print(s, t, set() == set(), s == t)
