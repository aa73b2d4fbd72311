import itertools
from itertools import chain, islice, count, repeat, cycle

print(list(chain([1, 2], (3,), 'ab', range(2))))
print(list(chain.from_iterable([[1, 2], [3], []])))
print(list(chain()), type(chain()).__name__, chain.__name__)
c = chain([1], [2])
print(next(c), next(c), next(c, 'end'))
print(list(islice(range(10), 3)), list(islice(range(10), 2, 8, 3)), list(islice('abcdef', 1, None)))
print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(1.5), 2)))
print(list(islice(count(0, 0.5), 3)))
print(list(repeat('x', 3)), list(repeat(1, 0)), list(repeat(1, -2)), list(islice(repeat(7), 2)))
print(list(islice(cycle('abc'), 7)), list(cycle([])))
it = count(5)
print(repr(it), next(it), repr(it))
print(repr(count(1, 2)), repr(count(2.5)), repr(repeat('a', 3)), repr(repeat(None)))
r = repeat('z', 2)
next(r)
print(repr(r))
s = islice([1, 2, 3, 4], 2)
print(list(s), list(s))
def gen():
    for i in range(5):
        print('made', i)
        yield i
print(list(islice(gen(), 1, 3)))
g = (x * x for x in range(100))
print(list(islice(g, 3)), next(g))
for i in count(3):
    if i > 5:
        break
    print('count', i)
print(list(zip(count(1), 'abc')))
print(sum(islice(count(), 1000)))
