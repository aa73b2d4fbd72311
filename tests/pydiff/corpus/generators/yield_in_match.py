def g():
    match (yield "subject"):
        case 1:
            print("one")
            x = yield "in case"
            print("x", x)
        case [a, b] if (yield "guard") :
            print("pair", a, b)
        case {"k": v} if v > (yield "g2"):
            print("dict", v)
            yield "body"
        case _:
            print("other")
    return "done"

def run(answers):
    gen = g()
    v = next(gen)
    try:
        while True:
            print("got", v)
            v = gen.send(answers.pop(0))
    except StopIteration as e:
        print("stop", e.value)

run([1, "X"])
run([[1, 2], True])
run([[1, 2], False])
run([{"k": 5}, 3, None])
run([{"k": 5}, 9])
run(["z"])
