x = None
print(x, repr(x), str(x), x is None, x == None, type(x).__name__, bool(x))
