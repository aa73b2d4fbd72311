m = [[1, 2], [3, 4], [5]]
print([v for row in m for v in row], [[v * 10 for v in row] for row in m], [sum(r) for r in m if len(r) > 1])
