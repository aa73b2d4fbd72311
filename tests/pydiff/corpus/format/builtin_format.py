print(format(5), format(0.5), format('x', '>3'), format(1e100), format(255, '08b'), format(1234.5, ','), format(-1, '+'))
