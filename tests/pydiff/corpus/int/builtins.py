print(abs(-5), divmod(17, 5), divmod(-17, 5), pow(2, 10), pow(2, 10, 1000), round(2.5), round(3.5), round(-0.5))
print(min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), sum([1, 2], 10))
