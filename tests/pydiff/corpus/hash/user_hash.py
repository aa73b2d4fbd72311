# A class's __hash__ result is hash() as it is when it fits a machine word; bigger results are
# hashed as ints. Tuples of such instances mix those hashes.
class K:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __repr__(self):
        return f"K({self.h})"


print(hash(K(5)), hash(K(2**62)), hash(K(-1)), hash(K(2**64)), hash(K(-2**63)), hash(K(True)))
print(hash((K(5), K(2**62))), hash((K(1), 2)) == hash((1, 2)))
print({K(8), K(0), K(16), K(3)})
print({K(2**62), K(2**62 + 8), K(2**61)})
s = {K(-1), K(-2), K(5)}
print(s, 5 in {K(5)}, K(5) in {5})
try:
    hash(K('x'))
except TypeError as e:
    print(e)
