f = lambda: (yield 1)
gg = f()
print(next(gg))
try:
    gg.send(4)
except StopIteration as e:
    print("lambda stop", e.value)
h = lambda x: [(yield x), (yield x + 1)]
print(list(h(5)))
def k():
    print(f"{(yield)}")
    x = (yield) + (yield)
    print(x)
    del x
    print((yield from [1, 2]))
    yield (yield (yield 7))
kk = k()
print(next(kk), kk.send("a"), kk.send(1), kk.send(2), kk.send(None), kk.send(None))
print(kk.send("p"), kk.send("q"))
def thrower():
    try:
        print(1 + (yield "t"))
    except ValueError as e:
        print("caught", e)
        yield "after"
t = thrower()
next(t)
print(t.throw(ValueError("v")))
def ex():
    x = 1 + (yield)
t = ex(); next(t)
t.send("s")
