fs = frozenset([3, 1, 2, 1])
print(fs, type(fs), type(fs).__name__, len(fs))
print(frozenset(), repr(frozenset("")), frozenset(fs) is fs)
s = {1, 2}
print(fs | s, s | fs, fs & s, fs - s, s - fs, fs ^ {5})
print(type(fs | s).__name__, type(s | fs).__name__)
print(fs == {1, 2, 3}, {1, 2, 3} == fs, fs <= {1, 2, 3, 4}, fs < fs, fs > frozenset([1]))
d = {fs: "x", frozenset(): "empty"}
print(d[frozenset([1, 2, 3])], d[frozenset()])
print({1, 2} in {frozenset([1, 2])}, frozenset([1]) in [frozenset([1])])
print(hash(frozenset()) == hash(frozenset([])), hash(fs) == hash(frozenset([1, 2, 3])))
print(fs.union([7]), fs.intersection({1, 9}), fs.difference([1]), fs.symmetric_difference([1, 8]))
print(type(fs.union([7])).__name__, fs.copy() is fs, fs.issubset(range(5)), fs.isdisjoint([9]), fs.issuperset([1]))
print(isinstance(fs, frozenset), isinstance(fs, set), isinstance(s, frozenset))
print({frozenset([1]), frozenset([1])}, sorted(fs), list(fs), 2 in fs)
print(set(fs), type(set(fs)).__name__)
g = fs
g |= {10}
print(g, fs, g is fs)
for name in ["add", "discard", "remove", "pop", "clear", "update"]:
    try:
        getattr(fs, name)
    except AttributeError as e:
        print(e)
try:
    {{1}: 2}
except TypeError as e:
    print(e)
print(frozenset({"a": 1}), frozenset((1, 2)) == frozenset([2, 1]))
print({1: frozenset([frozenset([2])])})
try:
    frozenset(1)
except TypeError as e:
    print(e)
try:
    frozenset([[1]])
except TypeError as e:
    print(e)
fs.add(1)
