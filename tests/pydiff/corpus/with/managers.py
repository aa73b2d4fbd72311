class Tag:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print('exit', self.name, 'clean', exc, tb)
        else:
            print('exit', self.name, exc_type.__name__, repr(exc))
        return self.suppress


with Tag('a') as t:
    print('body', t)

with Tag('outer') as o, Tag('inner', suppress=True) as i:
    print(o, i)
    raise ValueError('boom')
print('after suppressed')

with (Tag('p1') as p1,
      Tag('p2') as p2):
    print(p1, p2)

with Tag('plain'):
    pass

with Tag('tuple') as (first, *rest):
    print(first, rest)


def early():
    for n in range(3):
        with Tag('loop%d' % n):
            if n == 1:
                return 'returned'
            if n == 0:
                continue
    return 'never'


print(early())


def breaks():
    while True:
        with Tag('w'):
            break
    return 'broke'


print(breaks())

try:
    with Tag('keep'):
        {}['missing']
except KeyError as e:
    print('propagated', repr(e))


class Swallow:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return 1


with Swallow() as s:
    print(type(s).__name__)
    1 / 0
print('swallowed')

for v in [1, 'x', None]:
    try:
        with v:
            pass
    except TypeError as e:
        print(e)


class OnlyEnter:
    def __enter__(self):
        return 1


try:
    with OnlyEnter():
        pass
except TypeError as e:
    print(e)


class BadExit:
    def __enter__(self):
        return self

    def __exit__(self):
        return False


try:
    with BadExit():
        pass
except TypeError as e:
    print(e)


class Raising:
    def __enter__(self):
        return self

    def __exit__(self, t, e, tb):
        raise RuntimeError('from exit')


with Raising():
    x = 1
