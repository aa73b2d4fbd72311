print(['even' if n % 2 == 0 else 'odd' for n in range(4)], [n for n in range(20) if n % 2 if n % 3])
