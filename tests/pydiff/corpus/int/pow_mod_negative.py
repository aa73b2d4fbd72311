print(pow(3, -1, 7), pow(2, -1, 5))
