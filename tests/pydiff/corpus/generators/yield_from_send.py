def g(src):
    r = yield from src
    print("r", r)
for src in ([1], (1,), "a", "é", b"a", range(2), {1: 2}, {1: 2}.values(), {1}, iter([1]), reversed([1]), map(str, [1]), enumerate([1]), zip([1])):
    it = g(src)
    next(it)
    try:
        it.send(5)
    except AttributeError as e:
        print(e)
