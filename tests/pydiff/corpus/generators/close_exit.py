# close(): GeneratorExit at the suspended yield
def catches():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise


g = catches()
next(g)
print(g.close())


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print("returning")
        return "ignored"


g = returns_on_exit()
next(g)
print(g.close())


def ignores():
    while True:
        try:
            yield "tick"
        except GeneratorExit:
            print("not stopping")


g = ignores()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(g))


def other_error():
    try:
        yield 1
    finally:
        raise ValueError("from finally")


g = other_error()
next(g)
try:
    g.close()
except ValueError as e:
    print("close raised:", e)
print(list(g))


def not_caught_by_exception():
    try:
        yield 1
    except Exception:
        print("never")
    finally:
        print("finally still runs")


g = not_caught_by_exception()
next(g)
g.close()
print(g.gi_running)

g = catches()
print(g.close(), list(g))


def outer():
    try:
        yield from catches()
    finally:
        print("outer finally")


o = outer()
print(next(o))
o.close()


def thrown_through():
    try:
        yield from worker()
    except ValueError as e:
        print("outer caught", e)
        yield "outer"


def worker():
    try:
        yield "w"
    finally:
        print("worker finally")


t = thrown_through()
print(next(t))
print(t.throw(ValueError("x")))
t.close()
