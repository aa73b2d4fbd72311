# A set display of constants iterated by `for` or a comprehension is a frozenset constant
# (of any size), built from its items and built again in its own order; the right side of
# the last `in` / `not in` of a comparison is one too, and equal ones are merged.
for x in {7, 15}:
    print("for", x)
print({7, 15}, [x for x in {7, 15}], list(x for x in {7, 15}))
print([(a, b) for a in [1] for b in {15, 7, 23}])
print(sorted({x for x in {31, 7}}), {x: 0 for x in {7, 31}})

# `in` folds its right side: a later loop over an equal display takes its order.
print(99 in {23, 31}, 99 not in {1, 9})
for x in {31, 23}:
    print("after in", x)
for x in {9, 1}:
    print("after not in", x)

# Only the last comparison of a chain is folded.
print(1 in {7, 39} == False)
for x in {39, 7}:
    print("chain", x)

# The merge compares items with their types.
print({1, 9, 17}, {1.0, 9, 17}, {True, 9, 17}, {17, 9, 1}, {17, 9, 1.0}, {17, 9, True})
print({0.0, 8, 16}, {16, 8, -0.0}, {16, 8, 0.0}, {-0.0, 8, 16})
print({(1, 2), (3, 4), 5}, {5, (3, 4), (1, 2)}, {5, (3.0, 4), (1, 2)})

# The items kept are the first of each equal group.
print({1, 2, 1.0}, {2, 1, 2.0}, {1.0, 2, 1}, {True, 1, 2}, {1, True, 2})
print({-1, -9, -17}, {-17, -9, -1}, {~0, -9, -17})


def f():
    return {48, 32, 16, 0}


print(f(), {0, 16, 32, 48}, f() == {0, 16, 32, 48})
for x in {16, 0, 48, 32}:
    print("loop", x)
