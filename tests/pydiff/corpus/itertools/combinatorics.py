from itertools import product, permutations, combinations, combinations_with_replacement as cwr
print(list(product('ab', [1, 2])))
print(list(product([0, 1], repeat=2)), list(product()), list(product([], [1])))
print(list(product('ab', repeat=0)), len(list(product(range(3), repeat=3))))
print(list(permutations([1, 2, 3])))
print(list(permutations('abc', 2)), list(permutations('ab', 3)), list(permutations([], 0)), list(permutations([])))
print(list(combinations('abcd', 2)), list(combinations([1, 2], 0)), list(combinations([1], 2)))
print(list(cwr('abc', 2)), list(cwr([], 0)), list(cwr([], 1)))
print(sum(1 for _ in permutations(range(6))), sum(1 for _ in combinations(range(10), 4)))
for bad in [lambda: combinations('abc'), lambda: combinations('abc', -1), lambda: permutations('ab', 'x'),
            lambda: product([1], repeat=-1), lambda: product(1), lambda: permutations(3)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
p = permutations([1, 2])
print(next(p), p.__next__(), next(p, None), iter(p) is p)
