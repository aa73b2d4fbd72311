# return inside try/finally in a generator; StopIteration inside becomes RuntimeError
def gen(flag):
    try:
        yield "start"
        if flag:
            return "early"
        yield "middle"
    finally:
        print("finally", flag)
    yield "end"


print(list(gen(True)))
print(list(gen(False)))

g = gen(True)
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value)


def finally_returns():
    try:
        yield 1
        raise ValueError("lost")
    finally:
        return "from finally"


g = finally_returns()
next(g)
try:
    next(g)
except StopIteration as e:
    print("finally return wins:", e.value)


def loop_break():
    for i in range(5):
        try:
            if i == 3:
                break
            yield i
        finally:
            print("leaving", i)
    else:
        print("no break")
    yield "after loop"


print(list(loop_break()))


def loop_continue():
    for i in range(3):
        try:
            yield i
            continue
        finally:
            print("continue through finally", i)


print(list(loop_continue()))


def stops():
    try:
        yield 1
    except ValueError:
        raise StopIteration("inside")


g = stops()
next(g)
try:
    g.throw(ValueError)
except RuntimeError as e:
    print("RuntimeError:", e)


def plain_stop():
    yield 1
    next(iter([]))


for x in plain_stop():
    print(x)
