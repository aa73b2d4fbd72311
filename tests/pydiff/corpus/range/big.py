# ranges whose bounds or length do not fit in 64 bits
r = range(2**63)
print(r[2**63 - 1], r[-1], r[-2**63])
print(len(range(2**63 - 1)))
try:
    len(r)
except OverflowError as e:
    print("OverflowError:", e)
try:
    len(range(2**64))
except OverflowError as e:
    print("OverflowError:", e)
big = range(10**20, 10**20 + 5)
print(big, len(big), list(big))
print(10**30 in range(10**31), 10**30 + 1 in range(0, 10**31, 2), -5 in range(10**31))
print(big.start, big.stop, big.step, bool(range(2**64)), bool(range(2**64, 2**64)))
print(range(10**20)[::2], range(10**20)[5:10], range(10**20)[::-1], range(10**20)[-3:])
print(range(0, 10**20, 3)[10**18:10**19:7])
print(range(10**20).index(10**19), range(10**20).count(10**19), range(10**20).count(-1))
try:
    range(10**20).index(-1)
except ValueError as e:
    print("ValueError:", e)
print(list(reversed(range(10**20, 10**20 + 3))), list(reversed(range(2**63 - 3, 2**63))))
print(next(reversed(range(10**20))), next(iter(range(-2**70, 0, 2**68))))
print(type(iter(range(10))).__name__, type(iter(range(2**63))).__name__)
print(type(iter(range(2**63 - 2, 2**63 - 1))).__name__, type(iter(range(-2**63, -2**63 + 2))).__name__)
print(type(reversed(range(10))).__name__, type(reversed(range(2**64))).__name__)
print(type(reversed(range(-2**63, 0))).__name__, type(reversed(range(2**63 - 1))).__name__)
print(range(2**64) == range(0, 2**64, 1), range(10**20, 10**20) == range(0), hash(range(2**64)) == hash(range(2**64)))
print(range(10**20)[10**19], range(-10**20, 10**20, 10**19)[3])
try:
    range(10**20)[10**20]
except IndexError as e:
    print("IndexError:", e)
try:
    range(5)[2**64]
except IndexError as e:
    print("IndexError:", e)
for i in range(2**64, 2**64 + 3):
    print(i, end=" ")
print()
print(sum(range(10**20, 10**20 + 4)), max(range(10**20, 10**20 + 4)), sorted(range(2**63 + 2, 2**63 - 2, -1)))
print([x * 2 for x in range(-2**63 - 1, -2**63 + 1)])
print(list(range(0, 2**65, 2**64)), list(range(2**65, 0, -2**64)))
print(repr(range(-10**20, 10**20, 10**19)), str(range(2**64, 0, -1)))
print(divmod(10**20, 7) in [(t, 1) for t in range(1)], 10**20 % 7 in range(7))
print(3.0 in range(5), 2.5 in range(10**20, 10**20 + 3), True in range(2), 1 in range(10**20, 0, -1))
print(range(2**64).index(True), range(10**20)[True], range(3)[False:2**70])
try:
    range(10).index("x")
except ValueError as e:
    print("ValueError:", e)
print(range(10**20) != range(10**20, 0), range(2, 2**64, 2**63)[1:], len(range(2**63 - 2, -1, -1)))
try:
    print(len(range(-2**63, 2**63, 1)))
except OverflowError as e:
    print("OverflowError:", e)
try:
    range(10**20)[1:"x"]
except TypeError as e:
    print("TypeError:", e)
try:
    range(10**20)["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    range(1, 2**64, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
print(range(5).index(3.0), range(5).count(3.0), range(2**64, 2**65).index(2.0**64))
r = range(2**64)
r[2**64]
