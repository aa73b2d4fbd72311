import asyncio


async def fetch(key):
    await asyncio.sleep(0)
    return key.upper()


async def main():
    r = []
    for k in ['a', 'b']:
        r.append(await fetch(k))
    v = await asyncio.sleep(0, 'slept')
    w = await asyncio.sleep(-1, result=3)
    print(r, v, w)
    return len(r)


print(asyncio.run(main()))
print(asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(print))
print(asyncio.iscoroutinefunction(lambda: 1), asyncio.iscoroutine(main()), asyncio.iscoroutine(main))

try:
    asyncio.run(1)
except ValueError as e:
    print(e)


async def nested():
    c = main()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print(e)
    c.close()


asyncio.run(nested())

for args in [(), (1, 2, 3)]:
    try:
        asyncio.sleep(*args)
    except TypeError as e:
        print(e)


async def bad_delay():
    await asyncio.sleep('x')


try:
    asyncio.run(bad_delay())
except TypeError as e:
    print(e)


class C:
    async def m(self):
        return 1


print(asyncio.iscoroutinefunction(C().m), asyncio.iscoroutinefunction(C.m))
print(asyncio.run(C().m()))
