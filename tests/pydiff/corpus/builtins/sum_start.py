print(sum([0.1] * 10), sum([[1], [2]], []), sum(range(101)), sum([], 5), sum([1.5, 2]))
