def managed():
    try:
        yield 1
    finally:
        print("close")


def f():
    g = managed()
    next(g)
    raise ValueError("x")


try:
    f()
except ValueError:
    print("caught")
print("after")
