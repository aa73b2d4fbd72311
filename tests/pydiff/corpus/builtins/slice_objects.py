s = slice(1, 8, 2)
print(s, repr(slice(3)), slice(None, None, -1), slice("a", [1]))
print(s.start, s.stop, s.step, slice(5).start, slice(5).stop)
data = list(range(10))
print(data[s], data[slice(3)], data[slice(None, None, -1)], "abcdef"[slice(1, None, 2)])
print((1, 2, 3, 4)[slice(-2, None)], b"hello"[slice(1, 3)])
print(s.indices(5), slice(None, None, -1).indices(4), slice(-100, 100).indices(7), slice(2, 1).indices(3))
print(type(s), type(s).__name__, isinstance(s, slice), type(s) is slice)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) != slice(1, 2, None))
data[slice(0, 2)] = ["a", "b"]
print(data)
del data[slice(0, 10, 3)]
print(data)


class Grid:
    def __init__(self, items):
        self.items = items

    def __getitem__(self, key):
        if isinstance(key, slice):
            print("got", key, key.indices(len(self.items)))
            return Grid(self.items[key])
        print("got index", key)
        return self.items[key]

    def __repr__(self):
        return f"Grid({self.items})"


g = Grid([10, 20, 30, 40])
print(g[1:3])
print(g[::-1])
print(g[2])
print(g[1:])
print(g[:, 1] if False else "skip")
for bad in [lambda: slice(), lambda: slice(1, 2, 3, 4), lambda: s.indices(-1), lambda: s.indices("x"),
            lambda: slice(0, 5, 0).indices(3), lambda: {s: 1}]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    s.start = 3
except AttributeError as e:
    print(e)
