print(sum(x for x in range(10)), max(len(w) for w in ['a', 'abc']), any(x > 3 for x in [1, 5]), all(x for x in []), sorted(x % 3 for x in range(6)))
