print(2 + None)
