def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter()
d = counter()
print(c(), c(), c(5), d())
print(c.__name__, c.__qualname__)
