async def total(items, extra=0):
    s = extra
    for x in items:
        s += x
    return s


async def show():
    t = await total([1, 2, 3])
    u = await total([4], extra=10)
    print('totals', t, u)
    return (t, u)


c = show()
print(type(c).__name__, repr(c).startswith('<coroutine object show at 0x'), repr(c).endswith('>'))
print(type(total).__name__, repr(total).startswith('<function total at 0x'))
try:
    c.send(None)
except StopIteration as e:
    print('done', e.value, e.args, repr(e))

d = total([])
try:
    d.send(None)
except StopIteration as e:
    print('empty', repr(e.value), e.args)

try:
    c.send(None)
except RuntimeError as e:
    print('again:', e)

e2 = total([1])
e2.close()
try:
    e2.send(None)
except RuntimeError as e:
    print('closed:', e)

f = total([1])
try:
    f.send(5)
except TypeError as e:
    print(e)
f.close()

try:
    total()
except TypeError as e:
    print(e)


class Store:
    def __init__(self):
        self.data = {}

    async def aget(self, key, default=None):
        return self.data.get(key, default)

    async def aset(self, key, value):
        self.data[key] = value

    @staticmethod
    async def name():
        return 'store'


async def view():
    s = Store()
    await s.aset('n', 1)
    n = await s.aget('n')
    m = await s.aget('missing', 'dflt')
    co = s.aget('n')
    print(repr(co).startswith('<coroutine object Store.aget at 0x'))
    co.close()
    return [n, m, await Store.name(), -await s.aget('n') * 2]


try:
    view().send(None)
except StopIteration as e:
    print(e.value)


def outer():
    async def inner():
        return 'in'
    return inner


g = outer()()
print(repr(g).startswith('<coroutine object outer.<locals>.inner at 0x'))
try:
    g.send(None)
except StopIteration as e:
    print(e.value)
