# yield inside with: the manager is left on completion, exception and close
class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None, value)
        return self.suppress


def gen():
    with Manager("one") as m:
        yield m.name
        yield "two"
    yield "outside"


print(list(gen()))

g = gen()
print(next(g))
g.close()

g = gen()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))


def suppressing():
    with Manager("s", suppress=True):
        yield 1
        raise ValueError("swallowed")
    yield "after with"


print(list(suppressing()))
s = suppressing()
next(s)
print(s.throw(IndexError("thrown")))


def two_managers():
    with Manager("a"), Manager("b", suppress=True) as b:
        yield b.name
    yield "end"


t = two_managers()
print(next(t))
print(t.throw(ValueError("v")))


def in_loop():
    for i in range(2):
        with Manager(i):
            yield i


for x in in_loop():
    print("got", x)
    break
print("loop left")


class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")

    def __exit__(self, *a):
        print("never")


def bad():
    with Manager("outer"), BadEnter():
        yield 1


try:
    list(bad())
except RuntimeError as e:
    print(e)


def gen_exit_seen():
    with Manager("ge"):
        yield 1


g = gen_exit_seen()
next(g)
g.close()
