print(float(2 ** 100), 2 ** 100 / 3, float(10 ** 20))
