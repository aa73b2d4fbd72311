def gen(n):
    try:
        yield 1
    finally:
        print("finally", n)

def fail(n):
    g = gen(n)
    next(g)
    raise ValueError(n)

def two(n):
    a = gen(n + "-a")
    next(a)
    fail(n)

try:
    two("re")
except ValueError:
    print("outer handler")
print("after re")
def three(n):
    b = gen(n + "-b")
    next(b)
    two(n)
try:
    three("x")
except ValueError:
    print("outer handler")
