def g():
    return (x for x in [1] if (yield))
