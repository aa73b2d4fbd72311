from functools import lru_cache, cache
import functools

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib(10), fib.cache_info())

@lru_cache
def square(x):
    print('computing', x)
    return x * x
print(square(3), square(3), square(4), square.cache_info())
print(square.__name__, square.__wrapped__(5), type(square).__name__, callable(square))

@lru_cache(maxsize=2)
def ident(x):
    print('miss', x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
info = ident.cache_info()
print(info, info.hits, info.misses, info.maxsize, info.currsize, info[0], tuple(info), len(info))

@cache
def price(item, qty=1):
    print('price', item, qty)
    return {'apple': 3}.get(item, 0) * qty
print(price('apple'), price('apple'), price('apple', qty=2), price('apple', qty=2), price('apple', 1))
print(price.cache_info())

@lru_cache(maxsize=0)
def nothing(x):
    return x
nothing(1); nothing(1)
print(nothing.cache_info())

@lru_cache(typed=True)
def typed(x):
    print('typed', repr(x))
    return x
typed(1); typed(1.0); typed(1)
print(typed.cache_info().currsize, typed.cache_parameters())

try:
    square([1, 2])
except TypeError as e:
    print('TypeError', e)
try:
    lru_cache('x')
except TypeError as e:
    print('TypeError', e)
def slow(a, b):
    """Adds."""
    return a + b
fast = lru_cache(maxsize=32)(slow)
print(fast(1, 2), fast(1, 2), fast.__doc__, fast.cache_info())
print(functools.partial(fast, 10)(5))
