def f():
    return 1


def g():
    y = 2
    return await f()
