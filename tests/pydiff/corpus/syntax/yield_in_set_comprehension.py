def g():
    return set()
def h():
    return {x for x in [1] if (yield x)}
