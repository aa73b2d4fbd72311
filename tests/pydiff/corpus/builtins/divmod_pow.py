print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 0.5), pow(-8, 3), pow(10, -2), pow(7, 2, 5))
