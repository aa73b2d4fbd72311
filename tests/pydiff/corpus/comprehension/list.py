print([x * x for x in range(5)], [c for c in 'hello' if c != 'l'], [x for x in []], [(x, y) for x in range(3) for y in range(x)])
