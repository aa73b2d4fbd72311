a = None
print(a is None, a is not None, [] is [], True is True)
