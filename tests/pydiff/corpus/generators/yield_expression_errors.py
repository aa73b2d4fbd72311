# Errors inside an expression a generator suspends in: raised where CPython raises them,
# before or after the yield, with the line of the failing operation.
def g1():
    print(missing((yield "a")))

def g2():
    x = [1, 2][(yield "b")]
    print(x)

def g3():
    total = (
        1
        + (yield "c")
    )
    print(total)

def g4():
    d = {}
    d[(yield "d")] = 1
    print(d)

def g5():
    n = 0
    n += (yield "e")

def g6():
    print(*(yield "f"))

def g7():
    values = [*5, (yield "g")]

def g8():
    print(f"{(yield 'h')}" + 1)

def run(gen, answer):
    try:
        print("first", next(gen))
        print("then", gen.send(answer))
    except StopIteration:
        print("stopped")
    except Exception as e:
        print(type(e).__name__, e)

run(g1(), 1)
run(g2(), 5)
run(g2(), 1)
run(g3(), "x")
run(g3(), 2)
run(g4(), [])
run(g4(), "k")
run(g5(), "s")
run(g6(), 3)
run(g6(), "ab")
run(g7(), 1)
run(g8(), 1)
g = g3()
next(g)
g.send("a line inside the expression")
