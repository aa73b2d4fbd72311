t = (1, 'a', 2.5)
print(t, t[1], t[-1], t[1:], len(t), t + (3,), t * 2, (1,), (), tuple('ab'), tuple([1, 2]))
print(t.count(1), t.index('a'), 1 in t)
