import functools
from functools import lru_cache, cache


class Prices:
    def __init__(self, rate):
        self.rate = rate

    @lru_cache(maxsize=None)
    def convert(self, amount):
        print("converting", amount, "at", self.rate)
        return amount * self.rate

    @cache
    def label(self):
        print("label computed")
        return f"rate {self.rate}"

    @functools.lru_cache(maxsize=2)
    def square(self, n):
        return n * n

    @staticmethod
    @lru_cache
    def plus_one(x):
        return x + 1


p = Prices(3)
q = Prices(5)
print(p.convert(2), p.convert(2), q.convert(2))
print(Prices.convert(p, 2))
print(p.convert.cache_info())
print(Prices.convert.cache_info() == q.convert.cache_info())
print(p.label(), p.label(), q.label())
print(Prices.label.cache_info())
print(repr(p.convert).startswith("<bound method Prices.convert of <__main__.Prices object at "))
print(repr(Prices.convert).startswith("<functools._lru_cache_wrapper object at "))
print(type(p.convert).__name__, type(Prices.convert).__name__)
print(p.convert.__name__, p.convert.__qualname__, p.convert.__self__ is p)
for n in [1, 2, 3, 1, 2, 3]:
    p.square(n)
print(p.square.cache_info())
p.convert.cache_clear()
print(Prices.convert.cache_info())
print(Prices.plus_one(1), p.plus_one(1), Prices.plus_one.cache_info())
print(p.convert.__wrapped__(p, 10))
try:
    p.convert([1])
except TypeError as e:
    print("TypeError:", e)
try:
    Prices.convert(2)
except TypeError as e:
    print("TypeError:", e)
