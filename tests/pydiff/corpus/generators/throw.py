def g():
    x = 1
    yield x
    yield 2


x = g()
try:
    x.throw(ValueError("boom"))
except ValueError as e:
    print("not started", e)
print(next(x, "done"))
y = g()
print(next(y))
try:
    y.throw(KeyError)
except KeyError as e:
    print("started", repr(e))
print(list(y))
z = g()
try:
    z.throw(TypeError, "msg")
except TypeError as e:
    print(e)
for bad in [1, "x", None]:
    try:
        g().throw(bad)
    except TypeError as e:
        print(e)
w = g()
next(w)
print(w.close(), list(w))
try:
    g().throw(StopIteration)
except Exception as e:
    print(type(e).__name__, e)
done = g()
list(done)
try:
    done.throw(ValueError("after the end"))
except ValueError as e:
    print("finished:", e)


def outer():
    yield 0
    yield from g()
    yield 3


o = outer()
print(next(o), next(o))
try:
    o.throw(IndexError("inner"))
except IndexError as e:
    print("delegated", e)
print(list(o))


def looping():
    for i in range(3):
        if i > 0:
            yield i


lp = looping()
next(lp)
lp.throw(RuntimeError("in the loop"))
