print(format('abc', 'd'))
