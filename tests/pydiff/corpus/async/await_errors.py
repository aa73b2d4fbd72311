async def a():
    return 1


async def bad(x):
    return await x


for v in [1, 'a', [1], None, a]:
    try:
        bad(v).send(None)
    except TypeError as e:
        print(e)
    except StopIteration as e:
        print('value', e.value)


async def twice():
    c = a()
    print(await c)
    print(await c)


try:
    twice().send(None)
except RuntimeError as e:
    print(e)


async def raises():
    d = {}
    return d['k']


async def catches():
    try:
        await raises()
    except KeyError as e:
        print('caught', repr(e))
    return 'ok'


try:
    catches().send(None)
except StopIteration as e:
    print(e.value)


async def fails():
    x = 1
    y = 0
    return x / y


async def top():
    await fails()


top().send(None)
