def g():
    return list(x * 2 for x in (yield))
it = g()
next(it)
try:
    it.send([1, 2])
except StopIteration as e:
    print(e.value)
