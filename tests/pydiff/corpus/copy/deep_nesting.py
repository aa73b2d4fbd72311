import copy

for depth in [300, 5000]:
    x = []
    for _ in range(depth):
        x = [x, {"k": (x,)}] if depth < 10 else [x]
    try:
        y = copy.deepcopy(x)
        n = 0
        while y:
            y = y[0]
            n += 1
        print(depth, "copied", n)
    except RecursionError as e:
        print(depth, type(e).__name__, e)
