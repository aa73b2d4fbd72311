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

# the exception kept in a variable past the handler
try:
    fail("kept")
except ValueError as e:
    print("handler kept")
    saved = e
print("after kept")
saved = None
print("after saved = None")

# re-raised, caught outside
try:
    try:
        two("re")
    except ValueError:
        print("inner handler")
        raise
except ValueError:
    print("outer handler")
print("after re")

# a new exception raised while handling: the first stays alive with it
try:
    try:
        fail("ctx")
    except ValueError:
        print("handler ctx")
        raise KeyError("k")
except KeyError:
    print("outer ctx")
print("after ctx")

# a temporary freed as the exception unwinds
def managed():
    try:
        yield 5
    finally:
        print("temporary closed")
try:
    print(next(managed()), 1 / 0)
except ZeroDivisionError:
    print("zero handler")

# without 'as'
try:
    fail("noname")
except ValueError:
    print("noname handler")
print("after noname")

# an exception leaving a generator whose local is a suspended generator
def outer_gen():
    inner = gen("inner of gen")
    next(inner)
    yield 1
    raise TypeError("t")
og = outer_gen()
next(og)
try:
    next(og)
except TypeError:
    print("gen handler")
print("after gen")

# try/finally in between
def mid():
    try:
        fail("mid")
    finally:
        print("mid finally")
try:
    mid()
except ValueError:
    print("mid handler")
print("after mid")

# several handlers deep in a loop
for i in range(2):
    try:
        fail("loop%d" % i)
    except ValueError as e:
        print("loop handler", e)
print("end")
fail("uncaught")
