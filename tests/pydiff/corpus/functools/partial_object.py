import functools
from functools import wraps, partial, reduce, lru_cache

def log_calls(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} args={args} kwargs={kwargs}")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result!r}")
        return result
    return wrapper

@log_calls
def add(a, b=2, *, scale=1):
    """Add two numbers."""
    return (a + b) * scale

print(add(1), add(1, 3, scale=2))
print(add.__name__, add.__doc__, add.__wrapped__.__name__, add.__qualname__)

def require(role):
    def deco(view):
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            if role not in request.get("roles", []):
                return {"status": 403}
            return view(request, *args, **kwargs)
        return inner
    return deco

@require("admin")
def dashboard(request, page=1):
    return {"status": 200, "page": page}

print(dashboard({"roles": ["admin"]}, page=3), dashboard({}))

def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter()
c(); c(5)
print(c())

fs = [lambda x, i=i: x * i for i in range(3)]
print([f(10) for f in fs])
fs2 = [lambda x: x * i for i in range(3)]
print([f(10) for f in fs2])

pw = partial(pow, 2)
print(pw(10), pw.func, pw.args, pw.keywords)
p2 = partial(add.__wrapped__, b=10, scale=3)
print(p2(1), p2(1, b=0))
print(reduce(lambda a, b: a * b, [1, 2, 3, 4], 1), reduce(lambda a, b: a + b, ["a", "b"]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())

@functools.lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
sq(1); sq(2); sq(1); sq(3); sq(2)
print(sq.cache_info())

@functools.cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(10))

users = [{"name": "bob", "age": 30}, {"name": "alice", "age": 25}, {"name": "carol", "age": 30}]
print(sorted(users, key=lambda u: (-u["age"], u["name"])))
print(min(users, key=lambda u: u["age"])["name"], max(users, key=lambda u: u["age"])["name"])
print(max([], default=None), min([3, 1, 2], key=lambda x: -x))
print(sorted(["b", "A", "c"], key=str.lower), sorted([3, 1, 2], reverse=True))
def f(*args, **kwargs):
    return args, kwargs
print(f(1, *[2, 3], a=1, **{"b": 2}))
def g(a, b, /, c, *, d):
    return a, b, c, d
print(g(1, 2, 3, d=4), g(1, 2, c=3, d=4))
for call in [lambda: g(1, b=2, c=3, d=4), lambda: g(1, 2, 3), lambda: g(1, 2, 3, 4), lambda: f(**{1: 2}), lambda: g(1, 2, 3, d=4, e=5), lambda: g(1, 2, 3, c=3, d=4)]:
    try:
        call()
    except TypeError as e:
        print(e)

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
base = partial(add.__wrapped__, 1, scale=2)
more = partial(base, b=5)
print(more(), more.func.__name__, more.args, more.keywords, repr(partial(max, 1, key=abs)))
print(partial(int, base=2)("101"), type(more).__name__, callable(more))
try:
    partial(3)
except TypeError as e:
    print(e)
print(list(map(partial(int, base=16), ["ff", "10"])))
