from itertools import islice, count, chain, repeat, cycle
tests = [lambda: islice([1], -1), lambda: islice([1], -2), lambda: islice([1], 'a'),
         lambda: islice([1], 1.5), lambda: islice([1], -1, 3), lambda: islice([1], 0, -1),
         lambda: islice([1], 0, 2, 0), lambda: islice([1], 0, 2, -1), lambda: islice([1], 'x', 2),
         lambda: islice([1]), lambda: islice(5, 2), lambda: islice([1], 1, 2, 3, 4),
         lambda: count('a'), lambda: count(1, 'b'), lambda: chain(5), lambda: list(chain(5)),
         lambda: repeat(), lambda: repeat(1, 'x'), lambda: cycle(3), lambda: cycle(),
         lambda: islice([1], stop=3), lambda: chain.from_iterable(5)]
for t in tests:
    try:
        r = t()
        print('ok', type(r).__name__)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(list(chain.from_iterable([5])))
