xs = [1, 2, 3]
if (n := len(xs)) > 2:
    print('walrus', n)
print([y for x in xs if (y := x * 2) > 2], y)
def f():
    while (k := xs.pop()) > 1:
        print(k)
    return k
print(f())
