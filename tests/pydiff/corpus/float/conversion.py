print(float('3.5'), float(' -2 '), float('1e3'), float('inf'), float('-inf'), float('nan'), float(7), float('1_0.5'))
