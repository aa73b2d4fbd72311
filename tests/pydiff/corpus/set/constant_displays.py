# A display of three or more constants is a frozenset constant to CPython's compiler (built,
# then built again from its own order), which the new set is merged from; a loop over such
# a display iterates the frozenset itself. Displays with names are built item by item.
n = 16
print({16, 17, 9, 0, 12}, {n, 17, 9, 0, 12}, {-1, -2, -3, 5}, {2**61, 2**64, -2**61})
print({(1, 2), (3, 4), (0, 0), (5,)}, {1 << 3, 3 * 8, 0}, {2**65, 1, 9})
for v in {16, 17, 9, 0, 12}:
    print(v, end=' ')
print()
print([v for v in {-1, -2, -3, 5}], {v for v in {(1, 2), (3, 4), (0, 0), (5,)}})
print(sorted({3, 1, 2}), 9 in {16, 17, 9}, list({8, 0, 16}))
