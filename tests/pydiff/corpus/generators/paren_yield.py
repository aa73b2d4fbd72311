# a parenthesized yield that is a statement's whole value suspends like a bare one
def g():
    x = (yield)
    print("got", x)
    (yield 1)
    a = b = (yield 2)
    z = (yield from [3])
    yield x, a, b, z


it = g()
print(next(it))
print(it.send(5))
print(it.send("ignored"))
print(it.send(7))
print(it.send(8))
print(next(it, "end"))
