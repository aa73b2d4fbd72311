classes = []


class Root:
    depth = 0


prev = Root
for i in range(300):
    class Next(prev):
        pass
    Next.depth = i + 1
    prev = Next
print(len(prev.__mro__), prev.depth, prev.__mro__[-2].__name__)


class W1:
    pass


class W2:
    pass


class W3(W1, W2):
    pass


class W4(W2, W1):
    pass


try:
    class W5(W3, W4):
        pass
except TypeError as e:
    print(type(e).__name__, e)
