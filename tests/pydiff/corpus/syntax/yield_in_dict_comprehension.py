def g():
    return {k: v for k in "ab" for v in (yield)}
