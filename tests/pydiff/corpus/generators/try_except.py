# throw() caught by an except around the yield; else and finally blocks
def worker():
    total = 0
    while True:
        try:
            v = yield total
        except ValueError as e:
            print("bad value:", e)
            total = -1
        except (KeyError, IndexError) as e:
            print("lookup:", repr(e))
            yield "recovering"
        else:
            total += v
        finally:
            print("step done, total", total)


w = worker()
print(next(w))
print(w.send(3))
print(w.throw(ValueError("nope")))
print(w.throw(KeyError("k")))
print(next(w))
print(w.send(5))
try:
    w.throw(TypeError("unhandled"))
except TypeError as e:
    print("left the generator:", e)
print(next(w, "finished"))


def reraise():
    try:
        yield 1
    except ValueError:
        print("handling")
        yield 2
        raise


r = reraise()
next(r)
print(r.throw(ValueError("again")))
try:
    next(r)
except ValueError as e:
    print("re-raised:", e)


def handler_state():
    try:
        raise KeyError("first")
    except KeyError:
        yield "in handler"
        try:
            raise
        except KeyError as e:
            print("bare raise still sees", repr(e))
    yield "end"


print(list(handler_state()))


def except_star_types():
    for exc in (ValueError, ZeroDivisionError, LookupError):
        try:
            yield exc.__name__
        except ArithmeticError:
            print("arithmetic")
        except Exception as e:
            print("other", type(e).__name__)


t = except_star_types()
print(next(t))
print(t.throw(ZeroDivisionError))
print(t.throw(IndexError))
print(list(t))
