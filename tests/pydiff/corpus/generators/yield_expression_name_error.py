def g():
    y = (yield "i") + undefined_name
g = g()
print(next(g))
g.send(1)
