d = {"b": 2, "a": 1}
k = d.keys(); v = d.values(); it = d.items()
d["c"] = 3
print(k, v, it, list(k), k & {"a", "z"}, sorted(k - {"a"}), k | {"q"} == {"a", "b", "c", "q"}, ("a", 1) in it, reversed(d) is not None, list(reversed(d)))
print(d | {"z": 0}, {**d, "a": 9}, dict(sorted(d.items(), key=lambda kv: kv[1], reverse=True)), d.setdefault("x", []), d.pop("x"), d.popitem(), d)
print({1: "a", True: "b", 1.0: "c"}, {0: 1} == {0.0: 1}, dict(zip("abc", range(3))), dict.fromkeys("ab", []))
try:
    for key in d:
        d["new"] = 1
except RuntimeError as e:
    print(e)
s = {3, 1, 2}
print(s | {4}, s & {1, 5}, s - {1}, s ^ {1, 9}, s <= {1, 2, 3, 4}, s.isdisjoint({7}), sorted(s.union([9], (8,))), frozenset({1, 2}) == {1, 2}, {frozenset({1}): 1})
s.discard(99); s.add(0)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
print(s, s.pop(), len(s), set(), {()}, set("aab") == {"a", "b"})
lst = [5, 3, 8, 1]
lst2 = lst
lst2 += [0]
print(lst, lst[::-1], lst[1:3], lst[-2:], lst[::2], lst[10:], sorted(lst)[-1], lst.index(8), lst.count(5))
lst[1:3] = ["x", "y", "z"]
del lst[0]
lst.insert(-1, "ins"); lst.extend(range(2)); print(lst, lst.pop(0), lst.pop(-1), lst)
m = [[0] * 3 for _ in range(2)]; m[0][0] = 1; bad = [[0] * 3] * 2; bad[0][0] = 1
print(m, bad, [row[:] for row in m], list(zip(*m)), [x for row in m for x in row if x])
print(sorted([(1, "b"), (1, "a"), (0, "z")]), sorted(["b10", "b9", "a"], key=len), sorted([3, 1, 2], key=lambda x: 0))
a, *rest = [1, 2, 3]; *init, last = "abc"; (x, y), z = (1, 2), 3
print(a, rest, init, last, x, y, z)
first, second = "ab"
print(first, second, [*range(3), *"ab"], {**{"a": 1}}, (*[1],))
print(10 ** 20 // 3, -(2 ** 63), 2 ** 100 % 97, int("-0"), 7 / 7, 1e308 * 10, -1e308 * 10, 5 % -3, -5 // 3, 0.1 + 0.7, 1 / 3 * 3, 3.0 == 3, hash(1) == hash(1.0))
print(round(1234.5678, -2), round(-0.5), round(2.5), round(0.125, 2), round(1e20), int(1e20), float(10 ** 20), 10 ** 20 == 1e20, max(1, 2.0), min("b", "a"))
print(True + True, True * 3, -True, ~5, 5 & 3, 5 | 3, 5 ^ 3, 1 << 70, -1 >> 1, 0 or "x", 1 and 0, not [], [] or {} or "z", None is None)
print(f"{12345678901234567890:,}", f"{-1234.5:,.1f}", f"{0.000012345:.2e}", f"{1234.5:08.1f}", f"{-5:05d}", f"{5:<5d}|", f"{3.14159:{'.2f'}}")
print(str(0.1), str(1/3), str(2/3), str(1e-5), str(123456789012345678.0), str(1.0e15), str(1.0e16), repr(-0.0), 1e23, 9007199254740993.0)
x = 10
def outer():
    x = 20
    def inner():
        return x
    x = 30
    return inner()
print(outer())
def make():
    fns = []
    for i in range(3):
        def f(i=i):
            return i
        fns.append(f)
    return [f() for f in fns]
print(make())
def g():
    global x
    x += 1
    return x
print(g(), x)
try:
    def h():
        print(y_local)
        y_local = 1
    h()
except UnboundLocalError as e:
    print(e)
try:
    def h2():
        xx = 1
        def inner():
            xx += 1
        inner()
    h2()
except UnboundLocalError as e:
    print(e)
