# 3.11's tuple hash (xxHash's mixing) and the frozenset hash, over CPython's hashes of the items.
print(hash(()), hash((1,)), hash((1, 2)), hash((2, 1)), hash((1, (2, 3))), hash((-1,)), hash((-2,)))
print(hash((0.5, True, 2**70)), hash(((), ((),))), hash((1, 2)) == hash((1.0, 2)))
print(hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset({3, 2, 1})) == hash(frozenset([1, 2, 3])))
print(hash(frozenset({(1, 2), 3.5})), hash((frozenset({1}),)), hash(frozenset({frozenset({1, 2})})))
from collections import namedtuple
P = namedtuple('P', 'x y')
print(hash(P(1, 2)) == hash((1, 2)), hash(P(3, -1)))
try:
    hash((1, [2]))
except TypeError as e:
    print(e)
try:
    hash(frozenset({1}) | {2} and {3})
except TypeError as e:
    print(e)
