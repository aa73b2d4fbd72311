def g():
    y = 2
    def h():
        return y
    y = 3
    return h
print(g()())
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
