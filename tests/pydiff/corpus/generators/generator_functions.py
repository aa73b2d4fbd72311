def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return 'end'

g = count(3)
print(type(g).__name__, repr(g).startswith('<generator object count at 0x'))
print(next(g), next(g), next(g), next(g, 'dflt'))
print(list(count(4)), sum(count(5)), sorted(count(3), reverse=True))
for x in count(2):
    print('x', x)

def pairs(d):
    for k in sorted(d):
        if d[k]:
            yield k, d[k]
        else:
            yield k
print(list(pairs({'b': 0, 'a': 1})))

def echo():
    got = yield 'first'
    while got != 'stop':
        got = yield got.upper()
    return 'bye'
e = echo()
print(e.send(None), e.send('hi'), e.send('yo'))
try:
    e.send('stop')
except StopIteration as s:
    print('stop', s.value)

def chain(*its):
    for it in its:
        r = yield from it
    return r

print(list(chain([1, 2], 'ab', count(2))))

def outer():
    r = yield from count(2)
    print('inner returned', r)
    yield r
print(list(outer()))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def early():
    yield 1
    return
    yield 2
print(list(early()))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print(e)
try:
    next(x for x in 5)
except TypeError as e:
    print(e)
try:
    (x for x in 5)
except TypeError as e:
    print('eager', e)
k = 10
print(list(k + x for x in range(3)))
def closure():
    fs = (lambda: x for x in range(3))
    return [f() for f in fs]
print(closure())
s = count(2)
print(s.__next__(), iter(s) is s, list(s))
t = count(3)
t.close()
print(list(t))
try:
    count(2).send(5)
except TypeError as e:
    print(e)
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
print(list(Tree(1, [Tree(2, [Tree(3)]), Tree(4)])))
def one():
    x = 1 / 0
    yield x
g = one()
print('made')
next(g)
