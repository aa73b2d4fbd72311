def trace(tag, v):
    print("eval", tag)
    return v

def g():
    x = 1 + (yield 1)
    print("x", x)
    print("p", (yield x))
    r = trace("f", lambda *a: a)(trace("a", 10), (yield "mid"), trace("b", 20))
    print("r", r)
    d = {}
    d[(yield "key")] = trace("val", 5)
    print(d)
    y = (yield "c") if trace("t", True) else trace("e", 0)
    print("y", y)
    z = trace("l", 0) or (yield "or")
    print("z", z)
    w = trace("l2", 0) and (yield "and")
    print("w", w)
    c = trace("c1", 1) < (yield "cmp") < trace("c3", 10)
    print("c", c)
    s = f"a{(yield 'fs')}b{trace('fx', 3)!r:>4}"
    print(s)
    l = [trace("l1", 1), *(yield "star"), trace("l3", 3)]
    print(l)
    t = {"k": (yield "dict"), **trace("m", {"z": 1})}
    print(t)
    n = 0
    n += (yield "aug")
    print("n", n)
    dd = {"q": 1}
    dd[trace("key2", "q")] += (yield "aug2")
    print(dd)
    while (yield "cond"):
        print("in loop")
    if (yield "if"):
        print("if true")
    for i in (yield "for"):
        print("i", i)
    assert (yield "assert"), (yield "msg")
    return (yield "ret")

answers = {1: 5, 6: 6, "mid": "M", "key": "K", "c": "C", "or": "O", "cmp": 5, "fs": "F",
           "star": [7, 8], "dict": "D", "aug": 3, "aug2": 4, "cond": None, "if": 1, "for": [1, 2],
           "assert": 0, "msg": "why", "ret": "R"}
gen = g()
v = next(gen)
try:
    while True:
        print("got", v)
        v = gen.send(answers[v])
except StopIteration as e:
    print("stop", e.value)
except AssertionError as e:
    print("assert", e)
