def noisy(tag, items):
    for x in items:
        print(tag, x)
        yield x


def loud(x):
    print('f', x)
    return x * 10


m = map(loud, noisy('m', [1, 2, 3]))
print(type(m).__name__, repr(m).startswith('<map object at 0x'), iter(m) is m)
print('first', next(m))
print('rest', list(m), list(m), next(m, 'done'))

f = filter(None, [0, 1, '', 'a', None, [], [0]])
print(repr(f).startswith('<filter object at 0x'), list(f))
print(list(filter(lambda s: s.startswith('a'), noisy('f', ['ab', 'b', 'ac']))))

z = zip('abc', noisy('z', range(10)))
print(repr(z).startswith('<zip object at 0x'), next(z))
print(list(z))
print(list(zip()), list(zip([1, 2], [3], strict=False)))
for args in [([1, 2], [3]), ([1], [3, 4]), ([1], [2], []), ([1], [2], [3, 4]), ([], [1])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(e)

e = enumerate(noisy('e', 'xy'), start=5)
print(repr(e).startswith('<enumerate object at 0x'), next(e), list(e))
print(list(enumerate('ab', 2 ** 70)))


def naturals():
    n = 0
    while True:
        yield n
        n += 1


squares = map(lambda n: n * n, naturals())
print([next(squares) for _ in range(5)])
evens = filter(lambda n: n % 2 == 0, naturals())
print(next(evens), next(evens), next(evens))
for i, (a, b) in enumerate(zip(naturals(), 'pq')):
    print(i, a, b)
print(dict(zip('ab', map(str, naturals()))))
print(sorted(map(abs, [-3, 1, -2])), sum(map(len, ['ab', 'c'])), ' '.join(map(str, range(3))))
print(max(enumerate('zay'), key=lambda p: p[1]), list(map(pow, [2, 3], [3, 2])))
a, b = map(int, '12')
print(a + b)
for bad in [lambda: map(abs), lambda: map(abs, 1), lambda: filter(abs), lambda: zip(1),
            lambda: enumerate(1), lambda: filter(None, 5)]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(list(map(lambda x: 1 / x, [1, 2])))
m = map(lambda x: 1 / x, [1, 0])
print(next(m))
next(m)
