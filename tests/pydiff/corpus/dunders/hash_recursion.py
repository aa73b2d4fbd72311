class Loop:
    def __hash__(self):
        return hash(self)

    def __eq__(self, other):
        return self is other


try:
    {Loop(): 1}
except RecursionError as e:
    print("RecursionError:", e)


class Deep:
    def __init__(self, inner):
        self.inner = inner

    def __hash__(self):
        return hash(self.inner) + 1

    def __eq__(self, other):
        return isinstance(other, Deep) and self.inner == other.inner


k = Deep(Deep(Deep(0)))
print({k: "deep"}[Deep(Deep(Deep(0)))], hash(k))
x = 0
for _ in range(2000):
    x = Deep(x)
{x: 1}
