class Sku:
    def __init__(self, code):
        self.code = code

    def __eq__(self, other):
        print("eq", self.code, other.code if isinstance(other, Sku) else other)
        return isinstance(other, Sku) and self.code.lower() == other.code.lower()

    def __hash__(self):
        print("hash", self.code)
        return hash(self.code.lower())

    def __repr__(self):
        return f"Sku({self.code!r})"


stock = {Sku("AB"): 3}
print(stock[Sku("ab")])
print(Sku("Ab") in stock, Sku("zz") in stock, Sku("AB") in stock.keys())
stock[Sku("ab")] = 5
print(stock, len(stock))
print(stock.get(Sku("aB")), stock.get(Sku("x"), "none"))
print(stock.setdefault(Sku("new"), 1), stock.setdefault(Sku("NEW"), 2))
print(stock.pop(Sku("NeW")), len(stock))
del stock[Sku("AB")]
print(stock)
s = {Sku("a"), Sku("A"), Sku("b")}
print(len(s), sorted(x.code for x in s))
s.add(Sku("B"))
s.discard(Sku("a"))
print(len(s), Sku("b") in s, Sku("a") in s)
print(len(set([Sku("q"), Sku("Q")])), len(frozenset([Sku("q")])))
print(len({k: 1 for k in [Sku("m"), Sku("M")]}), len({k for k in [Sku("m"), Sku("M")]}))
print(Sku("x") in [Sku("y"), Sku("X")], Sku("x") in (Sku("X"),), [Sku("a")] == [Sku("A")])
print((Sku("a"), 1) == (Sku("A"), 1), {"k": Sku("a")} == {"k": Sku("A")})
pairs = {(Sku("a"), 1): "tuple key"}
print(pairs[(Sku("A"), 1)])


class Five:
    def __hash__(self):
        return 5

    def __eq__(self, other):
        return other == 5


d = {Five(): "five"}
print(d[5], 5 in d, hash(Five()))
print({5: "int"}[Five()])


class Bad:
    def __hash__(self):
        return "nope"

    def __eq__(self, other):
        return False


for f in [lambda: {Bad(): 1}, lambda: {Bad()}, lambda: Bad() in {1: 2}, lambda: hash(Bad())]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)


class Boom:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise ValueError("cannot compare")


b = {Boom(): 1}
print(b[list(b)[0]])
try:
    b[Boom()]
except ValueError as e:
    print("ValueError:", e)


class OnlyHash:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        print("hashing", self.n)
        return self.n


o = OnlyHash(7)
m = {o: "seven"}
print(m[o], OnlyHash(7) in m)
{Boom(): 2, Boom(): 3}
