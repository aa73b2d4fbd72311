from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 2 in d, d.maxlen)
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft('ab')
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.reverse()
print(d, d.count(7), d.index(7), list(d), list(reversed(list(d))))
d.remove(7)
d.insert(1, 'x')
d[0] = 'first'
del d[-1]
print(d)
recent = deque(maxlen=3)
for page in ['home', 'cart', 'shop', 'home', 'about']:
    recent.append(page)
print(recent, list(recent), recent.maxlen, len(recent))
r2 = deque(range(10), 4)
r2.appendleft(-1)
print(r2, deque('abc', maxlen=0), deque([], maxlen=2))
print(deque([1, 2]) == deque([1, 2]), deque([1]) == [1], deque([1]) < deque([2]), bool(deque()), bool(deque([0])))
c = d.copy()
c.clear()
print(c, d, type(d).__name__, type(d))
x = deque([1])
x.append(x)
print(x)
x.extend(x)
print(len(x))
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1])['a'],
            lambda: deque([1], maxlen=-1), lambda: deque([1], maxlen=1).insert(0, 2), lambda: hash(deque()),
            lambda: deque(5), lambda: deque([1, 2], 2.5), lambda: deque([1]).remove(5), lambda: deque([1]).index(5),
            lambda: deque([1]).append(), lambda: deque([1]).rotate('a'), lambda: deque(foo=1), lambda: d.pop(1)]:
    try:
        bad()
    except (IndexError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    d.maxlen = 3
except AttributeError as e:
    print(e)
print(sum(deque(range(100))), [v * 2 for v in deque([1, 2])], sorted(deque([3, 1, 2])))
d.nothing
