import asyncio
def deco(f):
    async def wrapper(*a, **k):
        print('before', f.__name__)
        r = await f(*a, **k)
        print('after')
        return r
    return wrapper

@deco
async def view(n):
    k = 3
    async def inner():
        return k * n
    vals = [await inner() for _ in range(2)]
    return vals, f"{n!r:>4}"

print(asyncio.run(view(2)))
async def bad():
    return f"{await view(1)}"
print(asyncio.run(bad()))
