def nest(n):
    try:
        if n:
            yield from nest(n - 1)
        else:
            yield "bottom"
    finally:
        pass

g = nest(2000)
print(next(g))
