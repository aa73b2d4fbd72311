def gen(n):
    try:
        yield 1
        yield 2
    finally:
        print("finally", n)

g = gen(1)
print(next(g))
h = gen(2)
next(h)
def f():
    pass
print("end")
